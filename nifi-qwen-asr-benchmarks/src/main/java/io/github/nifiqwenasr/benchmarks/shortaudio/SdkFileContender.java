/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.shortaudio;

/**
 * The SDK with local audio as a {@code file://} path, as the samples show: the SDK asks for an upload policy, uploads
 * the file to the service's temporary storage and sends the resulting {@code oss://} URL. Three requests per
 * recognition, the file streamed from disk.
 */
final class SdkFileContender implements Contender {

    private final ShortAudioCall call;
    private final String fileUrl;

    SdkFileContender(final ShortAudioCall call) {
        this.call = call;
        this.fileUrl = "file://" + call.audio().toAbsolutePath();
        Sdk.useEndpoint(call.apiBaseUrl());
    }

    @Override
    public String transcribe() throws Exception {
        return Sdk.transcribe(call, fileUrl);
    }
}
