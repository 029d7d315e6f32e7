/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import java.nio.file.Path;
import java.util.List;

/**
 * The values of the example flows' shared parameter context ({@code examples/*.json}): the client service's three
 * (region, API key, endpoint override) and the flows' directories, all under one data directory.
 */
public final class ExampleParameters {

    private ExampleParameters() {
    }

    /** The parameters for a service at {@code endpointOverride} (empty: the region's own endpoint), files under {@code data}. */
    public static List<Parameter> of(final String region, final String apiKey, final String endpointOverride, final Path data) {
        return List.of(
                Parameter.plain("Region", region),
                Parameter.sensitive("API Key", apiKey),
                Parameter.plain("Endpoint Override URL", endpointOverride),
                Parameter.plain("Short Audio Input Directory", data.resolve("in/short-audio").toString()),
                Parameter.plain("Long Audio Input Directory", data.resolve("in/long-audio").toString()),
                Parameter.plain("Transcripts Directory", data.resolve("out/transcripts").toString()),
                Parameter.plain("Subtitles Directory", data.resolve("out/subtitles").toString()),
                Parameter.plain("Records Directory", data.resolve("out/records").toString()),
                Parameter.plain("Failure Directory", data.resolve("out/failures").toString()));
    }

    /** The parameters for the simulator, in the Singapore region. */
    public static List<Parameter> of(final SimulatorProcess simulator, final Path data) {
        return of("ap-southeast-1", simulator.apiKey(), simulator.apiBaseUrl(), data);
    }
}
