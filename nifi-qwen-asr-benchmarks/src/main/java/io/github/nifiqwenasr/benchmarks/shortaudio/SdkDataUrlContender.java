/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.shortaudio;

import java.nio.file.Files;
import java.util.Base64;

/**
 * The SDK with local audio as a Base64 data URL, as the samples build it: {@code Files.readAllBytes}, then
 * {@code Base64.getEncoder().encodeToString}, then {@code "data:<mime>;base64," + encoded}. One request, the same
 * bytes on the wire as the bundle sends.
 */
final class SdkDataUrlContender implements Contender {

    private final ShortAudioCall call;

    SdkDataUrlContender(final ShortAudioCall call) {
        this.call = call;
        Sdk.useEndpoint(call.apiBaseUrl());
    }

    @Override
    public String transcribe() throws Exception {
        final String encoded = Base64.getEncoder().encodeToString(Files.readAllBytes(call.audio()));
        return Sdk.transcribe(call, "data:" + call.mimeType() + ";base64," + encoded);
    }
}
