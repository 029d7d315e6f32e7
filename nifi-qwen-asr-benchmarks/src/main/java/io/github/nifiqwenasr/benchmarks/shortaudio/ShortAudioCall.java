/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.shortaudio;

import java.nio.file.Path;

/**
 * What every contender is asked to do: recognise one local audio file with qwen3-asr-flash at the endpoint.
 *
 * @param apiBaseUrl the simulator's API endpoint, {@code http://127.0.0.1:<port>}
 */
public record ShortAudioCall(Path audio, String mimeType, String apiBaseUrl, String apiKey) {

    public static final String MODEL = "qwen3-asr-flash";
}
