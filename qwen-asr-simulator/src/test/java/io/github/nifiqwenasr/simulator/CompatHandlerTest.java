/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompatHandlerTest extends SimulatorTestBase {
    private static final String WAV_URI = SimulatorClient.dataUri("audio/wav", SimulatorClient.wav("欢迎使用阿里云。", 1));


    @Test
    void answersTheDocumentedShapeFieldForField() {
        final SimulatorClient.Answer answer = client.compat(SimulatorClient.compatBody(WAV_URI, false));

        assertEquals(200, answer.status());
        final JsonNode json = answer.json();
        final String expected = """
                {"choices":[{"finish_reason":"stop","index":0,"message":{
                   "annotations":[{"emotion":"neutral","language":"zh","type":"audio_info"}],
                   "content":"欢迎使用阿里云。","role":"assistant"}}],
                 "created":%d,"id":"%s","model":"qwen3-asr-flash","object":"chat.completion",
                 "usage":{"completion_tokens":4,"completion_tokens_details":{"text_tokens":4},"prompt_tokens":25,
                   "prompt_tokens_details":{"audio_tokens":25,"text_tokens":0},"seconds":1,"total_tokens":29}}"""
                .formatted(json.get("created").asLong(), json.get("id").asText());
        assertEquals(SimulatorClient.parse(expected), json);
        assertTrue(json.get("id").asText().startsWith("chatcmpl-"));
    }

    @Test
    void streamsOpenAiChunksEndingWithDone() {
        final List<JsonNode> chunks = chunks(client.compat(SimulatorClient.compatBody(WAV_URI, true)));

        final JsonNode first = chunks.getFirst();
        assertEquals("chat.completion.chunk", first.get("object").asText());
        assertEquals("assistant", first.at("/choices/0/delta/role").asText());
        assertEquals("", first.at("/choices/0/delta/content").asText());
        final StringBuilder text = new StringBuilder();
        for (final JsonNode chunk : chunks.subList(1, chunks.size() - 1)) {
            assertTrue(chunk.at("/choices/0/delta/role").isNull());
            assertEquals("zh", chunk.at("/choices/0/delta/annotations/0/language").asText());
            text.append(chunk.at("/choices/0/delta/content").asText());
        }
        assertEquals("欢迎使用阿里云。", text.toString());
        assertEquals("stop", chunks.getLast().at("/choices/0/finish_reason").asText());
        assertTrue(chunks.getLast().get("usage").isNull());
    }

    @Test
    void addsAUsageChunkWhenAsked() {
        final ObjectNode body = SimulatorClient.compatBody(WAV_URI, true);
        body.putObject("stream_options").put("include_usage", true);

        final JsonNode last = chunks(client.compat(body)).getLast();

        assertEquals(0, last.get("choices").size());
        assertEquals(1, last.at("/usage/seconds").asInt());
        assertEquals(25, last.at("/usage/prompt_tokens_details/audio_tokens").asInt());
    }

    @Test
    void answersErrorsInTheOpenAiEnvelope() {
        final SimulatorClient.Answer badKey = client.post(Routes.COMPAT_PATH, SimulatorClient.compatBody(WAV_URI, false),
                Map.of("Authorization", "Bearer sk-nope"));
        assertEquals(401, badKey.status());
        final JsonNode error = badKey.json();
        assertEquals("invalid_api_key", error.at("/error/code").asText());
        assertEquals("invalid_request_error", error.at("/error/type").asText());
        assertTrue(error.at("/error/param").isNull());
        assertTrue(error.at("/error/message").asText().startsWith("Incorrect API key provided."));
        assertEquals(36, error.get("request_id").asText().length());

        final ObjectNode nativeShape = SimulatorClient.compatBody(WAV_URI, false);
        ((ObjectNode) nativeShape.at("/messages/0/content/0")).removeAll().put("audio", WAV_URI);
        assertEquals("invalid_parameter_error", client.compat(nativeShape).json().at("/error/code").asText());

        final ObjectNode streamOptionsWithoutStream = SimulatorClient.compatBody(WAV_URI, false);
        streamOptionsWithoutStream.putObject("stream_options").put("include_usage", true);
        assertEquals(400, client.compat(streamOptionsWithoutStream).status());

        final ObjectNode contentString = SimulatorClient.compatBody(WAV_URI, false);
        ((ObjectNode) contentString.at("/messages/0")).put("content", "hello");
        assertEquals(400, client.compat(contentString).status());

        final ObjectNode filetrans = SimulatorClient.compatBody(WAV_URI, false).put("model", "qwen3-asr-flash-filetrans");
        assertEquals(400, client.compat(filetrans).status());
        assertEquals("model_not_found", client.compat(SimulatorClient.compatBody(WAV_URI, false).put("model", "gpt-4o")).json().at("/error/code").asText());
    }

    @Test
    void doesNotExistInTheUsRegion() {
        simulator.settings().region(Region.US_EAST_1);

        final SimulatorClient.Answer answer = client.compat(SimulatorClient.compatBody(WAV_URI, false).put("model", "qwen3-asr-flash-us"));

        assertEquals(404, answer.status());
        assertTrue(answer.json().has("error"));
    }

    /** Parses "data: {...}" chunks and checks the stream ends with "data: [DONE]". */
    static List<JsonNode> chunks(final SimulatorClient.Answer answer) {
        assertEquals(200, answer.status(), answer.body());
        assertEquals("text/event-stream;charset=UTF-8", answer.header("Content-Type"));
        assertTrue(answer.body().endsWith("data: [DONE]\n\n"), answer.body());
        final List<JsonNode> chunks = new ArrayList<>();
        for (final String block : answer.body().split("\n\n")) {
            assertTrue(block.startsWith("data: "), block);
            if (!block.equals("data: [DONE]")) {
                chunks.add(SimulatorClient.parse(block.substring("data: ".length())));
            }
        }
        return chunks;
    }
}
