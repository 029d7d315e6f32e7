/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.AudioInput;
import io.github.nifiqwenasr.api.Languages;
import io.github.nifiqwenasr.api.Region;
import io.github.nifiqwenasr.api.ShortAudioRequest;
import io.github.nifiqwenasr.api.ShortAudioResult;
import io.github.nifiqwenasr.io.Json;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * qwen3-asr-flash on DashScope's OpenAI-compatible chat completions (dashscope-api.md section 4): the audio as
 * {@code {"type":"input_audio","input_audio":{"data": <URL or data URL>}}}, options in the top-level
 * {@code asr_options}; streamed with {@code stream: true} and the usage chunk, which carries the billed seconds.
 */
final class CompatibleShortAudio implements StreamingShortAudio {

    static final String PATH = "compatible-mode/v1/chat/completions";

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public String model(final Region region, final String model) throws AsrException {
        return region.shortAudioModel(model);
    }

    @Override
    public String checkLanguage(final String value) throws AsrException {
        return Languages.check(value);
    }

    @Override
    public void checkAudio(final AudioInput audio) {
        // public URLs, data URLs and (with the resolve header) oss:// URLs are all accepted (section 4.1)
    }

    /** Section 4.1, with the optional system message (context) first. */
    @Override
    public Request.Builder request(final HttpUrl url, final ShortAudioRequest request, final boolean stream) throws AsrException {
        final ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", request.model());
        final ArrayNode messages = body.putArray("messages");
        if (request.context() != null && !request.context().isEmpty()) {
            messages.addObject().put("role", "system").putArray("content").addObject().put("text", request.context());
        }
        final ObjectNode audioPart = messages.addObject().put("role", "user").putArray("content").addObject()
                .put("type", "input_audio");
        final ObjectNode inputAudio = audioPart.putObject("input_audio");
        body.put("stream", stream);
        if (stream) {
            body.putObject("stream_options").put("include_usage", true);
        }
        final ObjectNode options = body.putObject("asr_options");
        options.put("enable_itn", request.enableItn());
        if (request.language() != null) {
            options.put("language", request.language());
        }
        final Request.Builder http = new Request.Builder().url(url);
        if (request.audio() instanceof AudioInput.Url audioUrl) {
            DashScopeHeaders.markOssResource(http, audioUrl.url());
        }
        return http.post(RequestBodies.withAudio(body, inputAudio, "data", request.audio()));
    }

    @Override
    public ShortAudioResult parse(final JsonNode answer, final ShortAudioRequest request) throws AsrException {
        return ChatCompletionAnswers.parse(answer, null);
    }

    @Override
    public StreamedAnswer streamedAnswer(final ShortAudioRequest request, final HttpUrl url) {
        return new ChatStreamedAnswer(url, null);
    }
}
