/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.ShortAudioResult;

/**
 * Reads chat completion answers of both OpenAI-style servers: DashScope's compatible mode (dashscope-api.md section
 * 4.2: the text in {@code choices[0].message.content}, language and emotion in its {@code annotations},
 * {@code usage.seconds}, {@code request_id} only on errors) and vLLM (vllm/entrypoints/openai/chat_completion
 * ChatCompletionResponse: the model's raw output {@code language X<asr_text>text} in {@code content}, token usage
 * only). The id of the completion serves as request id when there is no {@code request_id}.
 */
final class ChatCompletionAnswers {

    private ChatCompletionAnswers() {
    }

    /**
     * @param forcedLanguage the language the request forced, reported when the answer names none
     */
    static ShortAudioResult parse(final JsonNode answer, final String forcedLanguage) throws AsrException {
        final JsonNode message = answer.path("choices").path(0).path("message");
        final JsonNode content = message.path("content");
        if (!content.isTextual()) {
            throw JsonFields.unexpected(HttpQwenAsrClient.SHORT_AUDIO, "choices[0].message.content");
        }
        final TranscriptBuilder transcript = new TranscriptBuilder();
        JsonFields.annotations(message, transcript);
        transcript.audioSeconds(JsonFields.seconds(answer));
        requestId(answer, transcript);
        return transcript.buildFromModelOutput(content.asText(), forcedLanguage);
    }

    /** The request id of an answer or chunk: DashScope's {@code request_id}, else the completion's {@code id}. */
    static void requestId(final JsonNode answer, final TranscriptBuilder transcript) {
        final String requestId = JsonFields.text(answer, "request_id");
        transcript.requestId(requestId != null ? requestId : JsonFields.text(answer, "id"));
    }
}
