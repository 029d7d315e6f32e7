/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.api.ApiProtocol;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.AudioInput;
import io.github.nifiqwenasr.api.QwenAsrClient;
import io.github.nifiqwenasr.api.Region;
import io.github.nifiqwenasr.api.ShortAudioRequest;
import io.github.nifiqwenasr.api.ShortAudioResult;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * How one {@link ApiProtocol} asks for a short-audio recognition and reads the answer: the wire format only.
 * {@link QwenAsrClient} sends the request, authenticates it, bounds the answer and classifies errors the same way for
 * every protocol.
 */
interface ShortAudioProtocol {

    /** How short audio goes in {@code protocol}; the streaming ones are {@link StreamingShortAudio}. */
    static ShortAudioProtocol of(final ApiProtocol protocol) {
        return switch (protocol) {
            case DASHSCOPE_NATIVE -> new NativeShortAudio();
            case DASHSCOPE_COMPATIBLE -> new CompatibleShortAudio();
            case OPENAI_CHAT_COMPLETIONS -> new OpenAiChatShortAudio();
            case OPENAI_AUDIO_TRANSCRIPTIONS -> new OpenAiTranscriptionShortAudio();
        };
    }

    /** The recognition endpoint below the base URL, e.g. {@code v1/chat/completions}. */
    String path();

    /** The model name as the endpoint knows it. */
    String model(Region region, String model) throws AsrException;

    /** The language to send for a Language value: null to let the model detect it. */
    String checkLanguage(String value) throws AsrException;

    /** Refuses audio this protocol cannot send, before anything is sent. */
    void checkAudio(AudioInput audio) throws AsrException;

    /** The request, without credentials; {@code stream} asks for an event stream. */
    Request.Builder request(HttpUrl url, ShortAudioRequest request, boolean stream) throws AsrException;

    /** Reads a complete (JSON) answer. */
    ShortAudioResult parse(JsonNode answer, ShortAudioRequest request) throws AsrException;
}
