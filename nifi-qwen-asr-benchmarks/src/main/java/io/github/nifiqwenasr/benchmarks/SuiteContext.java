/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks;

import java.nio.file.Path;

/**
 * What every benchmark gets from the suite.
 *
 * @param work  a directory for files the benchmarks write (audio, transcripts, child logs)
 * @param quick shorter runs, for checking that the suite works; figures from a quick run are not reported
 */
public record SuiteContext(ChildJvm jvm, Classpaths classpaths, Path work, boolean quick) {
}
