/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.ShortAudioResult;
import okhttp3.HttpUrl;

/**
 * An OpenAI-style chat completion stream, as DashScope's compatible mode (dashscope-api.md section 4.3) and vLLM
 * (vllm/entrypoints/openai/chat_completion/serving.py) send it: {@code data:} chunks whose
 * {@code choices[0].delta.content} are incremental pieces, a chunk with a {@code finish_reason}, an optional usage
 * chunk with empty {@code choices}, then {@code data: [DONE]}. An error arrives as a chunk {@code {"error": {...}}}
 * (vLLM still sends [DONE] after it). The model's language prefix may be split across pieces, so it is removed only
 * from the assembled text.
 */
final class ChatStreamedAnswer implements StreamedAnswer {

    private static final String DONE = "[DONE]";

    private final HttpUrl url;
    private final String forcedLanguage;
    private final TranscriptBuilder transcript = new TranscriptBuilder();
    private boolean finished;

    ChatStreamedAnswer(final HttpUrl url, final String forcedLanguage) {
        this.url = url;
        this.forcedLanguage = forcedLanguage;
    }

    @Override
    public boolean accept(final SseEvent event) throws AsrException {
        if (event.data().strip().equals(DONE)) {
            finished = true;
            return true;
        }
        final JsonNode chunk = event.json(url, HttpQwenAsrClient.SHORT_AUDIO);
        final JsonNode error = chunk.get("error");
        if (error != null && !error.isNull()) {
            throw RemoteErrors.fromStreamError(null, event.data(), url, HttpQwenAsrClient.SHORT_AUDIO);
        }
        ChatCompletionAnswers.requestId(chunk, transcript);
        transcript.audioSeconds(JsonFields.seconds(chunk));
        final JsonNode choice = chunk.path("choices").path(0);
        final JsonNode delta = choice.path("delta");
        final String piece = JsonFields.text(delta, "content");
        if (piece != null) {
            transcript.append(piece);
        }
        JsonFields.annotations(delta, transcript);
        return false;
    }

    /** Complete once [DONE] arrived: a stream that breaks off after its last piece has lost nothing, but cannot tell. */
    @Override
    public ShortAudioResult result() throws AsrException {
        if (!finished) {
            throw RemoteErrors.incompleteStream(url, HttpQwenAsrClient.SHORT_AUDIO);
        }
        return transcript.buildFromModelOutput(transcript.text(), forcedLanguage);
    }

}
