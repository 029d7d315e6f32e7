/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.AudioInput;
import io.github.nifiqwenasr.api.Languages;
import io.github.nifiqwenasr.api.Region;
import io.github.nifiqwenasr.api.ShortAudioRequest;
import io.github.nifiqwenasr.api.ShortAudioResult;
import io.github.nifiqwenasr.io.Json;
import okhttp3.HttpUrl;
import okhttp3.Request;

import java.util.Locale;

/**
 * A self-hosted Qwen3-ASR on vLLM's chat completions ({@code POST /v1/chat/completions}), as the QwenLM/Qwen3-ASR
 * README ("Deployment with vLLM") and vLLM's Qwen3-ASR recipe call it: one user message with an
 * {@code {"type":"audio_url","audio_url":{"url": <http(s) or data URL>}}} part. The context goes first as a system
 * message with string content, as qwen_asr's {@code _build_messages} does. A requested language is forced the way
 * qwen_asr forces it ({@code _build_text_prompt} appends {@code language <Name><asr_text>} to the assistant turn):
 * a final assistant message with that prefix, {@code continue_final_message: true} and
 * {@code add_generation_prompt: false} (vLLM's chat request options). The model has no inverse text normalisation,
 * so Enable ITN is not sent.
 */
final class OpenAiChatShortAudio implements StreamingShortAudio {

    static final String PATH = "v1/chat/completions";

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public String model(final Region region, final String model) {
        return model;
    }

    @Override
    public String checkLanguage(final String value) throws AsrException {
        return Languages.checkOpenModel(value);
    }

    /** vLLM fetches http and https URLs itself; it has no access to DashScope's temporary storage. */
    @Override
    public void checkAudio(final AudioInput audio) throws AsrException {
        if (audio instanceof AudioInput.Url url && !url.url().toLowerCase(Locale.ROOT).startsWith("http")) {
            throw AsrException.permanent(AsrErrorCodes.AUDIO_URL_NOT_SUPPORTED, "Audio URL '" + Urls.redact(url.url())
                    + "' is not an http:// or https:// URL; a self-hosted server cannot read DashScope's oss:// storage."
                    + " Leave Audio URL empty to send the content instead");
        }
    }

    @Override
    public Request.Builder request(final HttpUrl url, final ShortAudioRequest request, final boolean stream) throws AsrException {
        final ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", request.model());
        final ArrayNode messages = body.putArray("messages");
        if (request.context() != null && !request.context().isEmpty()) {
            messages.addObject().put("role", "system").put("content", request.context());
        }
        final ObjectNode audioUrl = messages.addObject().put("role", "user").putArray("content").addObject()
                .put("type", "audio_url").putObject("audio_url");
        if (request.language() != null) {
            messages.addObject().put("role", "assistant").put("content", Qwen3AsrOutput.forcing(request.language()));
            body.put("continue_final_message", true).put("add_generation_prompt", false);
        }
        body.put("stream", stream);
        if (stream) {
            body.putObject("stream_options").put("include_usage", true);
        }
        return new Request.Builder().url(url).post(RequestBodies.withAudio(body, audioUrl, "url", request.audio()));
    }

    @Override
    public ShortAudioResult parse(final JsonNode answer, final ShortAudioRequest request) throws AsrException {
        return ChatCompletionAnswers.parse(answer, request.language());
    }

    @Override
    public StreamedAnswer streamedAnswer(final ShortAudioRequest request, final HttpUrl url) {
        return new ChatStreamedAnswer(url, request.language());
    }
}
