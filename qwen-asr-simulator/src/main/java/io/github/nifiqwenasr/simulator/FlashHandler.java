/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiqwenasr.simulator.audio.AudioDigest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** qwen3-asr-flash on the native generation endpoint: JSON (section 2) or SSE with X-DashScope-SSE (section 3). */
final class FlashHandler implements EndpointHandler {
    private final SimulatorSettings settings;
    private final FlashAudio audio;
    private final String storageBaseUrl;

    FlashHandler(final SimulatorSettings settings, final FlashAudio audio, final String storageBaseUrl) {
        this.settings = settings;
        this.audio = audio;
        this.storageBaseUrl = storageBaseUrl;
    }

    @Override
    public void handle(final Call call) throws ApiError, IOException {
        final JsonNode body = call.jsonBody();
        final String model = RequestRules.model(body);
        ModelCatalog.require(model, settings.region(), ModelFamily.FLASH);
        final JsonNode input = body.get("input");
        if (input == null || input.isNull()) {
            throw ApiError.badRequest("BadRequest.EmptyInput", "Required input parameter missing from request.");
        }
        if (!input.isObject()) {
            throw ApiError.invalidParameter("Parameter input must be an object.");
        }
        final String reference = FlashMessages.audioReference(input.get("messages"), "input.messages", FlashMessages.AudioItemShape.NATIVE);
        final JsonNode parameters = RequestRules.optionalObject(body, "parameters", "parameters");
        final JsonNode asrOptions = parameters == null ? null : RequestRules.optionalObject(parameters, "asr_options", "parameters.asr_options");
        final String language = RequestRules.asrOptionsLanguage(asrOptions, "parameters.asr_options");
        // Section 3.3: false is the server default [I]; the flag only shapes streaming answers.
        final boolean incremental = RequestRules.optionalBoolean(parameters, "incremental_output", "parameters.incremental_output", false);
        final AudioDigest digest = audio.resolve(reference, call, model, storageBaseUrl);
        final Recognition recognition = Recognition.of(digest, language);
        if (call.style() == ErrorStyle.SSE) {
            stream(call, recognition, incremental);
        } else if (!call.preemptedByMidStreamFault()) {
            final ObjectNode answer = answer(recognition, recognition.text(), "stop", call.requestId());
            call.exchange().respond(200, ErrorStyle.JSON, Json.MAPPER.writeValueAsBytes(answer));
        }
    }

    private static void stream(final Call call, final Recognition recognition, final boolean incremental) throws IOException {
        final List<String> pieces = recognition.pieces();
        final boolean failMidStream = call.midStreamFault().isPresent();
        final int events = call.eventsBeforeFault(pieces.size());
        try (OutputStream out = call.exchange().respondChunked(200, SseEvents.CONTENT_TYPE)) {
            final StringBuilder soFar = new StringBuilder();
            for (int i = 0; i < events; i++) {
                soFar.append(pieces.get(i));
                final boolean last = !failMidStream && i == pieces.size() - 1;
                final ObjectNode data = answer(recognition, incremental ? pieces.get(i) : soFar.toString(),
                        last ? "stop" : "null", call.requestId());
                ((ObjectNode) data.get("usage").get("output_tokens_details")).put("text_tokens", Recognition.tokens(soFar.toString()));
                out.write(SseEvents.result(i + 1, data).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            if (failMidStream && !call.stalledMidStream()) {
                final ApiError error = call.midStreamFault().get().asError();
                out.write(SseEvents.error(events + 1, error, call.requestId()).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Section 2.2, field for field; {@code finishReason} is the string "null" on intermediate SSE events. */
    static ObjectNode answer(final Recognition recognition, final String text, final String finishReason, final String requestId) {
        final ObjectNode answer = Json.MAPPER.createObjectNode();
        final ObjectNode choice = answer.putObject("output").putArray("choices").addObject();
        choice.put("finish_reason", finishReason);
        final ObjectNode message = choice.putObject("message");
        message.putArray("annotations").addObject()
                .put("language", recognition.language()).put("type", "audio_info").put("emotion", recognition.emotion());
        message.putArray("content").addObject().put("text", text);
        message.put("role", "assistant");
        final ObjectNode usage = answer.putObject("usage");
        usage.putObject("input_tokens_details").put("text_tokens", 0);
        usage.putObject("output_tokens_details").put("text_tokens", Recognition.tokens(recognition.text()));
        usage.put("seconds", recognition.seconds());
        answer.put("request_id", requestId);
        return answer;
    }
}
