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
 * qwen3-asr-flash on DashScope's native generation endpoint (dashscope-api.md section 2), streamed with
 * {@code X-DashScope-SSE: enable} and {@code incremental_output} (section 3).
 */
final class NativeShortAudio implements StreamingShortAudio {

    @Override
    public String path() {
        return HttpQwenAsrClient.SHORT_AUDIO_PATH;
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
        // every input form (http, https, oss:// and data URLs) is accepted (section 2.1)
    }

    /** Section 2.1; with {@code stream}, section 3.1 plus {@code incremental_output} so every event carries only its piece. */
    @Override
    public Request.Builder request(final HttpUrl url, final ShortAudioRequest request, final boolean stream) throws AsrException {
        final ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", request.model());
        final ArrayNode messages = body.putObject("input").putArray("messages");
        if (request.context() != null && !request.context().isEmpty()) {
            messages.addObject().put("role", "system").putArray("content").addObject().put("text", request.context());
        }
        final ObjectNode audioItem = messages.addObject().put("role", "user").putArray("content").addObject();
        final ObjectNode parameters = body.putObject("parameters");
        final ObjectNode options = parameters.putObject("asr_options");
        options.put("enable_itn", request.enableItn());
        if (request.language() != null) {
            options.put("language", request.language());
        }
        final Request.Builder http = new Request.Builder().url(url);
        if (stream) {
            parameters.put("incremental_output", true);
            http.header(DashScopeHeaders.SSE, DashScopeHeaders.ENABLE);
        }
        if (request.audio() instanceof AudioInput.Url audioUrl) {
            DashScopeHeaders.markOssResource(http, audioUrl.url());
        }
        return http.post(RequestBodies.withAudio(body, audioItem, "audio", request.audio()));
    }

    /** Section 2.2: the text items of {@code output.choices[0].message.content}, language and emotion from annotations. */
    @Override
    public ShortAudioResult parse(final JsonNode answer, final ShortAudioRequest request) throws AsrException {
        final JsonNode message = answer.path("output").path("choices").path(0).path("message");
        final JsonNode content = message.path("content");
        if (!content.isArray()) {
            throw JsonFields.unexpected(HttpQwenAsrClient.SHORT_AUDIO, "output.choices[0].message.content");
        }
        final TranscriptBuilder transcript = new TranscriptBuilder();
        content.forEach(item -> transcript.append(item.path("text").asText("")));
        JsonFields.annotations(message, transcript);
        transcript.audioSeconds(JsonFields.seconds(answer));
        transcript.requestId(JsonFields.text(answer, "request_id"));
        return transcript.build();
    }

    @Override
    public StreamedAnswer streamedAnswer(final ShortAudioRequest request, final HttpUrl url) {
        return new NativeStreamedAnswer(url);
    }
}
