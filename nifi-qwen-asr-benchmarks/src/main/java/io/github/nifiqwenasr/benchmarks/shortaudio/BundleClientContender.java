/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.shortaudio;

import io.github.nifiqwenasr.api.AudioInput;
import io.github.nifiqwenasr.api.QwenAsrClient;
import io.github.nifiqwenasr.api.ShortAudioRequest;
import io.github.nifiqwenasr.benchmarks.Wiring;
import org.apache.nifi.util.NoOpProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * The bundle's client, as an enabled StandardQwenAsrClientService hands it to TranscribeAudioShort: the audio is
 * streamed from the file into a Base64 data URL while the request is written, as from NiFi's content repository.
 */
final class BundleClientContender implements Contender {

    private final QwenAsrClient client;
    private final ShortAudioRequest request;

    BundleClientContender(final ShortAudioCall call) throws IOException {
        this.client = Wiring.client(Wiring.runner(NoOpProcessor.class, call.apiBaseUrl(), call.apiKey(),
                Map.of("Requests Per Minute", "1000000")));
        final AudioInput.Content content = new AudioInput.Content(() -> Files.newInputStream(call.audio()),
                Files.size(call.audio()), call.mimeType());
        this.request = new ShortAudioRequest(ShortAudioCall.MODEL, content, null, false, null);
    }

    @Override
    public String transcribe() throws Exception {
        return client.transcribe(request).text();
    }
}
