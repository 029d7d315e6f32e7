/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.api;

import org.apache.nifi.components.DescribedValue;

/**
 * The HTTP API a client service speaks: DashScope's own two (Model Studio), or the OpenAI-style APIs of a Qwen3-ASR
 * model that a team serves itself with vLLM. The self-hosted ones need the server's address (Endpoint Override URL)
 * and offer short audio only.
 */
public enum ApiProtocol implements DescribedValue {
    DASHSCOPE_NATIVE("dashscope-native", "DashScope native",
            "Model Studio's native API (dashscope-api.md sections 2, 3, 5): short audio, streaming, and the file"
                    + " transcription of long audio (SubmitAsrTask, PollAsrTask, FetchTranscript)."),
    DASHSCOPE_COMPATIBLE("dashscope-openai-compatible", "DashScope OpenAI-compatible",
            "Model Studio's OpenAI-compatible chat completions (/compatible-mode/v1, section 4): short audio and"
                    + " streaming. Not offered in the US region."),
    OPENAI_CHAT_COMPLETIONS("openai-chat-completions", "OpenAI chat completions (self-hosted)",
            "A self-hosted Qwen3-ASR model behind vLLM's OpenAI-compatible server: POST /v1/chat/completions with the"
                    + " audio as an audio_url. Short audio and streaming; audio URLs must be http or https."),
    OPENAI_AUDIO_TRANSCRIPTIONS("openai-audio-transcriptions", "OpenAI audio transcriptions (self-hosted)",
            "A self-hosted Qwen3-ASR model behind vLLM's OpenAI-compatible server: POST /v1/audio/transcriptions with"
                    + " the audio as a multipart file. Short audio sent as content only: no audio URLs, no streaming.");

    private final String value;
    private final String displayName;
    private final String description;

    ApiProtocol(final String value, final String displayName, final String description) {
        this.value = value;
        this.displayName = displayName;
        this.description = description;
    }

    public static ApiProtocol fromValue(final String value) {
        for (final ApiProtocol protocol : values()) {
            if (protocol.value.equals(value)) {
                return protocol;
            }
        }
        throw new IllegalArgumentException("Unknown API protocol " + value);
    }

    @Override
    public String getValue() {
        return value;
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public String getDescription() {
        return description;
    }

    /** Served by a team's own server: no region, no DashScope key; the Endpoint Override URL is its address. */
    public boolean isSelfHosted() {
        return this == OPENAI_CHAT_COMPLETIONS || this == OPENAI_AUDIO_TRANSCRIPTIONS;
    }

    /** Whether SubmitAsrTask and PollAsrTask can use a service speaking this protocol. */
    public boolean offersFileTranscription() {
        return this == DASHSCOPE_NATIVE;
    }

    /** Whether answers can be streamed (TranscribeAudioShort's Streaming): all but OpenAI audio transcriptions. */
    public boolean offersStreaming() {
        return this != OPENAI_AUDIO_TRANSCRIPTIONS;
    }
}
