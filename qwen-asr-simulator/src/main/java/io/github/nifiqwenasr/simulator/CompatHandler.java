/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiqwenasr.simulator.audio.AudioDigest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** qwen3-asr-flash on the OpenAI-compatible chat completions endpoint (section 4). */
final class CompatHandler implements EndpointHandler {
    /** Section 4.2: 25 audio tokens per second of audio. */
    private static final int AUDIO_TOKENS_PER_SECOND = 25;
    private static final String CHUNK = "chat.completion.chunk";

    private final SimulatorSettings settings;
    private final FlashAudio audio;
    private final String storageBaseUrl;

    CompatHandler(final SimulatorSettings settings, final FlashAudio audio, final String storageBaseUrl) {
        this.settings = settings;
        this.audio = audio;
        this.storageBaseUrl = storageBaseUrl;
    }

    @Override
    public void handle(final Call call) throws ApiError, IOException {
        if (settings.region() == Region.US_EAST_1) {
            // Section 1.1: "The US region does not support the OpenAI compatible mode"; [I] answered as a 404.
            throw new ApiError(404, "NotFound", "not_found", "The US region does not support the OpenAI compatible mode.");
        }
        final JsonNode body = call.jsonBody();
        final String model = RequestRules.model(body);
        ModelCatalog.require(model, settings.region(), ModelFamily.FLASH);
        final String reference = FlashMessages.audioReference(body.get("messages"), "messages", FlashMessages.AudioItemShape.COMPAT);
        final JsonNode asrOptions = RequestRules.optionalObject(body, "asr_options", "asr_options");
        final String language = RequestRules.asrOptionsLanguage(asrOptions, "asr_options");
        final boolean stream = RequestRules.optionalBoolean(body, "stream", "stream", false);
        final JsonNode streamOptions = RequestRules.optionalObject(body, "stream_options", "stream_options");
        if (streamOptions != null && !stream) {
            // Section 4.1: stream_options only with stream=true; [I] rejected otherwise, as OpenAI does.
            throw ApiError.invalidParameter("The 'stream_options' parameter is only allowed when 'stream' is enabled.");
        }
        final boolean includeUsage = RequestRules.optionalBoolean(streamOptions, "include_usage", "stream_options.include_usage", false);
        final AudioDigest digest = audio.resolve(reference, call, model, storageBaseUrl);
        final Recognition recognition = Recognition.of(digest, language);
        final String id = "chatcmpl-" + call.requestId();
        final long created = Instant.now().getEpochSecond();
        if (stream) {
            stream(call, recognition, model, id, created, includeUsage);
        } else if (!call.preemptedByMidStreamFault()) {
            call.exchange().respond(200, ErrorStyle.JSON, Json.MAPPER.writeValueAsBytes(answer(recognition, model, id, created)));
        }
    }

    /** Section 4.2, field for field. */
    private static ObjectNode answer(final Recognition recognition, final String model, final String id, final long created) {
        final ObjectNode answer = Json.MAPPER.createObjectNode();
        final ObjectNode choice = answer.putArray("choices").addObject();
        choice.put("finish_reason", "stop").put("index", 0);
        final ObjectNode message = choice.putObject("message");
        annotations(message, recognition);
        message.put("content", recognition.text()).put("role", "assistant");
        answer.put("created", created).put("id", id).put("model", model).put("object", "chat.completion");
        answer.set("usage", usage(recognition));
        return answer;
    }

    /** Section 4.3: role chunk, one chunk per piece, the stop chunk, the usage chunk when asked, then [DONE]. */
    private static void stream(final Call call, final Recognition recognition, final String model, final String id,
            final long created, final boolean includeUsage) throws IOException {
        final List<String> pieces = recognition.pieces();
        final boolean failMidStream = call.midStreamFault().isPresent();
        final int contentChunks = call.eventsBeforeFault(pieces.size());
        try (OutputStream out = call.exchange().respondChunked(200, "text/event-stream;charset=UTF-8")) {
            final ObjectNode first = chunk(model, id, created);
            first.putNull("usage");
            final ObjectNode firstChoice = first.putArray("choices").addObject();
            firstChoice.putNull("logprobs");
            firstChoice.put("index", 0);
            firstChoice.putObject("delta").put("content", "").put("role", "assistant");
            send(out, first);
            for (int i = 0; i < contentChunks; i++) {
                final ObjectNode piece = chunk(model, id, created);
                final ObjectNode delta = piece.putArray("choices").addObject().putObject("delta");
                annotations(delta, recognition);
                delta.put("content", pieces.get(i)).putNull("role");
                ((ObjectNode) piece.get("choices").get(0)).put("index", 0);
                piece.putNull("usage");
                send(out, piece);
            }
            if (failMidStream) {
                if (call.stalledMidStream()) {
                    return;
                }
                final ApiError error = call.midStreamFault().get().asError();
                out.write(SseEvents.compat(ErrorStyle.compatBody(error, call.requestId())).getBytes(StandardCharsets.UTF_8));
                return;
            }
            final ObjectNode stop = chunk(model, id, created);
            final ObjectNode stopChoice = stop.putArray("choices").addObject();
            stopChoice.putObject("delta").putNull("role");
            stopChoice.put("index", 0).put("finish_reason", "stop");
            stop.putNull("usage");
            send(out, stop);
            if (includeUsage) {
                final ObjectNode usage = chunk(model, id, created);
                usage.putArray("choices");
                usage.set("usage", usage(recognition));
                send(out, usage);
            }
            out.write(SseEvents.compatDone());
        }
    }

    private static ObjectNode chunk(final String model, final String id, final long created) {
        final ObjectNode chunk = Json.MAPPER.createObjectNode();
        chunk.put("model", model).put("id", id).put("created", created).put("object", CHUNK);
        return chunk;
    }

    private static void send(final OutputStream out, final ObjectNode chunk) throws IOException {
        out.write(SseEvents.compat(chunk).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void annotations(final ObjectNode target, final Recognition recognition) {
        final ArrayNode annotations = target.putArray("annotations");
        annotations.addObject().put("emotion", recognition.emotion()).put("language", recognition.language()).put("type", "audio_info");
    }

    private static ObjectNode usage(final Recognition recognition) {
        final int completion = Recognition.tokens(recognition.text());
        final long audioTokens = recognition.seconds() * AUDIO_TOKENS_PER_SECOND;
        final ObjectNode usage = Json.MAPPER.createObjectNode();
        usage.put("completion_tokens", completion);
        usage.putObject("completion_tokens_details").put("text_tokens", completion);
        usage.put("prompt_tokens", audioTokens);
        usage.putObject("prompt_tokens_details").put("audio_tokens", audioTokens).put("text_tokens", 0);
        usage.put("seconds", recognition.seconds());
        usage.put("total_tokens", audioTokens + completion);
        return usage;
    }
}
