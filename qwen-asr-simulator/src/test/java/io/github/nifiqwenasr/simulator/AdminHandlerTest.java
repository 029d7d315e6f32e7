/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

class AdminHandlerTest extends SimulatorTestBase {
    @Test
    void reportsHealthWithoutBeingRecorded() {
        final JsonNode health = admin("GET", "health", null).json();

        assertEquals("UP", health.get("status").asText());
        assertEquals(simulator.apiBaseUrl(), health.get("apiBaseUrl").asText());
        assertEquals(simulator.storageBaseUrl(), health.get("storageBaseUrl").asText());
        assertEquals("ap-southeast-1", health.get("region").asText());
        assertEquals(simulator.apiKey(), health.get("apiKey").asText());
        assertTrue(simulator.requests().isEmpty());
    }

    @Test
    void listsRecordedRequestsWithoutBodies() {
        client.task("abc");
        client.flash("{}");

        final JsonNode all = admin("GET", "requests", null).json();
        final JsonNode queries = admin("GET", "requests?endpoint=TASK_QUERY", null).json();

        assertEquals(2, all.size());
        assertEquals(1, queries.size());
        final JsonNode query = queries.get(0);
        assertEquals(List.of("endpoint", "method", "path", "query", "headers", "bodyLength", "status", "timestamp"), SimulatorClient.names(query));
        assertEquals("/api/v1/tasks/abc", query.get("path").asText());
        assertEquals("Bearer " + simulator.apiKey(), query.at("/headers/Authorization/0").asText());
        assertEquals(200, query.get("status").asInt());
        assertEquals(2, all.get(1).get("bodyLength").asInt());
        assertEquals(400, all.get(1).get("status").asInt());
    }

    @Test
    void enqueuesFaultsFromJson() {
        assertEquals(200, admin("POST", "faults", """
                {"endpoint": "TASK_QUERY", "type": "error", "status": 503, "code": "ServiceUnavailable",
                 "message": "try later", "retryAfter": "2"}""").status());
        admin("POST", "faults", "{\"endpoint\": \"TASK_QUERY\", \"type\": \"delay\", \"duration\": \"200ms\"}");

        final SimulatorClient.Answer failed = client.task("x");
        assertEquals(503, failed.status());
        assertEquals("2", failed.header("Retry-After"));
        final long started = System.nanoTime();
        assertEquals(200, client.task("x").status());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 200);
        assertEquals(400, admin("POST", "faults", "{\"endpoint\": \"TASK_QUERY\", \"type\": \"explode\"}").status());
        assertEquals(400, admin("POST", "faults", "{\"endpoint\": \"NOWHERE\", \"type\": \"disconnect\"}").status());
    }

    @Test
    void changesSettingsPartially() {
        final JsonNode settings = admin("POST", "settings", """
                {"taskQueriesPerSecond": 1, "taskRunningTimeBase": "2s", "region": "cn-beijing", "apiKeys": ["cn-beijing:sk-bj"]}""").json();

        assertEquals(1, simulator.settings().taskQueriesPerSecond());
        assertEquals(Duration.ofSeconds(2), simulator.settings().taskRunningTimeBase());
        assertEquals(Region.CN_BEIJING, simulator.settings().region());
        assertEquals("PT2S", settings.get("taskRunningTimeBase").asText());
        assertEquals(200, client.get("/api/v1/tasks/x", Map.of("Authorization", "Bearer sk-bj")).status());
        assertEquals(0, simulator.settings().requestsPerMinute(), "settings not named stay as they were");
        assertEquals(400, admin("POST", "settings", "{\"warpSpeed\": 9}").status());
    }

    @Test
    void hostsAudioAndRegistersRemoteAudio() {
        final String url = admin("POST", "files/talk.wav", SimulatorClient.wav("Posted.", 1)).json().get("url").asText();
        admin("POST", "remote-audio?url=https%3A%2F%2Fexample.com%2Fr.wav", SimulatorClient.wav("Remote.", 1));

        assertEquals(simulator.storageBaseUrl() + "/files/talk.wav", url);
        assertEquals("Posted.", client.flash(SimulatorClient.flashBody("qwen3-asr-flash", url)).json()
                .at("/output/choices/0/message/content/0/text").asText());
        assertEquals("Remote.", client.flash(SimulatorClient.flashBody("qwen3-asr-flash", "https://example.com/r.wav")).json()
                .at("/output/choices/0/message/content/0/text").asText());
    }

    @Test
    void showsTasksAndResetsEverything() {
        final String url = simulator.hostAudio("a.wav", SimulatorClient.wav("A.", 2));
        final String taskId = client.submit(SimulatorClient.submitBody(url)).json().at("/output/task_id").asText();

        final JsonNode task = admin("GET", "tasks/" + taskId, null).json();
        assertEquals(taskId, task.get("taskId").asText());
        assertEquals(url, task.get("fileUrl").asText());
        assertEquals(2.0, task.get("audioSeconds").asDouble(), 1e-9);
        assertEquals(404, admin("GET", "tasks/nope", null).status());

        simulator.settings().requestsPerMinute(5);
        assertEquals("reset", admin("POST", "reset", "").json().get("status").asText());

        assertEquals(404, admin("GET", "tasks/" + taskId, null).status());
        assertTrue(simulator.requests().isEmpty());
        assertEquals(0, simulator.settings().requestsPerMinute());
        assertFalse(simulator.task(taskId).isPresent());
    }

    private SimulatorClient.Answer admin(final String method, final String path, final Object body) {
        final RequestBody requestBody = body == null ? null
                : body instanceof byte[] bytes ? RequestBody.create(bytes) : RequestBody.create((String) body, MediaType.get("application/json"));
        return SimulatorClient.execute(new Request.Builder().url(simulator.apiBaseUrl() + "/__sim/" + path).method(method, requestBody).build());
    }
}
