/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.shortaudio;

/** The dashscope-sdk-java version the suite measures; keep in step with the module's pom. */
final class SdkVersion {

    static final String VERSION = "2.22.13";

    private SdkVersion() {
    }
}
