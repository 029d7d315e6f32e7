/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

class VllmTranscriptionHandlerTest extends SimulatorTestBase {
    private static final byte[] WAV = SimulatorClient.wav("Hello there.", 3);


    @Test
    void answersTheTextWithoutPrefixAndTheDuration() {
        final SimulatorClient.Answer answer = client.vllmTranscription(Map.of("model", "Qwen/Qwen3-ASR-1.7B", "response_format", "json"),
                "hello.wav", WAV);

        assertEquals(200, answer.status(), answer.body());
        assertEquals(SimulatorClient.parse("{\"text\":\"Hello there.\",\"usage\":{\"type\":\"duration\",\"seconds\":3}}"), answer.json());
        final String sent = new String(simulator.requests(Endpoint.VLLM_TRANSCRIPTION).getFirst().body(), StandardCharsets.ISO_8859_1);
        assertTrue(sent.contains("filename=\"hello.wav\""));
        assertTrue(sent.contains(new String(WAV, StandardCharsets.ISO_8859_1)), "the file part carries the audio unchanged");
    }

    @Test
    void answersPlainTextForResponseFormatText() {
        final SimulatorClient.Answer answer = client.vllmTranscription(Map.of("response_format", "text"), "hello.wav", WAV);
        assertEquals("Hello there.", answer.body());
        assertEquals("text/plain; charset=utf-8", answer.header("Content-Type"));
    }

    @Test
    void refusesWhatVllmRefuses() {
        assertEquals(400, client.vllmTranscription(Map.of("model", "Qwen/Qwen3-ASR-1.7B"), "hello.wav", null).status(), "no file");
        assertEquals(422, client.vllmTranscription(Map.of("file", "not a file"), "hello.wav", null).status());
        assertEquals("NotFoundError", client.vllmTranscription(Map.of("model", "whisper-1"), "hello.wav", WAV).json().at("/error/type").asText());
        assertEquals("Currently only support response_format: `text`, `json` or `verbose_json`",
                client.vllmTranscription(Map.of("response_format", "srt"), "hello.wav", WAV).json().at("/error/message").asText());
        assertEquals(400, client.vllmTranscription(Map.of("response_format", "verbose_json"), "hello.wav", WAV).status());
        assertEquals(400, client.vllmTranscription(Map.of("language", "yue"), "hello.wav", WAV).status(),
                "vLLM checks language against Whisper's ISO-639-1 list");
        assertEquals(200, client.vllmTranscription(Map.of("language", "nl"), "hello.wav", WAV).status());
        assertEquals("Invalid or unsupported audio file.",
                client.vllmTranscription(Map.of(), "x.wav", new byte[] {1, 2, 3, 4}).json().at("/error/message").asText());
        final SimulatorClient.Answer json = SimulatorClient.execute(new Request.Builder()
                .url(simulator.apiBaseUrl() + Routes.VLLM_TRANSCRIPTION_PATH)
                .post(RequestBody.create("{}", SimulatorClient.JSON)).build());
        assertEquals(400, json.status());
        assertEquals("Bad Request", json.json().at("/error/type").asText());
    }

    @Test
    void refusesFilesOverTwentyFiveMegabytesAfterReadingThem() {
        final byte[] big = SimulatorClient.wav("Big.", 820);
        final SimulatorClient.Answer answer = client.vllmTranscription(Map.of(), "big.wav", big);
        assertEquals(400, answer.status());
        assertEquals("Maximum file size exceeded", answer.json().at("/error/message").asText());
    }
}
