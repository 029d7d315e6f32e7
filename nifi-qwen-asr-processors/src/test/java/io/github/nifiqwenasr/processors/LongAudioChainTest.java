/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.processors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.io.Json;
import io.github.nifiqwenasr.simulator.DashScopeSimulator;
import io.github.nifiqwenasr.simulator.Endpoint;
import io.github.nifiqwenasr.simulator.RecordedRequest;
import io.github.nifiqwenasr.simulator.audio.SampleAudio;
import io.github.nifiqwenasr.testing.SimulatedService;
import io.github.nifiqwenasr.testing.SrtParser;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SubmitAsrTask -> PollAsrTask (running looped back) -> FetchTranscript, each with its own client service, as in a flow. */
class LongAudioChainTest {

    private static final Set<Endpoint> STORAGE = EnumSet.of(Endpoint.OSS_UPLOAD, Endpoint.TRANSCRIPT, Endpoint.AUDIO_FILE);

    private SimulatedService submit;
    private SimulatedService poll;
    private SimulatedService fetch;

    @BeforeEach
    void wire() {
        submit = SimulatedService.start(SubmitAsrTask.class).enable();
        poll = SimulatedService.sharing(PollAsrTask.class, submit).enable();
        fetch = SimulatedService.sharing(FetchTranscript.class, submit).enable();
        submit.simulator().settings().taskRunningTimeBase(Duration.ofMillis(300));
        poll.runner().setProperty(PollAsrTask.MINIMUM_POLL_INTERVAL, "100 millis");
    }

    @AfterEach
    void stop() {
        fetch.close();
        poll.close();
        submit.close();
    }

    @Test
    void uploadedStereoCallBecomesSubtitles() {
        submit.runner().setProperty(SubmitAsrTask.CHANNELS, "0,1");
        submit.runner().setProperty(SubmitAsrTask.ENABLE_WORD_TIMESTAMPS, "true");
        fetch.runner().setProperty(FetchTranscript.OUTPUT_FORMAT, TranscriptOutputFormat.SRT.getValue());
        final byte[] call = SampleAudio.wav(Duration.ofSeconds(15), 8000, 2, "Thank you for calling, how can I help?");

        final MockFlowFile result = runChain(call, Map.of("filename", "call-0042.wav"));

        final List<SrtParser.Cue> cues = SrtParser.parse(result.getContent());
        assertEquals(6, cues.size(), result.getContent());
        assertEquals("[Channel 0] Thank you for calling, how can I help?", String.join(" ", cues.getFirst().lines()));
        assertTrue(String.join(" ", cues.get(1).lines()).startsWith("[Channel 1] Thank you for calling, how can I help?"));
        result.assertAttributeEquals("filename", "call-0042.wav");
        result.assertAttributeEquals("asr.task.status", "SUCCEEDED");
        result.assertAttributeEquals("asr.audio.seconds", "30");
        assertKeyOnlyOnApiEndpoints();
    }

    @Test
    void audioUrlBecomesRecords() throws Exception {
        final byte[] interview = SampleAudio.wav(Duration.ofSeconds(11), 8000, 1, "Let us start with your background.");
        final String url = submit.simulator().hostAudio("interview.wav", interview);
        submit.runner().setProperty(SubmitAsrTask.AUDIO_URL, "${source.url}");
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        fetch.runner().addControllerService("writer", writer);
        fetch.runner().enableControllerService(writer);
        fetch.runner().setProperty(FetchTranscript.OUTPUT_FORMAT, TranscriptOutputFormat.RECORDS.getValue());
        fetch.runner().setProperty(FetchTranscript.RECORD_WRITER, "writer");

        final MockFlowFile result = runChain(new byte[0], Map.of("source.url", url));

        final JsonNode records = Json.MAPPER.readTree(result.getContent());
        assertEquals(3, records.size());
        assertEquals("Let us start with your background.", records.get(0).path("text").asText());
        assertEquals(DashScopeSimulator.sentenceText(interview, 0, 2), records.get(2).path("text").asText());
        assertTrue(records.get(0).path("words").isMissingNode() || records.get(0).path("words").isNull());
        result.assertAttributeEquals("record.count", "3");
        assertEquals(url, submit.simulator().requests(Endpoint.SUBMIT).getFirst().json().path("input").path("file_url").asText());
        assertKeyOnlyOnApiEndpoints();
    }

    private MockFlowFile runChain(final byte[] content, final Map<String, String> attributes) {
        final TestRunner submitter = submit.runner();
        submitter.enqueue(content, attributes);
        submitter.run();
        submitter.assertAllFlowFilesTransferred(SubmitAsrTask.REL_SUCCESS, 1);

        final TestRunner poller = poll.runner();
        MockFlowFile current = submitter.getFlowFilesForRelationship(SubmitAsrTask.REL_SUCCESS).getFirst();
        final long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            poller.clearTransferState();
            poller.enqueue(current.getData(), current.getAttributes());
            poller.run();
            final List<MockFlowFile> done = poller.getFlowFilesForRelationship(PollAsrTask.REL_SUCCESS);
            if (!done.isEmpty()) {
                current = done.getFirst();
                break;
            }
            current = poller.getFlowFilesForRelationship(PollAsrTask.REL_RUNNING).isEmpty()
                    ? current : poller.getFlowFilesForRelationship(PollAsrTask.REL_RUNNING).getFirst();
            poller.clearTransferState();
            sleep();
        }
        current.assertAttributeExists("asr.transcription.url");

        final TestRunner fetcher = fetch.runner();
        fetcher.enqueue(current.getData(), current.getAttributes());
        fetcher.run();
        fetcher.assertAllFlowFilesTransferred(FetchTranscript.REL_SUCCESS, 1);
        return fetcher.getFlowFilesForRelationship(FetchTranscript.REL_SUCCESS).getFirst();
    }

    private void assertKeyOnlyOnApiEndpoints() {
        for (final RecordedRequest request : submit.simulator().requests()) {
            final boolean authorized = request.header("Authorization").isPresent();
            assertEquals(!STORAGE.contains(request.endpoint()), authorized, request.endpoint() + " " + request.path());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
