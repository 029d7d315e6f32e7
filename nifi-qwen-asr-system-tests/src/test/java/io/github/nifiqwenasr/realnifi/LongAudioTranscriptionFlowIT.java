/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * examples/long-audio-transcription.json in a real NiFi against the simulator: the one-minute sample is uploaded to
 * the temporary storage, transcribed by a task that PollAsrTask waits for, and written as SRT subtitles and as JSON
 * sentence records; the API key goes only to the API, never to storage or transcript downloads.
 */
@ExtendWith({RealNiFi.class, LocalSimulator.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongAudioTranscriptionFlowIT {

    private static final String SAMPLE = "long-story.mp3";
    private static final Set<String> API_ENDPOINTS = Set.of("FLASH", "COMPAT_CHAT", "SUBMIT", "TASK_QUERY", "TASK_CANCEL", "UPLOAD_POLICY");

    @TempDir
    private static Path data;

    private final NiFiClient client;
    private final SimulatorProcess simulator;
    private ExampleFlow flow;

    LongAudioTranscriptionFlowIT(final NiFiClient client, final SimulatorProcess simulator) {
        this.client = client;
        this.simulator = simulator;
    }

    @BeforeAll
    void transcribeTheLongSample() {
        simulator.reset();
        flow = ExampleFlow.deploy(client, simulator, RealNiFi.example("long-audio-transcription.json"), data);
        TestFiles.dropSample(SAMPLE, flow.directory("in/long-audio"));
        Await.until("subtitles and records, or a failure", Duration.ofMinutes(2), () ->
                TestFiles.list(flow.directory("out/subtitles")).size() + TestFiles.list(flow.directory("out/records")).size() == 2
                        || !TestFiles.list(flow.directory("out/failures")).isEmpty());
        flow.stop();
    }

    @Test
    void theSubtitlesStartWithTheSpokenText() {
        assertEquals(List.of(flow.directory("out/subtitles/long-story.srt")), TestFiles.list(flow.directory("out/subtitles")));
        final String srt = TestFiles.read(flow.directory("out/subtitles/long-story.srt"));
        assertTrue(srt.startsWith("1\n00:00:00,000 --> "), srt);
        final String firstWords = TestFiles.spokenText(SAMPLE).substring(0, "Data flows are everywhere.".length());
        assertTrue(srt.contains(firstWords), srt);
        assertEquals(List.of(), TestFiles.list(flow.directory("out/failures")));
    }

    @Test
    void theRecordsHoldOneSentencePerRecord() throws IOException {
        final JsonNode records = Json.MAPPER.readTree(flow.directory("out/records/long-story.json").toFile());
        assertTrue(records.isArray() && !records.isEmpty(), records::toString);
        final JsonNode first = records.path(0);
        assertEquals(0, first.path("channel_id").asInt());
        assertEquals(0, first.path("sentence_id").asInt());
        assertEquals(0, first.path("begin_time").asLong());
        assertTrue(first.path("end_time").asLong() > 0, first::toString);
        assertEquals(TestFiles.spokenText(SAMPLE), first.path("text").asText());
    }

    @Test
    void oneUploadOneTaskAndTwoTranscriptDownloads() {
        final Map<String, Long> calls = simulator.requests().valueStream()
                .collect(Collectors.groupingBy(request -> request.path("endpoint").asText(), Collectors.counting()));
        assertEquals(1L, calls.get("UPLOAD_POLICY"), calls::toString);
        assertEquals(1L, calls.get("OSS_UPLOAD"), calls::toString);
        assertEquals(1L, calls.get("SUBMIT"), calls::toString);
        assertTrue(calls.get("TASK_QUERY") >= 1, calls::toString);
        assertEquals(2L, calls.get("TRANSCRIPT"), calls::toString);
    }

    @Test
    void theApiKeyGoesOnlyToApiEndpoints() {
        for (final JsonNode request : simulator.requests()) {
            final boolean authorized = request.path("headers").has("Authorization");
            assertEquals(API_ENDPOINTS.contains(request.path("endpoint").asText()), authorized, request::toString);
        }
    }

    @Test
    void thePolledTaskIdIsSearchableInProvenance() {
        final String writeRecords = flow.processorId("Write records");
        Await.until("the records' SEND event", () -> !client.searchProvenance(Map.of("ProcessorID", writeRecords, "EventType", "SEND")).isEmpty());
        final JsonNode send = client.searchProvenance(Map.of("ProcessorID", writeRecords, "EventType", "SEND")).getFirst();
        final Map<String, String> attributes = ShortAudioTranscriptionFlowIT.attributes(client.provenanceEvent(send.path("id").asText()));
        assertEquals("SUCCEEDED", attributes.get("asr.task.status"), attributes::toString);
        final String taskId = attributes.get("asr.task.id");
        assertFalse(client.searchProvenance(Map.of("asr.task.id", taskId)).isEmpty());
        assertEquals("long-story.json", attributes.get("filename"));
        assertTrue(Integer.parseInt(attributes.get("record.count")) >= 1, attributes::toString);
    }

    @Test
    void theFlowRaisesNoBulletins() {
        assertEquals(List.of(), flow.bulletins());
    }
}
