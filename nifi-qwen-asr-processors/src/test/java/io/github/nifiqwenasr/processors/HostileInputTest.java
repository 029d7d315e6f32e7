/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.processors;

import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.TaskInfo;
import io.github.nifiqwenasr.api.TaskStatus;
import io.github.nifiqwenasr.api.TranscriptionTaskRequest;
import io.github.nifiqwenasr.simulator.DashScopeSimulator;
import io.github.nifiqwenasr.simulator.Endpoint;
import io.github.nifiqwenasr.simulator.Fault;
import io.github.nifiqwenasr.simulator.RecordedRequest;
import io.github.nifiqwenasr.testing.SimulatedService;
import io.github.nifiqwenasr.testing.TestAudio;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import okio.BufferedSink;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.provenance.ProvenanceEventRecord;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What users and upstream systems will feed the processors: content that is not audio, attributes and properties that
 * are wrong or hostile, transcript documents that are broken or enormous. Each case ends in failure (or retry where
 * waiting can help) with a message that says what is wrong, and, where the input is checked before any call, without
 * a request to the service.
 */
class HostileInputTest {

    private static final String SECRET = "s3cr3t-Passw0rd";

    private SimulatedService asr;

    @AfterEach
    void stop() {
        if (asr != null) {
            asr.close();
        }
    }

    private TestRunner start(final Class<? extends Processor> processor) {
        asr = SimulatedService.start(processor).enable();
        asr.simulator().settings().taskRunningTimeBase(Duration.ZERO);
        return asr.runner();
    }

    /** The one FlowFile the run produced, on {@code relationship}, with the content it came with. */
    private static MockFlowFile routed(final TestRunner runner, final Relationship relationship, final byte[] content) throws IOException {
        runner.assertAllFlowFilesTransferred(relationship, 1);
        final MockFlowFile flowFile = runner.getFlowFilesForRelationship(relationship).getFirst();
        flowFile.assertContentEquals(content);
        return flowFile;
    }

    private static void assertTranscribed(final TestRunner runner, final byte[] audio) {
        runner.assertTransferCount(TranscribeAudioShort.REL_ORIGINAL, 1);
        runner.assertTransferCount(TranscribeAudioShort.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_SUCCESS).getFirst()
                .assertContentEquals(DashScopeSimulator.transcriptFor(audio), StandardCharsets.UTF_8);
    }

    private static void assertFailure(final MockFlowFile failed, final String code, final String explanation) {
        failed.assertAttributeEquals(AsrAttributes.ERROR_CODE, code);
        final String message = failed.getAttribute(AsrAttributes.ERROR_MESSAGE);
        assertTrue(message.contains(explanation), message);
        assertFalse(failed.isPenalized(), "failure is not penalized");
    }

    @Nested
    class Content {

        static Stream<Arguments> badContent() {
            final byte[] random = new byte[4096];
            new Random(5).nextBytes(random);
            random[0] = 0x13;
            return Stream.of(TranscribeAudioShort.class, SubmitAsrTask.class).flatMap(processor -> Stream.of(
                    Arguments.of(processor, "0 bytes", new byte[0], Map.of(), AsrErrorCodes.EMPTY_CONTENT, "The FlowFile has no content"),
                    Arguments.of(processor, "1 byte", new byte[] {'R'}, Map.of(), AsrErrorCodes.UNSUPPORTED_AUDIO, "is not audio in a format"),
                    Arguments.of(processor, "random bytes", random, Map.of(), AsrErrorCodes.UNSUPPORTED_AUDIO, "is not audio in a format"),
                    Arguments.of(processor, "a PDF", TestAudio.pdf(), Map.of(), AsrErrorCodes.UNSUPPORTED_AUDIO, "(it looks like a PDF document)"),
                    Arguments.of(processor, "a PNG", TestAudio.png(), Map.of(), AsrErrorCodes.UNSUPPORTED_AUDIO, "(it looks like a PNG image)"),
                    Arguments.of(processor, "an MP4 video without audio", TestAudio.mp4(false, 4000, "vide"), Map.of("filename", "screen.mp4"),
                            AsrErrorCodes.NO_AUDIO_TRACK, "The MP4 file has no audio track"),
                    Arguments.of(processor, "an AVI video without audio", TestAudio.avi("vids"), Map.of(),
                            AsrErrorCodes.NO_AUDIO_TRACK, "The AVI file has no audio track"),
                    Arguments.of(processor, "a WAV header with no samples", TestAudio.emptyWav(), Map.of(),
                            AsrErrorCodes.NO_AUDIO_SAMPLES, "has a header but no audio samples"),
                    Arguments.of(processor, "a PDF named talk.wav with mime.type audio/wav", TestAudio.pdf(),
                            Map.of("filename", "talk.wav", "mime.type", "audio/wav"), AsrErrorCodes.UNSUPPORTED_AUDIO, "PDF document")));
        }

        @ParameterizedTest(name = "{0}: {1}")
        @MethodSource("badContent")
        void failsBeforeAnyCall(final Class<? extends Processor> processor, final String name, final byte[] content,
                                final Map<String, String> attributes, final String code, final String explanation) throws IOException {
            final TestRunner runner = start(processor);
            runner.enqueue(content, attributes);
            runner.run();
            final MockFlowFile failed = routed(runner, AbstractQwenAsrProcessor.REL_FAILURE, content);
            assertFailure(failed, code, explanation);
            failed.assertAttributeNotExists(AsrAttributes.HTTP_STATUS);
            assertTrue(asr.simulator().requests().isEmpty(), "nothing is sent or paid for");
        }

        @Test
        void elevenMegabytesOfWavGoToTooLargeForShortAudioWithoutACall() throws IOException {
            final TestRunner runner = start(TranscribeAudioShort.class);
            final byte[] audio = TestAudio.wav(16000, 1, 16, 11.0 * 1024 * 1024 / 32000, 1);
            runner.enqueue(audio);
            runner.run();
            routed(runner, TranscribeAudioShort.REL_TOO_LARGE, audio);
            assertTrue(asr.simulator().requests().isEmpty());
        }

        @Test
        void elevenMegabytesOfWavAreUploadedForLongAudio() throws IOException {
            final TestRunner runner = start(SubmitAsrTask.class);
            final byte[] audio = TestAudio.wav(16000, 1, 16, 11.0 * 1024 * 1024 / 32000, 2);
            runner.enqueue(audio);
            runner.run();
            routed(runner, SubmitAsrTask.REL_SUCCESS, audio).assertAttributeExists(AsrAttributes.TASK_ID);
            assertEquals(1, asr.simulator().requests(Endpoint.OSS_UPLOAD).size());
            assertTrue(asr.simulator().requests(Endpoint.OSS_UPLOAD).getFirst().bodyLength() > audio.length);
        }

        @Test
        void realAudioWithAMisleadingNameAndTypeIsStillTranscribed() throws IOException {
            final TestRunner runner = start(TranscribeAudioShort.class);
            final byte[] audio = TestAudio.wav(3);
            runner.enqueue(audio, Map.of("filename", "song.mp3", "mime.type", "audio/mpeg"));
            runner.run();
            assertTranscribed(runner, audio);
        }
    }

    @Nested
    class AttributesAndProperties {

        @Test
        void aMissingTaskIdFailsWithoutACall() throws IOException {
            final TestRunner runner = start(PollAsrTask.class);
            runner.enqueue("audio");
            runner.run();
            assertFailure(routed(runner, PollAsrTask.REL_FAILURE, bytes("audio")), AsrErrorCodes.INVALID_TASK_ID,
                    "No task id: the Task ID property evaluated to an empty value");
            assertTrue(asr.simulator().requests().isEmpty());
        }

        @ParameterizedTest
        @ValueSource(strings = {"../uploads", "a?action=getPolicy", "a#b", "a b", "../../api/v1/services/audio/asr/transcription",
            "%2e%2e", "abc\r\nX-Injected: 1", "t\u0000", "\u0442\u0430\u0441\u043a"})
        void taskIdsThatCouldChangeThePathFailWithoutACall(final String taskId) throws IOException {
            final TestRunner runner = start(PollAsrTask.class);
            runner.enqueue("audio", Map.of("asr.task.id", taskId));
            runner.run();
            final MockFlowFile failed = routed(runner, PollAsrTask.REL_FAILURE, bytes("audio"));
            assertFailure(failed, AsrErrorCodes.INVALID_TASK_ID, "is not a DashScope task id (letters, digits, '-' and '_' only");
            assertFalse(failed.getAttribute(AsrAttributes.ERROR_MESSAGE).chars().anyMatch(Character::isISOControl),
                    "control characters are not copied into the message");
            assertTrue(asr.simulator().requests().isEmpty());
        }

        @ParameterizedTest
        @ValueSource(classes = {TranscribeAudioShort.class, SubmitAsrTask.class})
        void audioUrlsOfOtherSchemesFailWithoutACall(final Class<? extends Processor> processor) throws IOException {
            final TestRunner runner = start(processor);
            runner.setProperty(TranscribeAudioShort.AUDIO_URL.getName(), "${audio.url}");
            final List<String> urls = List.of("file:///etc/passwd", "ftp://files.example.com/a.wav", "jar:file:/tmp/a.jar!/a.wav",
                    "javascript:alert(1)", "gopher://example.com/a", "//example.com/a.wav", "data:audio/wav;base64,UklGRg==",
                    "https://example.com/a b.wav", "https://");
            urls.forEach(url -> runner.enqueue("audio", Map.of("audio.url", url)));
            runner.run(urls.size());
            runner.assertAllFlowFilesTransferred(AbstractQwenAsrProcessor.REL_FAILURE, urls.size());
            for (final MockFlowFile failed : runner.getFlowFilesForRelationship(AbstractQwenAsrProcessor.REL_FAILURE)) {
                assertFailure(failed, AsrErrorCodes.INVALID_AUDIO_URL, "is not an http://, https:// or oss:// URL the service can download");
            }
            assertTrue(asr.simulator().requests().isEmpty());
        }

        @Test
        void transcriptionUrlsOfOtherSchemesFailWithoutACall() {
            final TestRunner runner = start(FetchTranscript.class);
            final List<String> urls = List.of("file:///etc/passwd", "ftp://files.example.com/t.json", "oss://bucket/t.json",
                    "jar:file:/tmp/a.jar!/t.json", "t.json");
            urls.forEach(url -> runner.enqueue("audio", Map.of("asr.transcription.url", url)));
            runner.run(urls.size());
            runner.assertAllFlowFilesTransferred(FetchTranscript.REL_FAILURE, urls.size());
            for (final MockFlowFile failed : runner.getFlowFilesForRelationship(FetchTranscript.REL_FAILURE)) {
                assertFailure(failed, AsrErrorCodes.INVALID_TRANSCRIPTION_URL, "is not an http or https URL");
            }
            assertTrue(asr.simulator().requests().isEmpty());
        }

        @Test
        void credentialsInAnAudioUrlAreSentToTheServiceButNeverShown() {
            final TestRunner runner = start(TranscribeAudioShort.class);
            final String known = "https://listener:" + SECRET + "@audio.example.com/calls/a.wav?token=" + SECRET;
            asr.simulator().registerRemoteAudio(known, TestAudio.wav(4));
            runner.setProperty(TranscribeAudioShort.AUDIO_URL, "${audio.url}");
            runner.enqueue("audio", Map.of("audio.url", known));
            runner.enqueue("audio", Map.of("audio.url", "https://listener:" + SECRET + "@audio.example.com/missing.wav"));
            runner.run(2);
            runner.assertTransferCount(TranscribeAudioShort.REL_SUCCESS, 1);
            runner.assertTransferCount(TranscribeAudioShort.REL_FAILURE, 1);
            final MockFlowFile failed = runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_FAILURE).getFirst();
            assertFailure(failed, "InvalidParameter", "Download failed");
            assertSecretShownNowhere(runner, "audio.url");
        }

        @Test
        void credentialsInATranscriptionUrlAreNeverShown() {
            final TestRunner runner = start(FetchTranscript.class);
            final String url = finishedTask(TestAudio.wav(5)).replace("http://", "http://reader:" + SECRET + "@");
            runner.enqueue("audio", Map.of("asr.transcription.url", url));
            runner.enqueue("audio", Map.of("asr.transcription.url", url.replace("/transcripts/", "/gone/")));
            runner.run(2);
            runner.assertTransferCount(FetchTranscript.REL_SUCCESS, 1);
            runner.assertTransferCount(FetchTranscript.REL_FAILURE, 1);
            assertSecretShownNowhere(runner, "asr.transcription.url");
            final RecordedRequest download = asr.simulator().requests(Endpoint.TRANSCRIPT).getFirst();
            assertTrue(download.header("Authorization").isEmpty(), "user info in the URL is not turned into credentials");
        }

        @ParameterizedTest
        @ValueSource(strings = {"left", "0;1", "1e1", "0x1", "\uff12", "0,", "-0", "999"})
        void channelsThatAreNotTrackIndexesFailWithoutACall(final String channels) throws IOException {
            final TestRunner runner = start(SubmitAsrTask.class);
            runner.setProperty(SubmitAsrTask.CHANNELS, "${channels}");
            runner.enqueue(TestAudio.wav(6), Map.of("channels", channels));
            runner.run();
            assertFailure(runner.getFlowFilesForRelationship(SubmitAsrTask.REL_FAILURE).getFirst(), AsrErrorCodes.INVALID_CHANNELS,
                    "must be distinct audio track indexes from 0 to 63, separated by commas");
            assertTrue(asr.simulator().requests().isEmpty());
        }

        @ParameterizedTest
        @ValueSource(classes = {TranscribeAudioShort.class, SubmitAsrTask.class})
        void unsupportedLanguageCodesFailWithoutACall(final Class<? extends Processor> processor) {
            final TestRunner runner = start(processor);
            runner.setProperty(AsrProperties.LANGUAGE, "${lang}");
            final List<String> languages = List.of("klingon", "EN", "en-US", "zh_CN", "*");
            languages.forEach(language -> runner.enqueue(TestAudio.wav(7), Map.of("lang", language)));
            runner.run(languages.size());
            runner.assertAllFlowFilesTransferred(AbstractQwenAsrProcessor.REL_FAILURE, languages.size());
            for (final MockFlowFile failed : runner.getFlowFilesForRelationship(AbstractQwenAsrProcessor.REL_FAILURE)) {
                assertFailure(failed, AsrErrorCodes.INVALID_LANGUAGE, "is not supported; use one of zh, yue, en");
            }
            assertTrue(asr.simulator().requests().isEmpty());
        }

        @Test
        void expressionsThatEvaluateToEmptyMeanTheDocumentedDefaults() throws IOException {
            final TestRunner runner = start(TranscribeAudioShort.class);
            runner.setProperty(TranscribeAudioShort.AUDIO_URL, "${audio.url}");
            runner.setProperty(AsrProperties.LANGUAGE, "${lang}");
            runner.setProperty(TranscribeAudioShort.CONTEXT, "${context}");
            final byte[] audio = TestAudio.wav(8);
            runner.enqueue(audio);
            runner.run();
            assertTranscribed(runner, audio);
            final RecordedRequest request = asr.simulator().requests(Endpoint.FLASH).getFirst();
            assertTrue(request.json().path("input").path("messages").path(0).path("content").path(0).path("audio").asText()
                    .startsWith("data:audio/wav;base64,"), "empty Audio URL: the content is sent");
            assertTrue(request.json().path("parameters").path("asr_options").path("language").isMissingNode(), "empty Language: detected");
            assertEquals(1, request.json().path("input").path("messages").size(), "empty Context: no system message");
        }

        @Test
        void anEmptyAudioUrlUploadsTheContentButEmptyChannelsFail() throws IOException {
            final TestRunner runner = start(SubmitAsrTask.class);
            runner.setProperty(SubmitAsrTask.AUDIO_URL, "${audio.url}");
            runner.setProperty(SubmitAsrTask.CHANNELS, "${channels}");
            final byte[] audio = TestAudio.wav(9);
            runner.enqueue(audio, Map.of("channels", "0"));
            runner.enqueue(audio);
            runner.run(2);
            runner.assertTransferCount(SubmitAsrTask.REL_SUCCESS, 1);
            assertEquals(1, asr.simulator().requests(Endpoint.OSS_UPLOAD).size());
            assertFailure(runner.getFlowFilesForRelationship(SubmitAsrTask.REL_FAILURE).getFirst(), AsrErrorCodes.INVALID_CHANNELS,
                    "Channels '' must be distinct audio track indexes");
        }

        @Test
        void anEmptyTaskIdOrTranscriptionUrlExpressionFailsAndSaysSo() throws IOException {
            final TestRunner poll = start(PollAsrTask.class);
            poll.setProperty(PollAsrTask.TASK_ID, "${task.id.from.elsewhere}");
            poll.enqueue("audio");
            poll.run();
            assertFailure(routed(poll, PollAsrTask.REL_FAILURE, bytes("audio")), AsrErrorCodes.INVALID_TASK_ID,
                    "the Task ID property evaluated to an empty value");
            asr.close();

            final TestRunner fetch = start(FetchTranscript.class);
            fetch.enqueue("audio");
            fetch.run();
            assertFailure(routed(fetch, FetchTranscript.REL_FAILURE, bytes("audio")), AsrErrorCodes.INVALID_TRANSCRIPTION_URL,
                    "the Transcription URL property evaluated to an empty value (was the FlowFile routed from PollAsrTask's success?)");
            assertTrue(asr.simulator().requests().isEmpty());
        }

        /** Logs, provenance and the attributes the bundle writes never show the secret; the user's own attribute keeps it. */
        private void assertSecretShownNowhere(final TestRunner runner, final String usersAttribute) {
            for (final Relationship relationship : runner.getProcessor().getRelationships()) {
                for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(relationship)) {
                    final Map<String, String> written = new HashMap<>(flowFile.getAttributes());
                    written.remove(usersAttribute);
                    assertFalse(written.toString().contains(SECRET), written.toString());
                }
            }
            for (final ProvenanceEventRecord event : runner.getProvenanceEvents()) {
                assertFalse(String.valueOf(event.getTransitUri()).contains(SECRET), event.getTransitUri());
                assertFalse(String.valueOf(event.getDetails()).contains(SECRET), event.getDetails());
            }
            assertFalse(asr.logs().contains(SECRET), asr.logs());
        }
    }

    @Nested
    class TranscriptDocuments {

        static Stream<Arguments> brokenDocuments() {
            final String sentence = "{\"transcripts\":[{\"channel_id\":0,\"sentences\":[%s]}]}";
            return Stream.of(
                    Arguments.of("no transcripts array", "{\"file_url\":\"https://example.com/a.wav\"}", "the document has no transcripts array"),
                    Arguments.of("a sentence without begin_time", sentence.formatted("{\"end_time\":10,\"text\":\"a\"}"),
                            "at transcripts[0].sentences[0] (channel 0): begin_time is missing"),
                    Arguments.of("a channel without channel_id", "{\"transcripts\":[{\"sentences\":[]}]}", "channel_id is missing"),
                    Arguments.of("a negative timestamp", sentence.formatted("{\"begin_time\":-5,\"end_time\":10}"), "a time cannot be negative, found -5"),
                    Arguments.of("reversed timestamps", sentence.formatted("{\"begin_time\":1000,\"end_time\":900}"),
                            "end_time 900 is before begin_time 1000"),
                    Arguments.of("JSON nested 100,000 deep", "{\"deep\":" + "[".repeat(100_000) + "]".repeat(100_000) + ",\"transcripts\":[]}",
                            "exceeds a safety limit of the JSON parser"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("brokenDocuments")
        void brokenDocumentsFailAndSayWhere(final String name, final String document, final String explanation) throws IOException {
            final TestRunner runner = start(FetchTranscript.class);
            final String url = finishedTask(TestAudio.wav(10));
            asr.simulator().enqueueFault(Endpoint.TRANSCRIPT, Fault.rawBody(200, "application/json", document));
            runner.enqueue("audio", Map.of("asr.transcription.url", url));
            runner.run();
            assertFailure(routed(runner, FetchTranscript.REL_FAILURE, bytes("audio")), AsrErrorCodes.INVALID_TRANSCRIPT, explanation);
        }

        @Test
        void bytesThatAreNotUtf8FailAndSaySo() throws IOException {
            final TestRunner runner = start(FetchTranscript.class);
            try (MockWebServer storage = new MockWebServer()) {
                storage.start(InetAddress.getByName("127.0.0.1"), 0);
                final Buffer body = new Buffer().writeUtf8("{\"transcripts\":[{\"channel_id\":0,\"text\":\"caf")
                        .writeByte(0xE9).writeUtf8("\",\"sentences\":[]}]}");
                storage.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build());
                runner.enqueue("audio", Map.of("asr.transcription.url", storage.url("/t.json?Signature=x").toString()));
                runner.run();
            }
            assertFailure(routed(runner, FetchTranscript.REL_FAILURE, bytes("audio")), AsrErrorCodes.INVALID_TRANSCRIPT,
                    "the document is not valid UTF-8 text");
        }

        @Test
        void aTwoGigabyteTranscriptIsRefusedByItsDeclaredLengthWithoutReadingIt() throws IOException {
            final TestRunner runner = start(FetchTranscript.class);
            final String url = finishedTask(TestAudio.wav(11));
            asr.simulator().enqueueFault(Endpoint.TRANSCRIPT, Fault.hugeBody(200, "application/json", 2L * 1024 * 1024 * 1024));
            runner.enqueue("audio", Map.of("asr.transcription.url", url));
            final long started = System.nanoTime();
            runner.run();
            final long millis = (System.nanoTime() - started) / 1_000_000;
            final MockFlowFile failed = routed(runner, FetchTranscript.REL_FAILURE, bytes("audio"));
            assertFailure(failed, AsrErrorCodes.RESPONSE_TOO_LARGE, "is 2147483648 bytes, more than the limit of 536870912 bytes");
            assertTrue(millis < 10_000, "refused at once, not read: " + millis + " ms");
        }

        @Test
        void aTwoGigabyteTranscriptWithoutADeclaredLengthStopsAtTheCap() throws IOException {
            final TestRunner runner = start(FetchTranscript.class);
            runner.setProperty(FetchTranscript.MAXIMUM_TRANSCRIPT_SIZE, "8 MB");
            final AtomicLong written = new AtomicLong();
            try (MockWebServer storage = new MockWebServer()) {
                storage.start(InetAddress.getByName("127.0.0.1"), 0);
                storage.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(endless(written)).build());
                runner.enqueue("audio", Map.of("asr.transcription.url", storage.url("/t.json?Signature=x").toString()));
                runner.run();
            }
            assertFailure(routed(runner, FetchTranscript.REL_FAILURE, bytes("audio")), AsrErrorCodes.RESPONSE_TOO_LARGE,
                    "larger than the Maximum Transcript Size of 8388608 bytes");
            assertTrue(written.get() < 64L * 1024 * 1024, "the download stopped near the cap; the server wrote " + written.get() + " bytes");
        }

        @Test
        void anApiAnswerNested100000DeepIsRetriedNotAStackOverflow() throws IOException {
            final TestRunner runner = start(PollAsrTask.class);
            asr.simulator().enqueueFault(Endpoint.TASK_QUERY, Fault.rawBody(200, "application/json",
                    "{\"output\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"));
            runner.enqueue("audio", Map.of("asr.task.id", "t-1"));
            runner.run();
            final MockFlowFile retry = routed(runner, PollAsrTask.REL_RETRY, bytes("audio"));
            retry.assertAttributeEquals(AsrAttributes.ERROR_CODE, AsrErrorCodes.MALFORMED_RESPONSE);
            assertTrue(retry.getAttribute(AsrAttributes.ERROR_MESSAGE).contains("nesting depth"), retry.getAttribute(AsrAttributes.ERROR_MESSAGE));
        }

        /** About 2 GB of whitespace with no Content-Length, counting what was written before the client hung up. */
        private static MockResponseBody endless(final AtomicLong written) {
            return new MockResponseBody() {
                @Override
                public long getContentLength() {
                    return -1;
                }

                @Override
                public void writeTo(final BufferedSink sink) throws IOException {
                    final byte[] block = new byte[64 * 1024];
                    Arrays.fill(block, (byte) ' ');
                    for (int i = 0; i < 32 * 1024; i++) {
                        sink.write(block);
                        sink.flush();
                        written.addAndGet(block.length);
                    }
                }
            };
        }
    }

    /** Submits a task for {@code audio} through the service and returns its transcription URL once it SUCCEEDED. */
    private String finishedTask(final byte[] audio) {
        try {
            final TaskInfo submitted = asr.service().getClient().tasks().submit(new TranscriptionTaskRequest("qwen3-asr-flash-filetrans",
                    asr.simulator().hostAudio("task.wav", audio), List.of(0), false, false, null));
            TaskInfo task = asr.service().getClient().tasks().query(submitted.taskId());
            for (int i = 0; i < 100 && task.status() != TaskStatus.SUCCEEDED; i++) {
                Thread.sleep(10);
                task = asr.service().getClient().tasks().query(submitted.taskId());
            }
            assertEquals(TaskStatus.SUCCEEDED, task.status());
            asr.simulator().clearRequests();
            return task.transcriptionUrl();
        } catch (final AsrException e) {
            throw new IllegalStateException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
