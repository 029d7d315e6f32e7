/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks;

/** One measurement of the suite; it runs its contenders and its baseline in the same run. */
public interface Benchmark {

    /** The name used by {@code --only}. */
    String id();

    Section run() throws Exception;
}
