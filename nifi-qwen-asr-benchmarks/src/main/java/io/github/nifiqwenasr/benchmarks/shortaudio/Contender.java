/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.shortaudio;

/**
 * One way of getting short audio recognised: the bundle, the official SDK, or naive code. Thread-safe: the throughput
 * runs call one instance from several threads, as a flow or a script with a thread pool would.
 */
public interface Contender extends AutoCloseable {

    /** Sends the audio once and returns the transcript. */
    String transcribe() throws Exception;

    @Override
    default void close() throws Exception {
    }
}
