/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two class paths the contenders run with. The bundle's has OkHttp 5 (okhttp-jvm), the SDK's has the OkHttp 4.12
 * the SDK depends on; both classes live in package {@code okhttp3}, so they cannot share a JVM. Each starts with the
 * suite's own classes.
 *
 * @param bundle the bundle, nifi-mock, the simulator and Jackson
 * @param sdk    dashscope-sdk-java with its own dependencies
 */
public record Classpaths(String bundle, String sdk) {

    public static Classpaths read(final Path classes, final Path bundleFile, final Path sdkFile) throws IOException {
        return new Classpaths(classes + File.pathSeparator + Files.readString(bundleFile).trim(),
                classes + File.pathSeparator + Files.readString(sdkFile).trim());
    }
}
