/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SubmitHandlerTest extends SimulatorTestBase {
    private static final String URL = "https://example.com/meeting.wav";


    @BeforeEach
    void prepare() {
        simulator.registerRemoteAudio(URL, SimulatorClient.wav("Meeting.", 2));
    }

    @Test
    void answersPendingWithATaskId() {
        final SimulatorClient.Answer answer = client.submit(SimulatorClient.submitBody(URL));

        assertEquals(200, answer.status());
        final JsonNode json = answer.json();
        assertEquals(List.of("request_id", "output"), SimulatorClient.names(json));
        assertEquals(List.of("task_id", "task_status"), SimulatorClient.names(json.get("output")));
        assertEquals("PENDING", json.at("/output/task_status").asText());
        final TaskView task = simulator.task(json.at("/output/task_id").asText()).orElseThrow();
        assertEquals(URL, task.fileUrl());
        assertEquals("en", task.language());
        assertTrue(task.enableWords());
    }

    @Test
    void refusesSynchronousCalls() {
        final SimulatorClient.Answer answer = client.post(Routes.SUBMIT_PATH, SimulatorClient.submitBody(URL), Map.of());

        assertEquals(403, answer.status());
        assertEquals("AccessDenied", answer.json().get("code").asText());
        assertEquals("current user api does not support synchronous calls", answer.json().get("message").asText());
    }

    @Test
    void doesNotExistInTheUsRegion() {
        simulator.settings().region(Region.US_EAST_1);

        assertEquals("ModelNotFound", client.submit(SimulatorClient.submitBody(URL)).json().get("code").asText());
    }

    static Stream<Arguments> rejections() {
        final String valid = SimulatorClient.write(SimulatorClient.submitBody(URL));
        return Stream.of(
                Arguments.of("malformed JSON", valid.substring(0, 40), 400, "InvalidParameter"),
                Arguments.of("missing model", valid.replace("\"model\":\"qwen3-asr-flash-filetrans\",", ""), 400, "BadRequest.EmptyModel"),
                Arguments.of("flash model", valid.replace("qwen3-asr-flash-filetrans", "qwen3-asr-flash"), 400, "InvalidParameter"),
                Arguments.of("unknown model", valid.replace("qwen3-asr-flash-filetrans", "paraformer-v2"), 404, "ModelNotFound"),
                Arguments.of("missing input", valid.replace("\"input\":{\"file_url\":\"" + URL + "\"},", ""), 400, "BadRequest.EmptyInput"),
                Arguments.of("file_urls array", valid.replace("\"file_url\":\"" + URL + "\"", "\"file_urls\":[\"" + URL + "\"]"), 400, "BadRequest.EmptyInput"),
                Arguments.of("file_url array", valid.replace("\"file_url\":\"" + URL + "\"", "\"file_url\":[\"" + URL + "\"]"), 400, "InvalidParameter"),
                Arguments.of("ftp URL", valid.replace(URL, "ftp://example.com/a.wav"), 400, "InvalidURL"),
                Arguments.of("missing parameters", valid.substring(0, valid.indexOf(",\"parameters\"")) + "}", 400, "BadRequest.EmptyParameters"),
                Arguments.of("channel_id not an array", valid.replace("\"channel_id\":[0]", "\"channel_id\":0"), 400, "InvalidParameter"),
                Arguments.of("channel_id text", valid.replace("\"channel_id\":[0]", "\"channel_id\":[\"0\"]"), 400, "InvalidParameter"),
                Arguments.of("channel_id fraction", valid.replace("\"channel_id\":[0]", "\"channel_id\":[0.5]"), 400, "InvalidParameter"),
                Arguments.of("channel_id negative", valid.replace("\"channel_id\":[0]", "\"channel_id\":[-1]"), 400, "InvalidParameter"),
                Arguments.of("channel_id repeated", valid.replace("\"channel_id\":[0]", "\"channel_id\":[0,0]"), 400, "InvalidParameter"),
                Arguments.of("channel_id empty", valid.replace("\"channel_id\":[0]", "\"channel_id\":[]"), 400, "InvalidParameter"),
                Arguments.of("enable_itn text", valid.replace("\"enable_itn\":false", "\"enable_itn\":\"no\""), 400, "InvalidParameter"),
                Arguments.of("enable_words number", valid.replace("\"enable_words\":true", "\"enable_words\":1"), 400, "InvalidParameter"),
                Arguments.of("unsupported language", valid.replace("\"language\":\"en\"", "\"language\":\"klingon\""), 400, "InvalidParameter"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsWhatTheServiceRejects(final String name, final String body, final int status, final String code) {
        final SimulatorClient.Answer answer = client.submit(body);

        assertEquals(status, answer.status(), answer.body());
        assertEquals(code, answer.json().get("code").asText());
        assertTrue(simulator.requests(Endpoint.SUBMIT).stream().allMatch(request -> request.responseStatus() == status));
    }
}
