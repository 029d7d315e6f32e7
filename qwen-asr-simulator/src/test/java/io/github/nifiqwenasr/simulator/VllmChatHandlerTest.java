/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VllmChatHandlerTest extends SimulatorTestBase {
    private static final byte[] WAV = SimulatorClient.wav("Hello there.", 1);
    private static final String WAV_URI = SimulatorClient.dataUri("audio/wav", WAV);


    @Test
    void answersTheModelsRawOutputWithItsLanguagePrefix() {
        final SimulatorClient.Answer answer = client.vllmChat(SimulatorClient.vllmBody(WAV_URI, false));

        assertEquals(200, answer.status(), answer.body());
        final JsonNode json = answer.json();
        assertEquals("chat.completion", json.get("object").asText());
        assertEquals("Qwen/Qwen3-ASR-1.7B", json.get("model").asText());
        assertEquals("language English<asr_text>Hello there.", json.at("/choices/0/message/content").asText());
        assertEquals("assistant", json.at("/choices/0/message/role").asText());
        assertEquals("stop", json.at("/choices/0/finish_reason").asText());
        assertTrue(json.at("/choices/0/message/annotations").isNull());
        assertEquals(22, json.at("/usage/prompt_tokens").asInt());
    }

    @Test
    void namesChineseByItsQwenName() {
        final String uri = SimulatorClient.dataUri("audio/wav", SimulatorClient.wav("欢迎使用阿里云。", 1));
        assertEquals("language Chinese<asr_text>欢迎使用阿里云。",
                client.vllmChat(SimulatorClient.vllmBody(uri, false)).json().at("/choices/0/message/content").asText());
    }

    @Test
    void anAssistantPrefixForcesTheLanguageAndOnlyTheTextComesBack() {
        final ObjectNode body = SimulatorClient.vllmBody(WAV_URI, false);
        ((ArrayNode) body.get("messages")).addObject().put("role", "assistant").put("content", "language German<asr_text>");
        body.put("continue_final_message", true).put("add_generation_prompt", false);

        assertEquals("Hello there.", client.vllmChat(body).json().at("/choices/0/message/content").asText());

        body.put("add_generation_prompt", true);
        final SimulatorClient.Answer both = client.vllmChat(body);
        assertEquals(400, both.status());
        assertEquals("Cannot set both `continue_final_message` and `add_generation_prompt` to True.", both.json().at("/error/message").asText());
    }

    @Test
    void readsInputAudioWithRawBase64AndHostedUrls() {
        final ObjectNode inputAudio = SimulatorClient.vllmBody(WAV_URI, false);
        ((ObjectNode) inputAudio.at("/messages/0/content/0")).removeAll().put("type", "input_audio")
                .putObject("input_audio").put("data", Base64.getEncoder().encodeToString(WAV)).put("format", "wav");
        assertEquals("language English<asr_text>Hello there.", client.vllmChat(inputAudio).json().at("/choices/0/message/content").asText());

        final String url = simulator.hostAudio("hello.wav", WAV);
        assertEquals(200, client.vllmChat(SimulatorClient.vllmBody(url, false)).status());
        assertEquals(400, client.vllmChat(SimulatorClient.vllmBody(simulator.storageBaseUrl() + "/files/missing.wav", false)).status());
        assertEquals(400, client.vllmChat(SimulatorClient.vllmBody("oss://dashscope-instant/a.wav", false)).status());
    }

    @Test
    void streamsChunksWhosePiecesSplitThePrefixThenErrorsAndDone() {
        final ObjectNode body = SimulatorClient.vllmBody(WAV_URI, true);
        body.putObject("stream_options").put("include_usage", true);
        final List<JsonNode> chunks = chunks(client.vllmChat(body));

        assertEquals("assistant", chunks.getFirst().at("/choices/0/delta/role").asText());
        final StringBuilder content = new StringBuilder();
        chunks.forEach(chunk -> content.append(chunk.at("/choices/0/delta/content").asText("")));
        assertEquals("language English<asr_text>Hello there.", content.toString());
        assertEquals("language", chunks.get(1).at("/choices/0/delta/content").asText());
        assertEquals("stop", chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText());
        assertEquals(0, chunks.getLast().get("choices").size());
        assertTrue(chunks.getLast().at("/usage/completion_tokens").asInt() > 0);

        simulator.enqueueFault(Endpoint.VLLM_CHAT, Fault.sseErrorMidStream(500, "InternalServerError", "engine died"));
        final List<JsonNode> broken = chunks(client.vllmChat(SimulatorClient.vllmBody(WAV_URI, true)));
        assertEquals(500, broken.getLast().at("/error/code").asInt());
        assertEquals("InternalServerError", broken.getLast().at("/error/type").asText());
    }

    @Test
    void refusesWhatVllmRefusesInItsEnvelope() {
        final SimulatorClient.Answer unknownModel = client.vllmChat(SimulatorClient.vllmBody(WAV_URI, false).put("model", "qwen3-asr-flash"));
        assertEquals(404, unknownModel.status());
        assertEquals("{\"error\":{\"message\":\"The model `qwen3-asr-flash` does not exist.\",\"type\":\"NotFoundError\",\"param\":null,\"code\":404}}",
                unknownModel.body());

        final ObjectNode streamOptions = SimulatorClient.vllmBody(WAV_URI, false);
        streamOptions.putObject("stream_options").put("include_usage", true);
        assertEquals("BadRequestError", client.vllmChat(streamOptions).json().at("/error/type").asText());

        final ObjectNode twoAudios = SimulatorClient.vllmBody(WAV_URI, false);
        ((ArrayNode) twoAudios.at("/messages/0/content")).add(twoAudios.at("/messages/0/content/0").deepCopy());
        assertEquals("At most 1 audio(s) may be provided in one prompt.", client.vllmChat(twoAudios).json().at("/error/message").asText());

        final ObjectNode dashScopeShape = SimulatorClient.vllmBody(WAV_URI, false);
        ((ObjectNode) dashScopeShape.at("/messages/0/content/0")).removeAll().put("audio", WAV_URI);
        assertEquals(400, client.vllmChat(dashScopeShape).status());

        assertEquals("Bad Request", client.vllmChat("{not json").json().at("/error/type").asText());
        assertEquals(400, client.vllmChat(SimulatorClient.vllmBody(SimulatorClient.dataUri("audio/wav", new byte[] {1, 2, 3}), false)).status());
        simulator.settings().vllmServedModelNames(List.of("qwen3-asr-flash"));
        assertEquals(200, client.vllmChat(SimulatorClient.vllmBody(WAV_URI, false).put("model", "qwen3-asr-flash")).status());
    }

    @Test
    void needsTheKeyOnlyWhenTheServerHasOne() {
        final ObjectNode body = SimulatorClient.vllmBody(WAV_URI, false);
        assertEquals(200, client.vllmChat(body).status(), "vllm serve without --api-key needs no Authorization");

        simulator.settings().vllmApiKey("token-abc123");
        final SimulatorClient.Answer refused = client.vllmChat(body);
        assertEquals(401, refused.status());
        assertEquals("{\"error\":\"Unauthorized\"}", refused.body());
        assertEquals(200, client.post(Routes.VLLM_CHAT_PATH, body, Map.of("Authorization", "bearer token-abc123")).status());
        assertEquals(401, client.get(Routes.VLLM_MODELS_PATH, Map.of("Authorization", "Bearer " + simulator.apiKey())).status(),
                "a DashScope key is no vLLM key");
    }

    /** Parses vLLM's "data: {...}" chunks and checks the stream ends with "data: [DONE]". */
    static List<JsonNode> chunks(final SimulatorClient.Answer answer) {
        assertEquals(200, answer.status(), answer.body());
        assertEquals("text/event-stream; charset=utf-8", answer.header("Content-Type"));
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
