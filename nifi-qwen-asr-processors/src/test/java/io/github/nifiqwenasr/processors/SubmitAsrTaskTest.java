package io.github.nifiqwenasr.processors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.client.ApiProtocol;
import io.github.nifiqwenasr.client.AsrErrorCodes;
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
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
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

    @Test
    void aBrokenSubmitIsNeverSentTwiceByTheProcessor() {
        final TestRunner runner = start();
        final String url = asr.simulator().hostAudio("a.wav", TestAudio.wav(6));
        runner.setProperty(SubmitAsrTask.AUDIO_URL, url);
        asr.simulator().enqueueFault(Endpoint.SUBMIT, Fault.disconnect());
        runner.enqueue(new byte[0]);
        runner.run();
        runner.assertAllFlowFilesTransferred(SubmitAsrTask.REL_RETRY, 1);
        assertEquals(1, asr.simulator().requests(Endpoint.SUBMIT).size());
        runner.getFlowFilesForRelationship(SubmitAsrTask.REL_RETRY).getFirst().assertAttributeNotExists("asr.task.id");
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
