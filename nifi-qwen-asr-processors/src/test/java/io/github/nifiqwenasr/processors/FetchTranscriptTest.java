/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.processors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.TaskInfo;
import io.github.nifiqwenasr.api.TaskStatus;
import io.github.nifiqwenasr.api.TranscriptionTaskRequest;
import io.github.nifiqwenasr.io.Json;
import io.github.nifiqwenasr.simulator.DashScopeSimulator;
import io.github.nifiqwenasr.simulator.Endpoint;
import io.github.nifiqwenasr.simulator.Fault;
import io.github.nifiqwenasr.simulator.RecordedRequest;
import io.github.nifiqwenasr.simulator.audio.SampleAudio;
import io.github.nifiqwenasr.testing.SimulatedService;
import io.github.nifiqwenasr.testing.SrtParser;
import io.github.nifiqwenasr.testing.WebVttParser;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.provenance.ProvenanceEventRecord;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FetchTranscriptTest {

    private static final String TEXT = "Welcome to the quarterly review of the data platform.";

    private SimulatedService asr;

    @AfterEach
    void stop() {
        if (asr != null) {
            asr.close();
        }
    }

    private TestRunner start(final TranscriptOutputFormat format) {
        asr = SimulatedService.start(FetchTranscript.class).enable();
        asr.simulator().settings().taskRunningTimeBase(Duration.ZERO);
        asr.runner().setProperty(FetchTranscript.OUTPUT_FORMAT, format.getValue());
        return asr.runner();
    }

    /** Runs a task to completion for {@code audio} and returns its transcription URL. */
    private String finishedTask(final byte[] audio, final List<Integer> channels, final boolean words) {
        try {
            final String url = asr.simulator().hostAudio("audio-" + System.nanoTime() + ".wav", audio);
            final TaskInfo submitted = asr.service().getClient().tasks().submit(new TranscriptionTaskRequest(
                    "qwen3-asr-flash-filetrans", url, channels, false, words, null));
            TaskInfo task = asr.service().getClient().tasks().query(submitted.taskId());
            for (int i = 0; i < 100 && task.status().isInProgress(); i++) {
                Thread.sleep(20);
                task = asr.service().getClient().tasks().query(submitted.taskId());
            }
            assertEquals(TaskStatus.SUCCEEDED, task.status());
            return task.transcriptionUrl();
        } catch (final AsrException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] speech(final int seconds, final int channels) {
        return SampleAudio.wav(Duration.ofSeconds(seconds), 8000, channels, TEXT);
    }

    private MockFlowFile fetch(final TestRunner runner, final String url) {
        runner.enqueue("the audio", Map.of("asr.transcription.url", url, "filename", "review.wav"));
        runner.run();
        runner.getFlowFilesForRelationship(FetchTranscript.REL_FAILURE)
                .forEach(failed -> System.out.println("unexpected failure: " + failed.getAttributes()));
        runner.assertAllFlowFilesTransferred(FetchTranscript.REL_SUCCESS, 1);
        return runner.getFlowFilesForRelationship(FetchTranscript.REL_SUCCESS).getFirst();
    }

    private static String download(final String url) {
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(java.net.http.HttpRequest.newBuilder(URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (final IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void jsonIsTheDocumentAsReturned() {
        final TestRunner runner = start(TranscriptOutputFormat.JSON);
        final String url = finishedTask(speech(12, 1), List.of(0), false);
        final MockFlowFile result = fetch(runner, url);
        result.assertContentEquals(download(url));
        result.assertAttributeEquals("mime.type", "application/json");
        result.assertAttributeEquals("asr.language", "en");
        result.assertAttributeEquals("filename", "review.wav");

        final RecordedRequest get = asr.simulator().requests(Endpoint.TRANSCRIPT).getFirst();
        assertTrue(get.header("Authorization").isEmpty(), "no key to the storage host");
        final ProvenanceEventRecord fetch = runner.getProvenanceEvents().stream()
                .filter(event -> event.getEventType() == ProvenanceEventType.FETCH).findFirst().orElseThrow();
        assertEquals(url.substring(0, url.indexOf('?')), fetch.getTransitUri());
    }

    @Test
    void theSignedUrlIsACredentialThatLeavesNoTraceAndIsRemovedOnceUsed() {
        final TestRunner runner = start(TranscriptOutputFormat.TEXT);
        final String url = finishedTask(speech(6, 1), List.of(0), false);
        final String signature = url.substring(url.indexOf('?') + 1);
        fetch(runner, url).assertAttributeNotExists("asr.transcription.url");
        for (final ProvenanceEventRecord event : runner.getProvenanceEvents()) {
            assertFalse(String.valueOf(event.getTransitUri()).contains(signature), event.toString());
            assertFalse(String.valueOf(event.getDetails()).contains(signature), event.toString());
        }

        runner.clearTransferState();
        runner.setProperty(FetchTranscript.REMOVE_TRANSCRIPTION_URL, "false");
        fetch(runner, url).assertAttributeEquals("asr.transcription.url", url);

        // An expired signature: the failure says so, and neither it nor the log carries the signature.
        runner.clearTransferState();
        runner.enqueue("the audio", Map.of("asr.transcription.url", url.replace("Expires=", "Expires=1")));
        runner.run();
        final MockFlowFile failed = runner.getFlowFilesForRelationship(FetchTranscript.REL_FAILURE).stream().findFirst()
                .orElseGet(() -> runner.getFlowFilesForRelationship(FetchTranscript.REL_RETRY).getFirst());
        assertFalse(failed.getAttribute("asr.error.message").contains(signature), failed.getAttribute("asr.error.message"));
        assertFalse(asr.logs().contains(signature), asr.logs());
    }

    @Test
    void textHasOneBlockPerChannel() {
        final TestRunner runner = start(TranscriptOutputFormat.TEXT);
        final byte[] audio = speech(12, 2);
        final String url = finishedTask(audio, List.of(0, 1), false);
        final String text = fetch(runner, url).getContent();
        final String[] channels = text.split("\n\n");
        assertEquals(2, channels.length, text);
        assertTrue(channels[0].startsWith(TEXT + " " + DashScopeSimulator.sentenceText(audio, 0, 1)), channels[0]);
        assertTrue(channels[1].startsWith(DashScopeSimulator.sentenceText(audio, 1, 0)), channels[1]);
        runner.getFlowFilesForRelationship(FetchTranscript.REL_SUCCESS).getFirst().assertAttributeEquals("mime.type", "text/plain; charset=UTF-8");
    }

    @Test
    void srtFromSentenceTimestamps() {
        final TestRunner runner = start(TranscriptOutputFormat.SRT);
        final byte[] audio = speech(12, 1);
        final MockFlowFile result = fetch(runner, finishedTask(audio, List.of(0), false));
        final List<SrtParser.Cue> cues = SrtParser.parse(result.getContent());
        assertEquals(3, cues.size(), result.getContent());
        assertEquals(List.of(TEXT), cues.getFirst().lines().size() == 1 ? cues.getFirst().lines() : List.of(String.join(" ", cues.getFirst().lines())));
        assertEquals(0, cues.getFirst().start());
        assertTrue(result.getContent().startsWith("1\n00:00:00,000 --> 00:00:05,000\n"), result.getContent());
        result.assertAttributeEquals("mime.type", "application/x-subrip");
    }

    @Test
    void vttLabelsEveryChannelAndSplitsWithWordTimestamps() {
        final TestRunner runner = start(TranscriptOutputFormat.VTT);
        final String longSentence = "In the third quarter the platform team moved every ingest flow to the new cluster,"
                + " retired the old batch jobs and cut the time from upload to searchable transcript to under a minute.";
        final byte[] audio = SampleAudio.wav(Duration.ofSeconds(20), 8000, 2, longSentence);
        final MockFlowFile result = fetch(runner, finishedTask(audio, List.of(0, 1), true));
        final String vtt = result.getContent();
        assertTrue(vtt.startsWith("WEBVTT\n\n"));
        final List<WebVttParser.Cue> cues = WebVttParser.parse(vtt);
        assertTrue(cues.stream().anyMatch(cue -> "Channel 0".equals(cue.voice())));
        assertTrue(cues.stream().anyMatch(cue -> "Channel 1".equals(cue.voice())));
        assertTrue(cues.size() >= 10, "the long first sentence of each channel is split into readable cues: " + cues.size());
        assertTrue(cues.stream().allMatch(cue -> cue.end() - cue.start() <= 7_000), "no cue longer than 7 s");
        result.assertAttributeEquals("mime.type", "text/vtt");
    }

    @Test
    void recordsOnePerSentenceWithWords() throws InitializationException, IOException {
        final TestRunner runner = start(TranscriptOutputFormat.RECORDS);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty(FetchTranscript.RECORD_WRITER, "writer");
        final byte[] audio = speech(12, 2);
        final MockFlowFile result = fetch(runner, finishedTask(audio, List.of(0, 1), true));

        final JsonNode records = Json.MAPPER.readTree(result.getContent());
        assertEquals(6, records.size());
        result.assertAttributeEquals("record.count", "6");
        result.assertAttributeEquals("mime.type", "application/json");
        final JsonNode first = records.get(0);
        assertEquals(0, first.path("channel_id").asInt());
        assertEquals(0, first.path("sentence_id").asInt());
        assertEquals(0, first.path("begin_time").asLong());
        assertEquals(5000, first.path("end_time").asLong());
        assertEquals(TEXT, first.path("text").asText());
        assertEquals("en", first.path("language").asText());
        assertEquals("neutral", first.path("emotion").asText());
        assertTrue(first.path("words").size() > 3);
        assertEquals(1, records.get(3).path("channel_id").asInt());
    }

    @Test
    void anExpiredUrlFailsAndKeepsTheContent() throws IOException, InterruptedException {
        final TestRunner runner = start(TranscriptOutputFormat.SRT);
        asr.simulator().settings().transcriptUrlTtl(Duration.ofSeconds(1));
        final String url = finishedTask(speech(6, 1), List.of(0), false);
        Thread.sleep(2100);
        runner.enqueue("the audio", Map.of("asr.transcription.url", url));
        runner.run();
        runner.assertAllFlowFilesTransferred(FetchTranscript.REL_FAILURE, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(FetchTranscript.REL_FAILURE).getFirst();
        failed.assertContentEquals("the audio");
        failed.assertAttributeEquals("asr.error.code", AsrErrorCodes.TRANSCRIPT_EXPIRED);
        failed.assertAttributeEquals("asr.http.status", "403");
        assertFalse(failed.getAttribute("asr.error.message").contains("Signature="), "the signature is a credential");
    }

    @Test
    void aTamperedSignatureFails() {
        final TestRunner runner = start(TranscriptOutputFormat.JSON);
        final String url = finishedTask(speech(6, 1), List.of(0), false).replaceAll("Signature=[^&]+", "Signature=forged");
        runner.enqueue("the audio", Map.of("asr.transcription.url", url));
        runner.run();
        runner.assertAllFlowFilesTransferred(FetchTranscript.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(FetchTranscript.REL_FAILURE).getFirst().assertAttributeEquals("asr.error.code", "SignatureDoesNotMatch");
    }

    @Test
    void malformedAndTruncatedDocumentsFailOrRetryWithTheContentKept() throws IOException {
        final TestRunner runner = start(TranscriptOutputFormat.SRT);
        final String url = finishedTask(speech(6, 1), List.of(0), false);
        asr.simulator().enqueueFault(Endpoint.TRANSCRIPT, Fault.rawBody(200, "application/json",
                "{\"transcripts\":[{\"channel_id\":0,\"sentences\":[{\"sentence_id\":0,\"begin_time\":900,\"end_time\":100,\"text\":\"x\"}]}]}"));
        asr.simulator().enqueueFault(Endpoint.TRANSCRIPT, Fault.rawBody(200, "application/json", "{\"transcripts\":[{\"channel_id\":0,\"sent"));
        asr.simulator().enqueueFault(Endpoint.TRANSCRIPT, Fault.truncatedBody());
        for (int i = 0; i < 3; i++) {
            runner.enqueue("the audio", Map.of("asr.transcription.url", url));
        }
        runner.run(3);
        runner.assertTransferCount(FetchTranscript.REL_FAILURE, 2);
        runner.assertTransferCount(FetchTranscript.REL_RETRY, 1);
        for (final MockFlowFile failed : runner.getFlowFilesForRelationship(FetchTranscript.REL_FAILURE)) {
            failed.assertContentEquals("the audio");
            failed.assertAttributeEquals("asr.error.code", AsrErrorCodes.INVALID_TRANSCRIPT);
        }
        assertTrue(runner.getFlowFilesForRelationship(FetchTranscript.REL_FAILURE).getFirst()
                .getAttribute("asr.error.message").contains("end_time 100 is before begin_time 900"));
        final MockFlowFile retry = runner.getFlowFilesForRelationship(FetchTranscript.REL_RETRY).getFirst();
        retry.assertContentEquals("the audio");
        assertTrue(retry.isPenalized());
    }

    @Test
    void theSizeCapHolds() throws IOException {
        final TestRunner runner = start(TranscriptOutputFormat.JSON);
        runner.setProperty(FetchTranscript.MAXIMUM_TRANSCRIPT_SIZE, "1 KB");
        final String url = finishedTask(speech(120, 1), List.of(0), true);
        asr.simulator().enqueueFault(Endpoint.TRANSCRIPT, Fault.hugeBody(200, "application/json", 50L * 1024 * 1024));
        runner.enqueue("the audio", Map.of("asr.transcription.url", url));
        runner.enqueue("the audio", Map.of("asr.transcription.url", url));
        runner.run(2);
        runner.assertAllFlowFilesTransferred(FetchTranscript.REL_FAILURE, 2);
        for (final MockFlowFile failed : runner.getFlowFilesForRelationship(FetchTranscript.REL_FAILURE)) {
            failed.assertAttributeEquals("asr.error.code", AsrErrorCodes.RESPONSE_TOO_LARGE);
            failed.assertContentEquals("the audio");
        }
    }

    @Test
    void missingOrNonHttpUrlsFailWithoutACall() {
        final TestRunner runner = start(TranscriptOutputFormat.JSON);
        runner.enqueue("a");
        runner.enqueue("b", Map.of("asr.transcription.url", "file:///etc/passwd"));
        runner.enqueue("c", Map.of("asr.transcription.url", "oss://bucket/key.json"));
        runner.run(3);
        runner.assertAllFlowFilesTransferred(FetchTranscript.REL_FAILURE, 3);
        runner.getFlowFilesForRelationship(FetchTranscript.REL_FAILURE)
                .forEach(flowFile -> flowFile.assertAttributeEquals("asr.error.code", AsrErrorCodes.INVALID_TRANSCRIPTION_URL));
        assertTrue(asr.simulator().requests().isEmpty());
    }

    @Test
    void recordsNeedARecordWriter() {
        final TestRunner runner = start(TranscriptOutputFormat.RECORDS);
        runner.assertNotValid();
        runner.setProperty(FetchTranscript.OUTPUT_FORMAT, TranscriptOutputFormat.TEXT.getValue());
        runner.assertValid();
    }
}
