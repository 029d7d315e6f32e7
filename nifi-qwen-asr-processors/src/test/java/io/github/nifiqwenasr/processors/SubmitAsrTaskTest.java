/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.processors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.api.ApiProtocol;
import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.simulator.Endpoint;
import io.github.nifiqwenasr.simulator.Fault;
import io.github.nifiqwenasr.simulator.RecordedRequest;
import io.github.nifiqwenasr.simulator.Region;
import io.github.nifiqwenasr.simulator.TaskView;
import io.github.nifiqwenasr.testing.SimulatedService;
import io.github.nifiqwenasr.testing.TestAudio;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubmitAsrTaskTest {

    private SimulatedService asr;

    @AfterEach
    void stop() {
        if (asr != null) {
            asr.close();
        }
    }

    private TestRunner start() {
        asr = SimulatedService.start(SubmitAsrTask.class).enable();
        return asr.runner();
    }

    @Test
    void submitsAnAudioUrlAndKeepsTheContent() throws IOException {
        final TestRunner runner = start();
        final String url = asr.simulator().hostAudio("meeting.wav", TestAudio.wav(1));
        runner.setProperty(SubmitAsrTask.AUDIO_URL, "${audio.url}");
        runner.setProperty(SubmitAsrTask.CHANNELS, "0");
        runner.setProperty(SubmitAsrTask.ENABLE_WORD_TIMESTAMPS, "true");
        runner.setProperty(AsrProperties.LANGUAGE, "en");
        runner.enqueue("the original content", Map.of("audio.url", url));

        runner.run();

        runner.assertAllFlowFilesTransferred(SubmitAsrTask.REL_SUCCESS, 1);
        final MockFlowFile submitted = runner.getFlowFilesForRelationship(SubmitAsrTask.REL_SUCCESS).getFirst();
        submitted.assertContentEquals("the original content");
        final String taskId = submitted.getAttribute("asr.task.id");
        submitted.assertAttributeEquals("asr.task.status", "PENDING");
        submitted.assertAttributeEquals("asr.model", "qwen3-asr-flash-filetrans");
        submitted.assertAttributeExists("asr.request.id");
        assertTrue(Long.parseLong(submitted.getAttribute("asr.task.submit.time")) <= System.currentTimeMillis());

        final TaskView task = asr.simulator().task(taskId).orElseThrow();
        assertEquals(url, task.fileUrl());
        assertEquals(List.of(0), task.channelIds());
        assertTrue(task.enableWords());
        assertEquals("en", task.language());

        final RecordedRequest request = asr.simulator().requests(Endpoint.SUBMIT).getFirst();
        assertEquals("enable", request.header("X-DashScope-Async").orElseThrow());
        assertTrue(request.header("X-DashScope-OssResourceResolve").isEmpty());
        final JsonNode parameters = request.json().path("parameters");
        assertFalse(parameters.path("enable_itn").asBoolean(true));
        assertEquals(ProvenanceEventType.REMOTE_INVOCATION, runner.getProvenanceEvents().getFirst().getEventType());
    }

    @Test
    void uploadsTheContentWhenThereIsNoUrl() throws IOException {
        final TestRunner runner = start();
        final byte[] audio = TestAudio.wav(2);
        runner.setProperty(SubmitAsrTask.CHANNELS, "${channels}");
        runner.enqueue(audio, Map.of("filename", "board meeting.wav", "channels", "0, 1"));

        runner.run();

        runner.assertAllFlowFilesTransferred(SubmitAsrTask.REL_SUCCESS, 1);
        final MockFlowFile submitted = runner.getFlowFilesForRelationship(SubmitAsrTask.REL_SUCCESS).getFirst();
        submitted.assertContentEquals(audio);
        final List<Endpoint> calls = asr.simulator().requests().stream().map(RecordedRequest::endpoint).toList();
        assertEquals(List.of(Endpoint.UPLOAD_POLICY, Endpoint.OSS_UPLOAD, Endpoint.SUBMIT), calls);

        final RecordedRequest upload = asr.simulator().requests(Endpoint.OSS_UPLOAD).getFirst();
        assertEquals(200, upload.responseStatus());
        assertTrue(upload.header("Authorization").isEmpty(), "the key never goes to the storage host");
        final RecordedRequest submit = asr.simulator().requests(Endpoint.SUBMIT).getFirst();
        assertEquals("enable", submit.header("X-DashScope-OssResourceResolve").orElseThrow());
        final String fileUrl = submit.json().path("input").path("file_url").asText();
        assertTrue(fileUrl.startsWith("oss://") && fileUrl.endsWith("-board_meeting.wav"), fileUrl);
        assertEquals("[0,1]", submit.json().path("parameters").path("channel_id").toString());
        assertTrue(runner.getProvenanceEvents().stream().anyMatch(event -> event.getEventType() == ProvenanceEventType.SEND
                && event.getTransitUri().equals(asr.simulator().storageBaseUrl() + "/")),
                runner.getProvenanceEvents().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "0,,1", "-1", "0,0", "1.5", "64", " "})
    void invalidChannelsFailWithoutACall(final String channels) {
        final TestRunner runner = start();
        runner.setProperty(SubmitAsrTask.CHANNELS, "${channels}");
        runner.enqueue(TestAudio.wav(3), Map.of("channels", channels));
        runner.run();
        runner.assertAllFlowFilesTransferred(SubmitAsrTask.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(SubmitAsrTask.REL_FAILURE).getFirst().assertAttributeEquals("asr.error.code", AsrErrorCodes.INVALID_CHANNELS);
        assertTrue(asr.simulator().requests().isEmpty());
    }

    @Test
    void literalChannelsAreValidatedInTheConfiguration() {
        final TestRunner runner = start();
        runner.setProperty(SubmitAsrTask.CHANNELS, "left,right");
        runner.assertNotValid();
        runner.setProperty(SubmitAsrTask.CHANNELS, "0,1");
        runner.assertValid();
    }

    @Test
    void badInputFailsBeforeAnyCall() {
        final TestRunner runner = start();
        runner.setProperty(SubmitAsrTask.AUDIO_URL, "${audio.url}");
        runner.enqueue(new byte[0]);
        runner.enqueue(TestAudio.pdf());
        runner.enqueue(new byte[0], Map.of("audio.url", "file:///data/meeting.wav"));
        runner.enqueue(new byte[0], Map.of("audio.url", "https://user:secret@storage.example.com/meeting.wav?sig=abc def"));
        runner.run(4);
        runner.assertAllFlowFilesTransferred(SubmitAsrTask.REL_FAILURE, 4);
        final List<MockFlowFile> failed = runner.getFlowFilesForRelationship(SubmitAsrTask.REL_FAILURE);
        assertEquals(List.of(AsrErrorCodes.EMPTY_CONTENT, AsrErrorCodes.UNSUPPORTED_AUDIO, AsrErrorCodes.INVALID_AUDIO_URL,
                AsrErrorCodes.INVALID_AUDIO_URL), failed.stream().map(flowFile -> flowFile.getAttribute("asr.error.code")).toList());
        assertFalse(failed.get(3).getAttribute("asr.error.message").contains("secret"), "credentials in a URL are never shown");
        assertTrue(asr.simulator().requests().isEmpty());
    }

    @Test
    void contentOverTwoGigabytesFailsWithoutACall() {
        final TestRunner runner = start();
        final MockFlowFile huge = new MockFlowFile(1) {
            @Override
            public long getSize() {
                return SubmitAsrTask.MAX_CONTENT_BYTES + 1;
            }
        };
        runner.enqueue(huge);
        runner.run();
        runner.assertAllFlowFilesTransferred(SubmitAsrTask.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(SubmitAsrTask.REL_FAILURE).getFirst().assertAttributeEquals("asr.error.code", AsrErrorCodes.AUDIO_TOO_LARGE);
        assertTrue(asr.simulator().requests().isEmpty());
    }

    @Test
    void contentOverTheUploadLimitIsNotSent() {
        final TestRunner runner = start();
        asr.simulator().settings().filetransUploadMaxFileSizeMb(1);
        runner.enqueue(TestAudio.wav(16000, 1, 16, 40, 4));
        runner.run();
        runner.assertAllFlowFilesTransferred(SubmitAsrTask.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(SubmitAsrTask.REL_FAILURE).getFirst().assertAttributeEquals("asr.error.code", AsrErrorCodes.UPLOAD_TOO_LARGE);
        assertEquals(List.of(Endpoint.UPLOAD_POLICY), asr.simulator().requests().stream().map(RecordedRequest::endpoint).toList());
    }

    @Test
    void anExpiredUploadPolicyIsRetried() {
        final TestRunner runner = start();
        asr.simulator().enqueueFault(Endpoint.OSS_UPLOAD, Fault.error(403, "AccessDenied", "Invalid according to Policy: Policy expired."));
        runner.enqueue(TestAudio.wav(5));
        runner.run();
        runner.assertAllFlowFilesTransferred(SubmitAsrTask.REL_RETRY, 1);
        final MockFlowFile retry = runner.getFlowFilesForRelationship(SubmitAsrTask.REL_RETRY).getFirst();
        retry.assertAttributeEquals("asr.error.code", "AccessDenied");
        retry.assertAttributeEquals("asr.http.status", "403");
        assertTrue(retry.isPenalized());
        assertTrue(asr.simulator().requests(Endpoint.SUBMIT).isEmpty());
    }

    /** Faults after the request has gone out: the service may have created the task, so the answer is lost money. */
    static List<Arguments> lostAnswers() {
        return List.of(
                Arguments.of("the answer is cut off after the task was created", Fault.truncatedBody(), 1),
                Arguments.of("the answer comes after the Read Timeout, the task was created", Fault.delay(Duration.ofSeconds(3)), 1),
                Arguments.of("the connection closes without an answer", Fault.disconnect(), 0),
                Arguments.of("HTTP 500", Fault.error(500, "InternalError", "An internal error has occured, please try again later or contact service support."), 0),
                Arguments.of("HTTP 200 whose body is not JSON", Fault.rawBody(200, "application/json", "{\"request_id\": \"r1\", \"output\": {"), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lostAnswers")
    void aSubmitWhoseAnswerIsLostGoesToOutcomeUnknownAndIsNeverSentAgain(final String what, final Fault fault,
                                                                         final int tasksCreated) throws InterruptedException {
        asr = SimulatedService.start(SubmitAsrTask.class).serviceProperty("Read Timeout", "1 sec").enable();
        final TestRunner runner = asr.runner();
        runner.setProperty(SubmitAsrTask.AUDIO_URL, asr.simulator().hostAudio("a.wav", TestAudio.wav(6)));
        asr.simulator().enqueueFault(Endpoint.SUBMIT, fault);
        runner.enqueue(new byte[0], Map.of("asr.request.id", "from-an-earlier-attempt"));

        runner.run();

        runner.assertAllFlowFilesTransferred(SubmitAsrTask.REL_OUTCOME_UNKNOWN, 1);
        final MockFlowFile unknown = runner.getFlowFilesForRelationship(SubmitAsrTask.REL_OUTCOME_UNKNOWN).getFirst();
        unknown.assertAttributeEquals("asr.error.code", AsrErrorCodes.SUBMIT_OUTCOME_UNKNOWN);
        assertTrue(unknown.getAttribute("asr.error.message").contains("may have created the task"), unknown.getAttribute("asr.error.message"));
        unknown.assertAttributeNotExists("asr.task.id");
        assertFalse("from-an-earlier-attempt".equals(unknown.getAttribute("asr.request.id")));
        // A delayed answer's task is created (and its request recorded) when the delay ends, after the processor gave up.
        final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((asr.simulator().taskCount() < tasksCreated || asr.simulator().requests(Endpoint.SUBMIT).isEmpty())
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, asr.simulator().requests(Endpoint.SUBMIT).size(), "the processor sent the submission once");
        assertEquals(tasksCreated, asr.simulator().taskCount(), "tasks the service created (and bills)");
        assertTrue(asr.yielded());
    }

    @Test
    void aSubmitThatNeverReachedTheServiceIsRetried() throws IOException {
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        asr = SimulatedService.start(SubmitAsrTask.class)
                .serviceProperty("Endpoint Override URL", "http://127.0.0.1:" + closedPort).enable();
        final TestRunner runner = asr.runner();
        runner.setProperty(SubmitAsrTask.AUDIO_URL, "https://storage.example.com/a.wav");
        runner.enqueue(new byte[0]);

        runner.run();

        runner.assertAllFlowFilesTransferred(SubmitAsrTask.REL_RETRY, 1);
        final MockFlowFile retry = runner.getFlowFilesForRelationship(SubmitAsrTask.REL_RETRY).getFirst();
        retry.assertAttributeEquals("asr.error.code", AsrErrorCodes.CONNECTION_FAILED);
        assertTrue(retry.isPenalized());
    }

    @Test
    void aFixedLanguageFileTranscriptionDoesNotAcceptIsInvalid() {
        final TestRunner runner = start();
        runner.setProperty(AsrProperties.LANGUAGE, "nl");
        runner.assertNotValid();
        runner.setProperty(AsrProperties.LANGUAGE, "ja");
        runner.assertValid();
    }

    @Test
    void aRejectedSubmitFailsAndCreatesNothing() {
        final TestRunner runner = start();
        runner.setProperty(SubmitAsrTask.AUDIO_URL, asr.simulator().hostAudio("a.wav", TestAudio.wav(6)));
        asr.simulator().enqueueFault(Endpoint.SUBMIT, Fault.error(400, "InvalidParameter", "Required parameter(s) missing or invalid, please check the request parameters."));
        runner.enqueue(new byte[0]);
        runner.run();
        runner.assertAllFlowFilesTransferred(SubmitAsrTask.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(SubmitAsrTask.REL_FAILURE).getFirst().assertAttributeEquals("asr.error.code", "InvalidParameter");
    }

    @Test
    void aRetriedSubmitSendsTheUploadAgainInsteadOfUploadingTheContentAgain() {
        final TestRunner runner = start();
        // Retry-After 0, so that the limiter's pause after the 429 does not hold up the second attempt.
        asr.simulator().enqueueFault(Endpoint.SUBMIT, Fault.error(429, "Throttling.RateQuota",
                "Requests rate limit exceeded, please try again later.").withRetryAfter("0"));
        runner.enqueue(TestAudio.wav(3), Map.of("filename", "call.wav"));
        runner.run();
        runner.assertAllFlowFilesTransferred(SubmitAsrTask.REL_RETRY, 1);
        final MockFlowFile retry = runner.getFlowFilesForRelationship(SubmitAsrTask.REL_RETRY).getFirst();
        final String uploaded = retry.getAttribute("asr.upload.url");
        assertTrue(uploaded != null && uploaded.startsWith("oss://"), String.valueOf(uploaded));
        retry.assertAttributeEquals("asr.upload.model", "qwen3-asr-flash-filetrans");
        retry.assertAttributeEquals("asr.upload.size", String.valueOf(retry.getSize()));

        runner.clearTransferState();
        runner.enqueue(retry);
        runner.run();

        runner.assertAllFlowFilesTransferred(SubmitAsrTask.REL_SUCCESS, 1);
        assertEquals(List.of(Endpoint.UPLOAD_POLICY, Endpoint.OSS_UPLOAD, Endpoint.SUBMIT, Endpoint.SUBMIT),
                asr.simulator().requests().stream().map(RecordedRequest::endpoint).toList(), "one upload for two attempts");
        assertEquals(uploaded, asr.simulator().requests(Endpoint.SUBMIT).getLast().json().path("input").path("file_url").asText());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"older than 47 hours", "for another model", "of content of another size"})
    void anUploadThatCannotServeThisAttemptIsMadeAgain(final String why) {
        final TestRunner runner = start();
        final byte[] audio = TestAudio.wav(3);
        final long now = System.currentTimeMillis();
        runner.enqueue(audio, Map.of("asr.upload.url", "oss://dashscope-instant/old/call.wav",
                "asr.upload.time", String.valueOf(why.startsWith("older") ? now - Duration.ofHours(47).toMillis() - 1 : now),
                "asr.upload.model", why.startsWith("for another") ? "qwen3-asr-flash" : "qwen3-asr-flash-filetrans",
                "asr.upload.size", String.valueOf(why.startsWith("of content") ? audio.length + 1 : audio.length)));
        runner.run();
        runner.assertAllFlowFilesTransferred(SubmitAsrTask.REL_SUCCESS, 1);
        assertEquals(1, asr.simulator().requests(Endpoint.OSS_UPLOAD).size());
        final String sent = asr.simulator().requests(Endpoint.SUBMIT).getFirst().json().path("input").path("file_url").asText();
        assertFalse(sent.contains("/old/"), sent);
        runner.getFlowFilesForRelationship(SubmitAsrTask.REL_SUCCESS).getFirst().assertAttributeEquals("asr.upload.url", sent);
    }

    @Test
    void throttledSubmitsAreRetriedAndTheProcessorYields() {
        final TestRunner runner = start();
        runner.setProperty(SubmitAsrTask.AUDIO_URL, asr.simulator().hostAudio("a.wav", TestAudio.wav(7)));
        asr.simulator().enqueueFault(Endpoint.SUBMIT, Fault.error(429, "Throttling.RateQuota", "Requests rate limit exceeded, please try again later."));
        runner.enqueue(new byte[0]);
        runner.run();
        runner.assertAllFlowFilesTransferred(SubmitAsrTask.REL_RETRY, 1);
        assertTrue(runner.getFlowFilesForRelationship(SubmitAsrTask.REL_RETRY).getFirst().isPenalized());
        assertTrue(asr.yielded());
    }

    @Test
    void aResubmittedFlowFileLosesTheAttributesOfItsOldTask() {
        final TestRunner runner = start();
        runner.setProperty(SubmitAsrTask.AUDIO_URL, asr.simulator().hostAudio("a.wav", TestAudio.wav(8)));
        runner.enqueue(new byte[0], Map.of("asr.task.id", "old", "asr.transcription.url", "https://old", "asr.poll.count", "9",
                "asr.poll.due", "1", "asr.error.code", "FILE_DOWNLOAD_FAILED"));
        runner.run();
        final MockFlowFile submitted = runner.getFlowFilesForRelationship(SubmitAsrTask.REL_SUCCESS).getFirst();
        assertFalse(submitted.getAttribute("asr.task.id").equals("old"));
        submitted.assertAttributeNotExists("asr.transcription.url");
        submitted.assertAttributeNotExists("asr.poll.count");
        submitted.assertAttributeNotExists("asr.poll.due");
        submitted.assertAttributeNotExists("asr.error.code");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ApiProtocol.class, names = "DASHSCOPE_NATIVE", mode = EnumSource.Mode.EXCLUDE)
    void onlyDashScopeNativeCanStartFileTranscription(final ApiProtocol protocol) {
        asr = SimulatedService.start(SubmitAsrTask.class, protocol).enable();
        final SubmitAsrTask processor = (SubmitAsrTask) asr.runner().getProcessor();
        final ProcessException error = assertThrows(ProcessException.class, () -> processor.resolveModel(asr.runner().getProcessContext()));
        assertTrue(error.getMessage().contains("needs a client service whose API Protocol is 'DashScope native'"), error.getMessage());
        assertTrue(asr.simulator().requests().isEmpty());
    }

    @Test
    void theUsRegionCannotStartFileTranscription() {
        asr = SimulatedService.start(SubmitAsrTask.class, Region.US_EAST_1).enable();
        final SubmitAsrTask processor = (SubmitAsrTask) asr.runner().getProcessor();
        final ProcessException error = assertThrows(ProcessException.class, () -> processor.resolveModel(asr.runner().getProcessContext()));
        assertTrue(error.getMessage().contains("not offered"), error.getMessage());
    }
}
