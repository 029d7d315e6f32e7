/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiqwenasr.simulator.audio.AudioDigest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A self-hosted Qwen3-ASR on vLLM's {@code POST /v1/chat/completions} (vllm/entrypoints/openai/chat_completion):
 * one audio part ({@code audio_url} or {@code input_audio}); the answer's content is the model's raw output
 * {@code language <Name><asr_text><text>} (QwenLM/Qwen3-ASR README, "parse ASR output if you want"), or only the text
 * when the request ends with an assistant message {@code language <Name><asr_text>} and
 * {@code continue_final_message} (how qwen_asr forces a language: _build_text_prompt appends that prefix).
 */
final class VllmChatHandler implements EndpointHandler {
    static final String ASR_TEXT_TAG = "<asr_text>";
    private static final String LANGUAGE_PREFIX = "language ";
    /** [I] prompt tokens of the chat template around the audio, and audio tokens per second of audio. */
    private static final int TEMPLATE_TOKENS = 9;
    private static final int AUDIO_TOKENS_PER_SECOND = 13;
    private static final String CHUNK = "chat.completion.chunk";

    private final SimulatorSettings settings;
    private final VllmAudio audio;

    VllmChatHandler(final SimulatorSettings settings, final VllmAudio audio) {
        this.settings = settings;
        this.audio = audio;
    }

    @Override
    public void handle(final Call call) throws ApiError, IOException {
        final JsonNode body = json(call);
        final String model = VllmModels.check(body.path("model").asText(null), settings);
        final boolean stream = flag(body, "stream", false);
        final JsonNode streamOptions = body.get("stream_options");
        if (streamOptions != null && !streamOptions.isNull() && !stream) {
            throw VllmErrors.badRequest("Stream options can only be defined when `stream=True`.");
        }
        final boolean includeUsage = streamOptions != null && streamOptions.path("include_usage").asBoolean(false);
        final boolean continueFinal = flag(body, "continue_final_message", false);
        if (continueFinal && flag(body, "add_generation_prompt", true)) {
            throw VllmErrors.badRequest("Cannot set both `continue_final_message` and `add_generation_prompt` to True.");
        }
        final Messages messages = Messages.read(body.get("messages"));
        final String forcedLanguage = continueFinal ? messages.forcedLanguage() : null;
        final AudioDigest digest = messages.audioUrl() != null
                ? audio.fromUrl(messages.audioUrl(), model) : audio.fromBase64(messages.audioBase64());
        final Recognition recognition = Recognition.of(digest, forcedLanguage);
        final List<String> pieces = new ArrayList<>();
        if (forcedLanguage == null) {
            pieces.add("language");
            pieces.add(" " + VllmLanguages.name(recognition.language()));
            pieces.add(ASR_TEXT_TAG);
        }
        pieces.addAll(recognition.pieces());
        final String id = "chatcmpl-" + call.requestId().replace("-", "");
        final long created = Instant.now().getEpochSecond();
        if (stream) {
            stream(call, pieces, recognition, model, id, created, includeUsage);
        } else if (!call.preemptedByMidStreamFault()) {
            call.exchange().respond(200, ErrorStyle.JSON,
                    Json.MAPPER.writeValueAsBytes(answer(String.join("", pieces), recognition, model, id, created)));
        }
    }

    /** vLLM ChatCompletionResponse (vllm/entrypoints/openai/chat_completion/protocol.py), field for field. */
    private static ObjectNode answer(final String content, final Recognition recognition, final String model,
            final String id, final long created) {
        final ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("id", id).put("object", "chat.completion").put("created", created).put("model", model);
        final ObjectNode choice = answer.putArray("choices").addObject();
        choice.put("index", 0);
        final ObjectNode message = choice.putObject("message");
        message.put("role", "assistant").put("content", content).putNull("refusal").putNull("annotations").putNull("audio")
                .putNull("function_call");
        message.putArray("tool_calls");
        message.putNull("reasoning_content");
        choice.putNull("logprobs").put("finish_reason", "stop").putNull("stop_reason");
        answer.putNull("service_tier").putNull("system_fingerprint");
        answer.set("usage", usage(recognition, content));
        answer.putNull("prompt_logprobs").putNull("kv_transfer_params");
        return answer;
    }

    /**
     * vLLM's chat stream: a role chunk, one chunk per piece, a last chunk with finish_reason, a usage chunk when asked,
     * then {@code data: [DONE]}. An error ends it with an error chunk, still followed by [DONE] (serving.py).
     */
    private static void stream(final Call call, final List<String> pieces, final Recognition recognition,
            final String model, final String id, final long created, final boolean includeUsage) throws IOException {
        final int sent = call.eventsBeforeFault(pieces.size());
        try (OutputStream out = call.exchange().respondChunked(200, "text/event-stream; charset=utf-8")) {
            final ObjectNode first = chunk(model, id, created);
            first.withArray("choices").addObject().put("index", 0)
                    .<ObjectNode>set("delta", Json.MAPPER.createObjectNode().put("role", "assistant").put("content", ""))
                    .putNull("logprobs").putNull("finish_reason");
            send(out, first);
            for (int i = 0; i < sent; i++) {
                final ObjectNode piece = chunk(model, id, created);
                piece.withArray("choices").addObject().put("index", 0)
                        .<ObjectNode>set("delta", Json.MAPPER.createObjectNode().put("content", pieces.get(i)))
                        .putNull("logprobs").putNull("finish_reason");
                send(out, piece);
            }
            if (call.midStreamFault().isPresent()) {
                if (call.stalledMidStream()) {
                    return;
                }
                send(out, ErrorStyle.vllmBody(call.midStreamFault().get().asError()));
                out.write(SseEvents.compatDone());
                return;
            }
            final ObjectNode last = chunk(model, id, created);
            last.withArray("choices").addObject().put("index", 0)
                    .<ObjectNode>set("delta", Json.MAPPER.createObjectNode().put("content", ""))
                    .putNull("logprobs").put("finish_reason", "stop").putNull("stop_reason");
            send(out, last);
            if (includeUsage) {
                final ObjectNode usage = chunk(model, id, created);
                usage.putArray("choices");
                usage.set("usage", usage(recognition, String.join("", pieces)));
                send(out, usage);
            }
            out.write(SseEvents.compatDone());
        }
    }

    private static ObjectNode chunk(final String model, final String id, final long created) {
        final ObjectNode chunk = Json.MAPPER.createObjectNode();
        chunk.put("id", id).put("object", CHUNK).put("created", created).put("model", model);
        return chunk;
    }

    private static void send(final OutputStream out, final ObjectNode chunk) throws IOException {
        out.write(SseEvents.compat(chunk).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode usage(final Recognition recognition, final String content) {
        final long prompt = TEMPLATE_TOKENS + recognition.seconds() * AUDIO_TOKENS_PER_SECOND;
        final int completion = Recognition.tokens(content);
        final ObjectNode usage = Json.MAPPER.createObjectNode();
        usage.put("prompt_tokens", prompt).put("total_tokens", prompt + completion).put("completion_tokens", completion);
        usage.putNull("prompt_tokens_details");
        return usage;
    }

    /** FastAPI answers a body that is not a JSON object with a validation error (400, type "Bad Request"). */
    static JsonNode json(final Call call) throws ApiError, IOException {
        final JsonNode node;
        try {
            node = Json.MAPPER.readTree(call.body());
        } catch (final JsonProcessingException e) {
            throw VllmErrors.invalidRequest("JSON decode error: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw VllmErrors.invalidRequest("Input should be a valid dictionary or object to extract fields from");
        }
        return node;
    }

    private static boolean flag(final JsonNode body, final String name, final boolean fallback) throws ApiError {
        final JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw VllmErrors.invalidRequest("Input should be a valid boolean: " + name);
        }
        return value.booleanValue();
    }

    /** What the messages hold: the one audio part, and the last message when it is an assistant prefix. */
    private record Messages(String audioUrl, String audioBase64, JsonNode last) {

        static Messages read(final JsonNode messages) throws ApiError {
            if (messages == null || !messages.isArray() || messages.isEmpty()) {
                throw VllmErrors.invalidRequest("Field required: messages must be a non-empty list");
            }
            final List<JsonNode> audioParts = new ArrayList<>();
            for (final JsonNode message : messages) {
                final String role = message.path("role").asText("");
                if (!role.equals("system") && !role.equals("user") && !role.equals("assistant")) {
                    throw VllmErrors.invalidRequest("Input tag '" + role + "' found using 'role' does not match any of"
                            + " the expected tags: 'system', 'user', 'assistant'");
                }
                final JsonNode content = message.get("content");
                if (content != null && content.isArray()) {
                    for (final JsonNode part : content) {
                        collect(part, audioParts);
                    }
                } else if (content == null || !content.isTextual()) {
                    throw VllmErrors.invalidRequest("Field required: content of a " + role + " message must be a string or a list of parts");
                }
            }
            if (audioParts.size() > 1) {
                throw VllmErrors.badRequest("At most 1 audio(s) may be provided in one prompt.");
            }
            if (audioParts.isEmpty()) {
                // [I] a real server would transcribe nothing; the simulator refuses so that a client bug shows.
                throw VllmErrors.badRequest("The request has no audio part: Qwen3-ASR transcribes one audio_url or input_audio.");
            }
            final JsonNode part = audioParts.getFirst();
            final String type = part.path("type").asText();
            final JsonNode value = type.equals("audio_url") ? part.path("audio_url").get("url") : part.path("input_audio").get("data");
            if (value == null || !value.isTextual() || value.asText().isEmpty()) {
                throw VllmErrors.invalidRequest("Field required: " + (type.equals("audio_url") ? "audio_url.url" : "input_audio.data"));
            }
            return type.equals("audio_url") ? new Messages(value.asText(), null, messages.get(messages.size() - 1))
                    : new Messages(null, value.asText(), messages.get(messages.size() - 1));
        }

        private static void collect(final JsonNode part, final List<JsonNode> audioParts) throws ApiError {
            final String type = part.path("type").asText("");
            switch (type) {
                case "text" -> {
                    if (!part.path("text").isTextual()) {
                        throw VllmErrors.invalidRequest("Field required: text");
                    }
                }
                case "audio_url", "input_audio" -> audioParts.add(part);
                default -> throw VllmErrors.badRequest("Unknown part type: " + type);
            }
        }

        /**
         * The code of the language an assistant prefix {@code language <Name><asr_text>} forces; [I] a request that
         * continues anything else is refused, since Qwen3-ASR would not transcribe it.
         */
        String forcedLanguage() throws ApiError {
            final String prefix = "assistant".equals(last.path("role").asText()) ? last.path("content").asText("") : "";
            final Optional<String> code = prefix.startsWith(LANGUAGE_PREFIX) && prefix.endsWith(ASR_TEXT_TAG)
                    ? VllmLanguages.code(prefix.substring(LANGUAGE_PREFIX.length(), prefix.length() - ASR_TEXT_TAG.length()))
                    : Optional.empty();
            return code.orElseThrow(() -> VllmErrors.badRequest("continue_final_message needs a last assistant message"
                    + " 'language <Name><asr_text>' naming a Qwen3-ASR language"));
        }
    }
}
