/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiqwenasr.simulator.audio.AudioDigest;
import io.github.nifiqwenasr.simulator.audio.AudioFormat;
import io.github.nifiqwenasr.simulator.audio.SampleAudio;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskHandlerTest extends SimulatorTestBase {
    private static final String TIME = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}";

    private String audioUrl;

    @BeforeEach
    void prepare() {
        audioUrl = simulator.hostAudio("meeting.wav", SimulatorClient.wav("Good morning.", 12));
    }

    @Test
    void advancesWithTimeNotWithPolls() throws InterruptedException {
        simulator.settings().taskPendingTime(Duration.ofMillis(500)).taskRunningTimeBase(Duration.ofMillis(1000));
        final String taskId = submit();

        final JsonNode pending = client.task(taskId).json();
        assertEquals("PENDING", pending.at("/output/task_status").asText());
        assertEquals(List.of("task_id", "task_status", "submit_time", "scheduled_time", "task_metrics"), SimulatorClient.names(pending.get("output")));
        assertEquals(SimulatorClient.parse("{\"TOTAL\":1,\"SUCCEEDED\":0,\"FAILED\":0}"), pending.at("/output/task_metrics"));
        assertTrue(pending.at("/output/submit_time").asText().matches(TIME));
        assertEquals("PENDING", client.task(taskId).json().at("/output/task_status").asText(), "polling does not advance it");

        Thread.sleep(600);
        assertEquals("RUNNING", client.task(taskId).json().at("/output/task_status").asText());
        Thread.sleep(1000);
        final JsonNode succeeded = client.task(taskId).json();
        assertEquals("SUCCEEDED", succeeded.at("/output/task_status").asText());
        assertEquals(List.of("request_id", "output", "usage"), SimulatorClient.names(succeeded));
        assertEquals(List.of("task_id", "task_status", "submit_time", "scheduled_time", "end_time", "result"), SimulatorClient.names(succeeded.get("output")));
        assertEquals(12, succeeded.at("/usage/seconds").asInt());
        final String url = succeeded.at("/output/result/transcription_url").asText();
        assertTrue(url.startsWith(simulator.storageBaseUrl() + "/transcripts/"), url);
        assertTrue(url.contains("?Expires=") && url.contains("&OSSAccessKeyId=") && url.contains("&Signature="), url);
    }

    @Test
    void scalesRunningTimeWithAudioSecondsAndChannels() {
        simulator.settings().taskRunningTimeBase(Duration.ZERO).taskRunningTimePerAudioSecond(Duration.ofMillis(100));
        final ObjectNode body = SimulatorClient.submitBody(simulator.hostAudio("stereo.wav",
                SampleAudio.wav(Duration.ofSeconds(10), 8_000, 2, "Stereo.")));
        ((ObjectNode) body.get("parameters")).putArray("channel_id").add(0).add(1);
        final String taskId = client.submit(body).json().at("/output/task_id").asText();

        final TaskView view = simulator.task(taskId).orElseThrow();
        assertEquals(Duration.ofSeconds(2), Duration.between(view.scheduledTime(), view.endTime()), "10 s x 2 channels x 100 ms");
        assertEquals(List.of(0, 1), view.channelIds());
    }

    @Test
    void billsEveryRequestedChannel() throws InterruptedException {
        simulator.settings().taskRunningTimeBase(Duration.ZERO);
        final ObjectNode body = SimulatorClient.submitBody(simulator.hostAudio("stereo.wav",
                SampleAudio.wav(Duration.ofMillis(4200), 8_000, 2, "Stereo.")));
        ((ObjectNode) body.get("parameters")).putArray("channel_id").add(0).add(1);
        final String taskId = client.submit(body).json().at("/output/task_id").asText();
        Thread.sleep(5);

        assertEquals(10, client.task(taskId).json().at("/usage/seconds").asInt(), "ceil(4.2) x 2 channels");
    }

    @Test
    void reportsFailuresWithTheirCode() throws InterruptedException {
        simulator.registerRemoteFailure("https://example.com/forbidden.wav", "FILE_403_FORBIDDEN", "FILE_403_FORBIDDEN");
        final String forbidden = client.submit(SimulatorClient.submitBody("https://example.com/forbidden.wav")).json().at("/output/task_id").asText();
        final String missing = client.submit(SimulatorClient.submitBody("https://example.com/missing.wav")).json().at("/output/task_id").asText();
        final ObjectNode beyondChannels = SimulatorClient.submitBody(audioUrl);
        ((ObjectNode) beyondChannels.get("parameters")).putArray("channel_id").add(1);
        final String mono = client.submit(beyondChannels).json().at("/output/task_id").asText();
        Thread.sleep(5);

        final JsonNode failed = client.task(forbidden).json();
        assertEquals("FAILED", failed.at("/output/task_status").asText());
        assertEquals(List.of("task_id", "task_status", "submit_time", "scheduled_time", "end_time", "code", "message"), SimulatorClient.names(failed.get("output")));
        assertEquals("FILE_403_FORBIDDEN", failed.at("/output/code").asText());
        assertFalse(failed.has("usage"));
        assertEquals("FILE_DOWNLOAD_FAILED", client.task(missing).json().at("/output/code").asText());
        assertEquals("INVALID_CHANNEL_ID", client.task(mono).json().at("/output/code").asText());
    }

    @Test
    void failsAudioOverTwelveHours() throws InterruptedException {
        simulator.registerRemoteAudio("https://example.com/long.wav",
                SampleAudio.wavClaiming(Duration.ofHours(13), 8_000, 1, "Long."));
        final String taskId = client.submit(SimulatorClient.submitBody("https://example.com/long.wav")).json().at("/output/task_id").asText();
        Thread.sleep(5);

        assertEquals("FILE_TOO_LONG", client.task(taskId).json().at("/output/code").asText());
    }

    @Test
    void failsFilesOverTwoGigabytes() throws InterruptedException {
        simulator.registerRemoteAudio("https://example.com/huge.wav",
                new AudioDigest(2L * 1024 * 1024 * 1024 + 1, "00".repeat(32), AudioFormat.WAV, 3600, 1, 16_000, null));
        final String taskId = client.submit(SimulatorClient.submitBody("https://example.com/huge.wav")).json().at("/output/task_id").asText();
        Thread.sleep(5);

        assertEquals("FILE_TOO_LARGE", client.task(taskId).json().at("/output/code").asText());
    }

    @Test
    void answersUnknownIdsWithUnknown() {
        final SimulatorClient.Answer answer = client.task("8fab76d0-0eed-4d20-929f-000000000000");

        assertEquals(200, answer.status());
        assertEquals("UNKNOWN", answer.json().at("/output/task_status").asText());
        assertEquals("8fab76d0-0eed-4d20-929f-000000000000", answer.json().at("/output/task_id").asText());
    }

    @Test
    void cancelsOnlyPendingTasks() {
        simulator.settings().taskPendingTime(Duration.ofMinutes(5));
        final String pending = submit();
        simulator.settings().taskPendingTime(Duration.ZERO).taskRunningTimeBase(Duration.ofMinutes(5));
        final String running = submit();

        final SimulatorClient.Answer canceled = client.post("/api/v1/tasks/" + pending + "/cancel", "", Map.of());
        assertEquals(200, canceled.status());
        assertEquals(List.of("request_id"), SimulatorClient.names(canceled.json()));
        assertEquals("CANCELED", client.task(pending).json().at("/output/task_status").asText());

        final SimulatorClient.Answer refused = client.post("/api/v1/tasks/" + running + "/cancel", "", Map.of());
        assertEquals(400, refused.status());
        assertEquals("UnsupportedOperation", refused.json().get("code").asText());
        assertEquals("RUNNING", client.task(running).json().at("/output/task_status").asText());
        assertEquals(400, client.post("/api/v1/tasks/" + pending + "/cancel", "", Map.of()).status(), "already canceled");
    }

    @Test
    void requiresTheApiKeyToQuery() {
        final SimulatorClient.Answer answer = client.get("/api/v1/tasks/" + submit(), Map.of("Authorization", "Bearer sk-other"));

        assertEquals(401, answer.status());
        assertEquals("InvalidApiKey", answer.json().get("code").asText());
    }

    private String submit() {
        final SimulatorClient.Answer answer = client.submit(SimulatorClient.submitBody(audioUrl));
        assertEquals(200, answer.status(), answer.body());
        return answer.json().at("/output/task_id").asText();
    }
}
