/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.processors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.api.ApiProtocol;
import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.simulator.DashScopeSimulator;
import io.github.nifiqwenasr.simulator.Endpoint;
import io.github.nifiqwenasr.simulator.Fault;
import io.github.nifiqwenasr.simulator.RecordedRequest;
import io.github.nifiqwenasr.simulator.Region;
import io.github.nifiqwenasr.testing.SimulatedService;
import io.github.nifiqwenasr.testing.TestAudio;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.provenance.ProvenanceEventRecord;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TranscribeAudioShortTest {

    private SimulatedService asr;

    @AfterEach
    void stop() {
        if (asr != null) {
            asr.close();
        }
    }

    private TestRunner start() {
        return start(Region.AP_SOUTHEAST_1);
    }

    private TestRunner start(final Region region) {
        asr = SimulatedService.start(TranscribeAudioShort.class, region).enable();
        return asr.runner();
    }

    @Test
    void transcribesContentAndKeepsTheOriginal() throws IOException {
        final TestRunner runner = start();
        final byte[] audio = TestAudio.wav(1);
        runner.enqueue(audio, Map.of("filename", "call.wav"));

        runner.run();

        runner.assertTransferCount(TranscribeAudioShort.REL_SUCCESS, 1);
        runner.assertTransferCount(TranscribeAudioShort.REL_ORIGINAL, 1);
        final MockFlowFile transcript = runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_SUCCESS).getFirst();
        transcript.assertContentEquals(DashScopeSimulator.transcriptFor(audio), StandardCharsets.UTF_8);
        transcript.assertAttributeEquals("mime.type", "text/plain; charset=UTF-8");
        transcript.assertAttributeEquals("asr.model", "qwen3-asr-flash");
        transcript.assertAttributeEquals("asr.language", "en");
        transcript.assertAttributeEquals("asr.emotion", "neutral");
        transcript.assertAttributeEquals("asr.audio.seconds", "2");
        transcript.assertAttributeExists("asr.request.id");
        transcript.assertAttributeEquals("filename", "call.wav");

        final MockFlowFile original = runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_ORIGINAL).getFirst();
        original.assertContentEquals(audio);
        original.assertAttributeEquals("asr.request.id", transcript.getAttribute("asr.request.id"));
        original.assertAttributeNotExists("asr.error.code");

        final RecordedRequest request = asr.simulator().requests(Endpoint.FLASH).getFirst();
        assertEquals(200, request.responseStatus());
        assertEquals("Bearer " + asr.simulator().apiKey(), request.header("Authorization").orElseThrow());
        final String dataUrl = request.json().path("input").path("messages").path(0).path("content").path(0).path("audio").asText();
        assertTrue(dataUrl.startsWith("data:audio/wav;base64,"));
        assertArrayEquals(audio, Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1)));

        // The audio itself left NiFi: a SEND, not a REMOTE_INVOCATION (which URL mode records).
        final ProvenanceEventRecord remote = runner.getProvenanceEvents().stream()
                .filter(event -> event.getEventType() == ProvenanceEventType.SEND).findFirst().orElseThrow();
        assertEquals(asr.simulator().apiBaseUrl() + "/api/v1/services/aigc/multimodal-generation/generation", remote.getTransitUri());
        assertTrue(runner.getProvenanceEvents().stream().noneMatch(event -> event.getEventType() == ProvenanceEventType.REMOTE_INVOCATION));
        assertEquals(2L, runner.getCounterValue(TranscribeAudioShort.COUNTER_SECONDS));
    }

    @Test
    void sendsLanguageItnAndContext() {
        final TestRunner runner = start();
        runner.setProperty(AsrProperties.LANGUAGE, "${lang}");
        runner.setProperty(AsrProperties.ENABLE_ITN, "true");
        runner.setProperty(TranscribeAudioShort.CONTEXT, "Apache NiFi, DashScope");
        runner.enqueue(TestAudio.wav(2), Map.of("lang", "zh"));

        runner.run();

        runner.assertTransferCount(TranscribeAudioShort.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_SUCCESS).getFirst().assertAttributeEquals("asr.language", "zh");
        final JsonNode body = asr.simulator().requests(Endpoint.FLASH).getFirst().json();
        assertEquals("zh", body.path("parameters").path("asr_options").path("language").asText());
        assertTrue(body.path("parameters").path("asr_options").path("enable_itn").asBoolean());
        assertEquals("system", body.path("input").path("messages").path(0).path("role").asText());
        assertEquals("Apache NiFi, DashScope", body.path("input").path("messages").path(0).path("content").path(0).path("text").asText());
    }

    @Test
    void usRegionSendsTheUsModel() {
        final TestRunner runner = start(Region.US_EAST_1);
        runner.enqueue(TestAudio.wav(3));
        runner.run();
        runner.assertTransferCount(TranscribeAudioShort.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_SUCCESS).getFirst().assertAttributeEquals("asr.model", "qwen3-asr-flash-us");
        assertEquals("qwen3-asr-flash-us", asr.simulator().requests(Endpoint.FLASH).getFirst().json().path("model").asText());
    }

    @Test
    void beijingRegionTranscribes() {
        final TestRunner runner = start(Region.CN_BEIJING);
        runner.enqueue(TestAudio.wav(4));
        runner.run();
        runner.assertTransferCount(TranscribeAudioShort.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_SUCCESS).getFirst().assertAttributeEquals("asr.model", "qwen3-asr-flash");
    }

    @Test
    void aKeyOfAnotherRegionIsRejected() throws IOException {
        asr = SimulatedService.start(TranscribeAudioShort.class, Region.CN_BEIJING)
                .serviceProperty("API Key", Region.AP_SOUTHEAST_1.defaultApiKey()).enable();
        final TestRunner runner = asr.runner();
        final byte[] audio = TestAudio.wav(5);
        runner.enqueue(audio);
        runner.run();
        runner.assertAllFlowFilesTransferred(TranscribeAudioShort.REL_FAILURE, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_FAILURE).getFirst();
        failed.assertAttributeEquals("asr.error.code", "InvalidApiKey");
        failed.assertAttributeEquals("asr.http.status", "401");
        failed.assertContentEquals(audio);
        assertTrue(asr.yielded(), "a rejected key fails every FlowFile: the processor yields");
    }

    @Test
    void urlModeSendsTheUrlAndDoesNotReadTheContent() throws IOException {
        final TestRunner runner = start();
        final byte[] audio = TestAudio.wav(6);
        final String url = asr.simulator().hostAudio("meeting.wav", audio);
        runner.setProperty(TranscribeAudioShort.AUDIO_URL, "${audio.url}");
        runner.enqueue("not audio at all", Map.of("audio.url", url));

        runner.run();

        runner.assertTransferCount(TranscribeAudioShort.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_SUCCESS).getFirst()
                .assertContentEquals(DashScopeSimulator.transcriptFor(audio), StandardCharsets.UTF_8);
        final JsonNode body = asr.simulator().requests(Endpoint.FLASH).getFirst().json();
        assertEquals(url, body.path("input").path("messages").path(0).path("content").path(0).path("audio").asText());
        assertEquals(List.of(ProvenanceEventType.REMOTE_INVOCATION), runner.getProvenanceEvents().stream()
                .map(ProvenanceEventRecord::getEventType).filter(type -> type != ProvenanceEventType.FORK).toList(),
                "only a URL left NiFi, not the audio");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "mime.type names audio,     audio/x-wav,              recording.bin, audio/x-wav",
        "parameters are dropped,    audio/wav; codes=1,       recording.bin, audio/wav",
        "non-audio mime then extension, application/octet-stream, recording.wav, audio/wav",
        "no hints so magic bytes,   ,                         recording,     audio/wav"
    })
    void dataUrlTypeFollowsMimeTypeThenExtensionThenContent(final String name, final String mimeType, final String filename, final String expected) {
        final TestRunner runner = start();
        final Map<String, String> attributes = mimeType == null ? Map.of("filename", filename) : Map.of("filename", filename, "mime.type", mimeType);
        runner.enqueue(TestAudio.wav(7), attributes);
        runner.run();
        runner.assertTransferCount(TranscribeAudioShort.REL_SUCCESS, 1);
        assertTrue(sentAudio().startsWith("data:" + expected + ";base64,"), sentAudio().substring(0, 40));
    }

    @Test
    void mp3IsRecognisedByItsExtensionAndBytes() {
        final TestRunner runner = start();
        runner.enqueue(TestAudio.mp3(80, 8), Map.of("filename", "voice.mp3"));
        runner.enqueue(TestAudio.mp3(80, 9), Map.of("filename", "voice"));
        runner.run(2);
        runner.assertTransferCount(TranscribeAudioShort.REL_SUCCESS, 2);
        for (final RecordedRequest request : asr.simulator().requests(Endpoint.FLASH)) {
            assertTrue(audioOf(request).startsWith("data:audio/mpeg;base64,"));
        }
    }

    @Test
    void audioTooLargeForOneRequestGoesToTooLargeWithoutACall() throws IOException {
        final TestRunner runner = start();
        final byte[] bySize = TestAudio.wav(16000, 1, 16, 262, 10);
        final byte[] byDuration = TestAudio.wav(8000, 1, 8, 301, 11);
        runner.enqueue(bySize);
        runner.enqueue(byDuration);
        runner.run(2);
        runner.assertAllFlowFilesTransferred(TranscribeAudioShort.REL_TOO_LARGE, 2);
        runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_TOO_LARGE).getFirst().assertContentEquals(bySize);
        assertTrue(asr.simulator().requests().isEmpty());
    }

    @Test
    void justUnderTheLimitIsSent() {
        final TestRunner runner = start();
        final long maxAudioBytes = (10L * 1024 * 1024 - "data:audio/wav;base64,".length()) / 4 * 3;
        final double seconds = (maxAudioBytes - 44) / 32000.0;
        final byte[] audio = TestAudio.wav(16000, 1, 16, Math.floor(seconds * 1000) / 1000, 12);
        runner.enqueue(audio);
        runner.run();
        runner.assertTransferCount(TranscribeAudioShort.REL_SUCCESS, 1);
        runner.assertTransferCount(TranscribeAudioShort.REL_ORIGINAL, 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "empty,        EmptyContent,",
        "pdf,          UnsupportedAudioFormat, PDF document",
        "png,          UnsupportedAudioFormat, PNG image",
        "random,       UnsupportedAudioFormat,",
        "emptyWav,     NoAudioSamples,"
    })
    void badContentFailsWithoutACall(final String kind, final String code, final String mention) throws IOException {
        final TestRunner runner = start();
        final byte[] content = switch (kind) {
            case "empty" -> new byte[0];
            case "pdf" -> TestAudio.pdf();
            case "png" -> TestAudio.png();
            case "random" -> new byte[] {7, 7, 7, 7, 7, 7, 7, 7};
            default -> TestAudio.emptyWav();
        };
        runner.enqueue(content, Map.of("filename", "audio.wav", "mime.type", "audio/wav"));
        runner.run();
        runner.assertAllFlowFilesTransferred(TranscribeAudioShort.REL_FAILURE, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_FAILURE).getFirst();
        failed.assertAttributeEquals("asr.error.code", code);
        failed.assertAttributeNotExists("asr.http.status");
        if (mention != null) {
            assertTrue(failed.getAttribute("asr.error.message").contains(mention), failed.getAttribute("asr.error.message"));
        }
        failed.assertContentEquals(content);
        assertTrue(asr.simulator().requests().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "file:///etc/passwd", "ftp://host/a.wav", "not a url", "https://", "http://host/a b.wav", "data:audio/wav;base64,AAAA"
    })
    void invalidAudioUrlsFailWithoutACall(final String url) {
        final TestRunner runner = start();
        runner.setProperty(TranscribeAudioShort.AUDIO_URL, "${u}");
        runner.enqueue(new byte[0], Map.of("u", url));
        runner.run();
        runner.assertAllFlowFilesTransferred(TranscribeAudioShort.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_FAILURE).getFirst().assertAttributeEquals("asr.error.code", AsrErrorCodes.INVALID_AUDIO_URL);
        assertTrue(asr.simulator().requests().isEmpty());
    }

    @Test
    void unsupportedLanguageFailsWithoutACall() {
        final TestRunner runner = start();
        runner.setProperty(AsrProperties.LANGUAGE, "${spoken.language}");
        runner.enqueue(TestAudio.wav(13), Map.of("spoken.language", "klingon"));
        runner.run();
        runner.assertAllFlowFilesTransferred(TranscribeAudioShort.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_FAILURE).getFirst().assertAttributeEquals("asr.error.code", AsrErrorCodes.INVALID_LANGUAGE);
        assertTrue(asr.simulator().requests().isEmpty());
    }

    @ParameterizedTest(name = "HTTP {0} {1} -> {2}")
    @CsvSource({
        "400, InvalidParameter,            failure, false",
        "400, Arrearage,                   failure, true",
        "401, InvalidApiKey,               failure, true",
        "403, AccessDenied,                failure, true",
        "404, ModelNotFound,               failure, false",
        "408, RequestTimeOut,              retry,   true",
        "413, BadRequest.TooLarge,         failure, false",
        "415, BadRequest.UnsupportedFileFormat, failure, false",
        "429, Throttling.RateQuota,        retry,   true",
        "429, Throttling.AllocationQuota,  retry,   true",
        "429, PrepaidBillOverdue,          failure, true",
        "500, InternalError,               retry,   true",
        "503, ModelUnavailable,            retry,   true"
    })
    void serviceErrorsAreRoutedWithTheirReason(final int status, final String code, final String relationship, final boolean yields) throws IOException {
        final TestRunner runner = start();
        asr.simulator().enqueueFault(Endpoint.FLASH, Fault.error(status, code, "simulated " + code));
        final byte[] audio = TestAudio.wav(14);
        runner.enqueue(audio);

        runner.run();

        final boolean retry = relationship.equals("retry");
        runner.assertAllFlowFilesTransferred(retry ? TranscribeAudioShort.REL_RETRY : TranscribeAudioShort.REL_FAILURE, 1);
        final MockFlowFile routed = runner.getFlowFilesForRelationship(retry ? TranscribeAudioShort.REL_RETRY : TranscribeAudioShort.REL_FAILURE).getFirst();
        routed.assertAttributeEquals("asr.error.code", code);
        routed.assertAttributeEquals("asr.http.status", String.valueOf(status));
        assertTrue(routed.getAttribute("asr.error.message").contains("simulated " + code));
        routed.assertContentEquals(audio);
        assertEquals(retry, routed.isPenalized());
        assertEquals(yields, asr.yielded());
    }

    @Test
    void throttlingPausesTheSharedLimiter() {
        final TestRunner runner = start();
        asr.simulator().enqueueFault(Endpoint.FLASH, Fault.error(429, "Throttling.RateQuota", "slow down").withRetryAfter("30"));
        runner.enqueue(TestAudio.wav(15));
        runner.enqueue(TestAudio.wav(16));
        runner.run(2);
        runner.assertTransferCount(TranscribeAudioShort.REL_RETRY, 1);
        assertEquals(1, runner.getQueueSize().getObjectCount(), "the second FlowFile waits in the queue while the limiter is paused");
        assertEquals(1, asr.simulator().requests(Endpoint.FLASH).size());
    }

    @Test
    void timeoutsDroppedConnectionsAndBrokenAnswersAreRetried() {
        asr = SimulatedService.start(TranscribeAudioShort.class).serviceProperty("Read Timeout", "1 sec").enable();
        final TestRunner runner = asr.runner();
        asr.simulator().enqueueFault(Endpoint.FLASH, Fault.stall(Duration.ofSeconds(3)));
        asr.simulator().enqueueFault(Endpoint.FLASH, Fault.disconnect());
        asr.simulator().enqueueFault(Endpoint.FLASH, Fault.truncatedBody());
        asr.simulator().enqueueFault(Endpoint.FLASH, Fault.rawBody(200, "application/json", "{\"output\":{\"choices\":["));
        asr.simulator().enqueueFault(Endpoint.FLASH, Fault.rawBody(502, "text/html", "<html><body>Bad Gateway</body></html>"));
        for (int i = 0; i < 5; i++) {
            runner.enqueue(TestAudio.wav(20 + i));
        }
        runner.run(5);
        runner.assertAllFlowFilesTransferred(TranscribeAudioShort.REL_RETRY, 5);
        final List<String> codes = runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_RETRY).stream()
                .map(flowFile -> flowFile.getAttribute("asr.error.code")).toList();
        assertEquals(List.of(AsrErrorCodes.TIMEOUT, AsrErrorCodes.CONNECTION_FAILED, AsrErrorCodes.CONNECTION_FAILED,
                AsrErrorCodes.MALFORMED_RESPONSE, "HttpStatus502"), codes);
        runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_RETRY).forEach(flowFile -> assertTrue(flowFile.isPenalized()));
    }

    @Test
    void answersOfTheWrongShapeFail() {
        final TestRunner runner = start();
        asr.simulator().enqueueFault(Endpoint.FLASH, Fault.rawBody(200, "application/json", "{\"status\":\"ok\"}"));
        runner.enqueue(TestAudio.wav(30));
        runner.run();
        runner.assertAllFlowFilesTransferred(TranscribeAudioShort.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_FAILURE).getFirst().assertAttributeEquals("asr.error.code", AsrErrorCodes.UNEXPECTED_RESPONSE);
    }

    @Test
    void aRetriedFlowFileLosesItsOldErrorOnSuccess() {
        final TestRunner runner = start();
        runner.enqueue(TestAudio.wav(31), Map.of("asr.error.code", "Timeout", "asr.error.message", "earlier", "asr.http.status", "504"));
        runner.run();
        final MockFlowFile transcript = runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_SUCCESS).getFirst();
        transcript.assertAttributeNotExists("asr.error.code");
        transcript.assertAttributeNotExists("asr.error.message");
        transcript.assertAttributeNotExists("asr.http.status");
    }

    @Test
    void theRateLimiterLeavesFlowFilesQueuedAndYields() {
        asr = SimulatedService.start(TranscribeAudioShort.class).serviceProperty("Requests Per Minute", "1").enable();
        final TestRunner runner = asr.runner();
        for (int i = 0; i < 3; i++) {
            runner.enqueue(TestAudio.wav(40 + i));
        }
        runner.run(3);
        runner.assertTransferCount(TranscribeAudioShort.REL_SUCCESS, 1);
        assertEquals(2, runner.getQueueSize().getObjectCount());
        assertTrue(asr.yielded());
        assertEquals(1, asr.simulator().requests().size());
    }

    @Test
    void audioTheServiceRefusesAsTooLongGoesToTooLargeWhateverItsFormat() throws IOException {
        asr = SimulatedService.start(TranscribeAudioShort.class).serviceProperty("Requests Per Minute", "600").enable();
        final TestRunner runner = asr.runner();
        // 11,600 MP3 frames of 26 ms: 303 s, which only the service measures; and a long WAV passed by URL.
        final byte[] mp3 = TestAudio.mp3(11_600, 12);
        runner.enqueue(mp3, Map.of("asr.request.id", "earlier", "asr.error.code", "Timeout", "asr.http.status", "504"));
        runner.run();
        runner.setProperty(TranscribeAudioShort.AUDIO_URL, "${audio.url}");
        runner.enqueue(new byte[0], Map.of("audio.url", asr.simulator().hostAudio("long.wav", TestAudio.wav(8000, 1, 8, 301, 13))));
        runner.run();

        runner.assertAllFlowFilesTransferred(TranscribeAudioShort.REL_TOO_LARGE, 2);
        final MockFlowFile tooLong = runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_TOO_LARGE).getFirst();
        tooLong.assertContentEquals(mp3);
        for (final String stale : List.of("asr.request.id", "asr.error.code", "asr.http.status")) {
            tooLong.assertAttributeNotExists(stale);
        }
        assertEquals(List.of(400, 400), asr.simulator().requests(Endpoint.FLASH).stream().map(RecordedRequest::responseStatus).toList());
    }

    @Test
    void theCallTimeoutEndsAStreamThatStallsWithinItsIdleTimeout() {
        asr = SimulatedService.start(TranscribeAudioShort.class).serviceProperty("Read Timeout", "3 secs")
                .serviceProperty("Call Timeout", "3 secs").enable();
        final TestRunner runner = asr.runner();
        // Half the events, then nothing for 6 s: within the 8 s Stream Idle Timeout, so only the Call Timeout ends it.
        asr.simulator().enqueueFault(Endpoint.FLASH, Fault.sseStallMidStream(Duration.ofSeconds(6)));
        runner.setProperty(TranscribeAudioShort.STREAMING, "true");
        runner.setProperty(TranscribeAudioShort.STREAM_IDLE_TIMEOUT, "8 secs");
        runner.enqueue(TestAudio.wav(93));
        final long started = System.nanoTime();
        runner.run();
        final long elapsedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        runner.assertAllFlowFilesTransferred(TranscribeAudioShort.REL_RETRY, 1);
        runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_RETRY).getFirst().assertAttributeEquals("asr.error.code", AsrErrorCodes.TIMEOUT);
        assertTrue(elapsedMillis >= 2_900 && elapsedMillis < 5_500, "the call ended after " + elapsedMillis + " ms");
    }

    @Test
    void retriesEndAfterMaximumAttemptsWithTheLastReasonAndSuccessStartsTheCountAgain() {
        asr = SimulatedService.start(TranscribeAudioShort.class).serviceProperty("Requests Per Minute", "600").enable();
        final TestRunner runner = asr.runner();
        runner.setProperty(TranscribeAudioShort.MAXIMUM_ATTEMPTS, "3");
        for (int i = 0; i < 3; i++) {
            asr.simulator().enqueueFault(Endpoint.FLASH, Fault.error(503, "ModelUnavailable", "Model is unavailable, please try again later."));
        }
        runner.enqueue(TestAudio.wav(91));
        for (int attempt = 1; attempt <= 2; attempt++) {
            runner.run();
            runner.assertAllFlowFilesTransferred(TranscribeAudioShort.REL_RETRY, 1);
            final MockFlowFile retry = runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_RETRY).getFirst();
            retry.assertAttributeEquals("asr.retry.count", String.valueOf(attempt));
            runner.clearTransferState();
            runner.enqueue(retry);
        }
        runner.run();
        runner.assertAllFlowFilesTransferred(TranscribeAudioShort.REL_FAILURE, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_FAILURE).getFirst();
        failed.assertAttributeEquals("asr.error.code", "ModelUnavailable");
        failed.assertAttributeEquals("asr.http.status", "503");
        failed.assertAttributeEquals("asr.retry.count", "3");
        assertTrue(failed.getAttribute("asr.error.message").endsWith("(gave up after 3 attempts)"), failed.getAttribute("asr.error.message"));

        runner.clearTransferState();
        runner.enqueue(TestAudio.wav(92), Map.of("asr.retry.count", "2"));
        runner.run();
        runner.assertTransferCount(TranscribeAudioShort.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_SUCCESS).getFirst().assertAttributeNotExists("asr.retry.count");
        runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_ORIGINAL).getFirst().assertAttributeNotExists("asr.retry.count");
    }

    @Test
    void flowFilesRejectedBeforeAnyCallGiveTheirPermitBack() {
        asr = SimulatedService.start(TranscribeAudioShort.class).serviceProperty("Requests Per Minute", "1").enable();
        final TestRunner runner = asr.runner();
        final byte[] audio = TestAudio.wav(44);
        runner.enqueue(new byte[0]);
        runner.enqueue(TestAudio.wav(8000, 1, 8, 301, 11));
        runner.enqueue(TestAudio.pdf());
        runner.enqueue(audio);

        runner.run(4);

        runner.assertTransferCount(TranscribeAudioShort.REL_FAILURE, 2);
        runner.assertTransferCount(TranscribeAudioShort.REL_TOO_LARGE, 1);
        runner.assertTransferCount(TranscribeAudioShort.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_SUCCESS).getFirst()
                .assertContentEquals(DashScopeSimulator.transcriptFor(audio), StandardCharsets.UTF_8);
        assertEquals(1, asr.simulator().requests().size(), "the one permit of the minute went to the one call made");
    }

    @Test
    void theKeyNeverLeaksIntoAttributesLogsOrProvenance() {
        final TestRunner runner = start();
        final String key = asr.simulator().apiKey();
        asr.simulator().enqueueFault(Endpoint.FLASH, Fault.error(401, "InvalidApiKey", "Invalid API-key provided."));
        asr.simulator().enqueueFault(Endpoint.FLASH, Fault.disconnect());
        asr.simulator().enqueueFault(Endpoint.FLASH, Fault.error(500, "InternalError", "oops"));
        for (int i = 0; i < 4; i++) {
            runner.enqueue(TestAudio.wav(50 + i));
        }
        runner.run(4);
        for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_FAILURE)) {
            assertFalse(flowFile.getAttributes().toString().contains(key));
        }
        for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_RETRY)) {
            assertFalse(flowFile.getAttributes().toString().contains(key));
        }
        for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_SUCCESS)) {
            assertFalse(flowFile.getAttributes().toString().contains(key));
        }
        for (final ProvenanceEventRecord event : runner.getProvenanceEvents()) {
            assertFalse(String.valueOf(event.getDetails()).contains(key));
            assertFalse(String.valueOf(event.getTransitUri()).contains(key));
        }
        assertFalse(asr.logs().contains(key));
        assertTrue(asr.logs().contains("InvalidApiKey"), "the failure itself is logged");
    }

    @Test
    void usModelNamesAreRejectedInOtherRegionsAtStart() {
        final TestRunner runner = start();
        runner.setProperty(TranscribeAudioShort.MODEL, "qwen3-asr-flash-us");
        final TranscribeAudioShort processor = (TranscribeAudioShort) runner.getProcessor();
        final ProcessException error = assertThrows(ProcessException.class, () -> processor.resolveModel(runner.getProcessContext()));
        assertTrue(error.getMessage().contains("exists only in the US region"), error.getMessage());
        assertTrue(asr.simulator().requests().isEmpty());
    }

    @Test
    void verifyPassesAgainstTheSimulatorWithOneFreeQuery() {
        final TestRunner runner = start();
        final List<ConfigVerificationResult> results = runner.verify(asr.service(), Map.of());
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, results.getFirst().getOutcome(), results.toString());
        assertEquals(1, asr.simulator().requests().size());
        assertEquals(Endpoint.TASK_QUERY, asr.simulator().requests().getFirst().endpoint());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiProtocol.class)
    void everyProtocolGivesTheSameRelationshipsAndAttributes(final ApiProtocol protocol) throws IOException {
        final TestRunner runner = start(protocol);
        final byte[] audio = TestAudio.wav(60);
        runner.enqueue(audio, Map.of("filename", "call.wav"));

        runner.run();

        runner.assertTransferCount(TranscribeAudioShort.REL_SUCCESS, 1);
        runner.assertTransferCount(TranscribeAudioShort.REL_ORIGINAL, 1);
        final MockFlowFile transcript = runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_SUCCESS).getFirst();
        transcript.assertContentEquals(DashScopeSimulator.transcriptFor(audio), StandardCharsets.UTF_8);
        transcript.assertAttributeEquals("mime.type", "text/plain; charset=UTF-8");
        transcript.assertAttributeEquals("asr.model", "qwen3-asr-flash");
        transcript.assertAttributeEquals("asr.language", protocol == ApiProtocol.OPENAI_AUDIO_TRANSCRIPTIONS ? null : "en");
        transcript.assertAttributeEquals("asr.emotion", protocol.isSelfHosted() ? null : "neutral");
        transcript.assertAttributeEquals("asr.audio.seconds", protocol == ApiProtocol.OPENAI_CHAT_COMPLETIONS ? null : "2");
        runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_ORIGINAL).getFirst().assertContentEquals(audio);

        final RecordedRequest request = asr.simulator().requests(endpointOf(protocol)).getFirst();
        assertEquals(200, request.responseStatus());
        assertEquals(protocol.isSelfHosted() ? Optional.empty() : Optional.of("Bearer " + asr.simulator().apiKey()),
                request.header("Authorization"), "a self-hosted server without a key gets none");
        assertTrue(sentContent(protocol, request), "the FlowFile content is what was sent");
        final ProvenanceEventRecord remote = runner.getProvenanceEvents().stream()
                .filter(event -> event.getEventType() == ProvenanceEventType.SEND).findFirst().orElseThrow();
        assertEquals(asr.simulator().apiBaseUrl() + request.path(), remote.getTransitUri());
    }

    @ParameterizedTest(name = "{0} HTTP {1} {2} -> {3}")
    @MethodSource("errorsOfEveryProtocol")
    void everyProtocolRoutesEachErrorClassTheSameWay(final ApiProtocol protocol, final int status, final String code,
                                                      final String relationship) throws IOException {
        final TestRunner runner = start(protocol);
        asr.simulator().enqueueFault(endpointOf(protocol), Fault.error(status, code, "simulated " + code));
        final byte[] audio = TestAudio.wav(61);
        runner.enqueue(audio);

        runner.run();

        final Relationship expected = relationship.equals("retry") ? TranscribeAudioShort.REL_RETRY : TranscribeAudioShort.REL_FAILURE;
        runner.assertAllFlowFilesTransferred(expected, 1);
        final MockFlowFile routed = runner.getFlowFilesForRelationship(expected).getFirst();
        routed.assertAttributeEquals("asr.error.code", code);
        routed.assertAttributeEquals("asr.http.status", String.valueOf(status));
        assertTrue(routed.getAttribute("asr.error.message").contains("simulated " + code), routed.getAttribute("asr.error.message"));
        routed.assertContentEquals(audio);
        assertEquals(relationship.equals("retry"), routed.isPenalized());
    }

    static Stream<Arguments> errorsOfEveryProtocol() {
        final List<Arguments> cases = new ArrayList<>();
        for (final ApiProtocol protocol : ApiProtocol.values()) {
            cases.add(Arguments.of(protocol, 400, "InvalidParameter", "failure"));
            cases.add(Arguments.of(protocol, 401, "InvalidApiKey", "failure"));
            cases.add(Arguments.of(protocol, 403, "AccessDenied", "failure"));
            cases.add(Arguments.of(protocol, 404, "NotFoundError", "failure"));
            cases.add(Arguments.of(protocol, 408, "RequestTimeOut", "retry"));
            cases.add(Arguments.of(protocol, 413, "BadRequest.TooLarge", "failure"));
            cases.add(Arguments.of(protocol, 429, "Throttling.RateQuota", "retry"));
            cases.add(Arguments.of(protocol, 500, "InternalServerError", "retry"));
            cases.add(Arguments.of(protocol, 503, "ModelUnavailable", "retry"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiProtocol.class)
    void everyProtocolRetriesTimeoutsDroppedConnectionsAndMalformedAnswers(final ApiProtocol protocol) {
        asr = SimulatedService.start(TranscribeAudioShort.class, protocol).serviceProperty("Read Timeout", "300 millis").enable();
        final TestRunner runner = asr.runner();
        asr.simulator().enqueueFault(endpointOf(protocol), Fault.stall(Duration.ofSeconds(2)));
        asr.simulator().enqueueFault(endpointOf(protocol), Fault.disconnect());
        asr.simulator().enqueueFault(endpointOf(protocol), Fault.rawBody(200, "application/json", "{\"choices\":["));
        for (int i = 0; i < 3; i++) {
            runner.enqueue(TestAudio.wav(62 + i));
        }

        runner.run(3);

        runner.assertAllFlowFilesTransferred(TranscribeAudioShort.REL_RETRY, 3);
        final List<String> codes = runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_RETRY).stream()
                .map(flowFile -> flowFile.getAttribute("asr.error.code")).toList();
        assertEquals(List.of(AsrErrorCodes.TIMEOUT, AsrErrorCodes.CONNECTION_FAILED, AsrErrorCodes.MALFORMED_RESPONSE), codes);
        runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_RETRY).forEach(flowFile -> assertTrue(flowFile.isPenalized()));
    }

    @Test
    void aSelfHostedServerWithAKeyGetsItAndARefusedKeyFailsLikeOnDashScope() {
        asr = SimulatedService.start(TranscribeAudioShort.class, ApiProtocol.OPENAI_CHAT_COMPLETIONS).enable();
        asr.simulator().settings().vllmApiKey("token-abc123");
        final TestRunner runner = asr.runner();
        runner.enqueue(TestAudio.wav(66));

        runner.run();

        runner.assertAllFlowFilesTransferred(TranscribeAudioShort.REL_FAILURE, 1);
        final MockFlowFile refused = runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_FAILURE).getFirst();
        refused.assertAttributeEquals("asr.error.code", "Unauthorized");
        refused.assertAttributeEquals("asr.http.status", "401");
        assertTrue(asr.yielded(), "a missing key fails every FlowFile: the processor yields");

        runner.disableControllerService(asr.service());
        runner.setProperty(asr.service(), "API Key", "token-abc123");
        runner.enableControllerService(asr.service());
        runner.enqueue(TestAudio.wav(67));
        runner.run();
        runner.assertTransferCount(TranscribeAudioShort.REL_SUCCESS, 1);
        assertEquals("Bearer token-abc123", asr.simulator().requests(Endpoint.VLLM_CHAT).getLast().header("Authorization").orElseThrow());
        assertFalse(asr.logs().contains("token-abc123"));
    }

    @Test
    void compatibleModeSendsTheDocumentedChatRequest() {
        final TestRunner runner = start(ApiProtocol.DASHSCOPE_COMPATIBLE);
        final String url = asr.simulator().hostAudio("meeting.wav", TestAudio.wav(68));
        runner.setProperty(TranscribeAudioShort.AUDIO_URL, url);
        runner.setProperty(AsrProperties.LANGUAGE, "zh");
        runner.setProperty(AsrProperties.ENABLE_ITN, "true");
        runner.setProperty(TranscribeAudioShort.CONTEXT, "Apache NiFi");
        runner.enqueue(new byte[0]);

        runner.run();

        runner.assertTransferCount(TranscribeAudioShort.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_SUCCESS).getFirst().assertAttributeEquals("asr.language", "zh");
        final JsonNode body = asr.simulator().requests(Endpoint.COMPAT_CHAT).getFirst().json();
        assertEquals("Apache NiFi", body.at("/messages/0/content/0/text").asText());
        assertEquals("input_audio", body.at("/messages/1/content/0/type").asText());
        assertEquals(url, body.at("/messages/1/content/0/input_audio/data").asText());
        assertEquals("zh", body.at("/asr_options/language").asText());
        assertTrue(body.at("/asr_options/enable_itn").asBoolean());
        assertFalse(body.get("stream").asBoolean());
    }

    @Test
    void selfHostedChatSendsContextAndForcesTheLanguageTheWayQwenAsrDoes() {
        final TestRunner runner = start(ApiProtocol.OPENAI_CHAT_COMPLETIONS);
        runner.setProperty(AsrProperties.LANGUAGE, "${lang}");
        runner.setProperty(TranscribeAudioShort.CONTEXT, "Apache NiFi");
        runner.enqueue(TestAudio.wav(69), Map.of("lang", "nl"));

        runner.run();

        runner.assertTransferCount(TranscribeAudioShort.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_SUCCESS).getFirst().assertAttributeEquals("asr.language", "nl");
        final JsonNode body = asr.simulator().requests(Endpoint.VLLM_CHAT).getFirst().json();
        assertEquals("system", body.at("/messages/0/role").asText());
        assertEquals("Apache NiFi", body.at("/messages/0/content").asText());
        assertEquals("audio_url", body.at("/messages/1/content/0/type").asText());
        assertEquals("assistant", body.at("/messages/2/role").asText());
        assertEquals("language Dutch<asr_text>", body.at("/messages/2/content").asText());
        assertTrue(body.get("continue_final_message").asBoolean());
        assertFalse(body.get("add_generation_prompt").asBoolean());
        assertFalse(body.has("asr_options"), "vLLM has no asr_options");
    }

    @Test
    void transcriptionsSendModelLanguageAndContextAsFormFields() {
        final TestRunner runner = start(ApiProtocol.OPENAI_AUDIO_TRANSCRIPTIONS);
        runner.setProperty(AsrProperties.LANGUAGE, "de");
        runner.setProperty(TranscribeAudioShort.CONTEXT, "Apache NiFi");
        runner.enqueue(TestAudio.mp3(80, 70), Map.of("filename", "voice.mp3"));

        runner.run();

        runner.assertTransferCount(TranscribeAudioShort.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_SUCCESS).getFirst().assertAttributeEquals("asr.language", "de");
        final RecordedRequest request = asr.simulator().requests(Endpoint.VLLM_TRANSCRIPTION).getFirst();
        final String form = new String(request.body(), StandardCharsets.ISO_8859_1);
        assertTrue(request.header("Content-Type").orElseThrow().startsWith("multipart/form-data; boundary="));
        assertTrue(form.contains(field("model", "qwen3-asr-flash")), form.substring(0, 300));
        assertTrue(form.contains(field("language", "de")));
        assertTrue(form.contains(field("prompt", "Apache NiFi")));
        assertTrue(form.contains(field("response_format", "json")));
        assertTrue(form.contains("name=\"file\"; filename=\"audio.mpeg\"\r\nContent-Type: audio/mpeg"));
        assertTrue(form.indexOf("name=\"file\"") > form.indexOf("name=\"prompt\""), "the file is the last part");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "OPENAI_CHAT_COMPLETIONS,     oss://dashscope-instant/x/a.wav",
        "OPENAI_AUDIO_TRANSCRIPTIONS, https://example.com/a.wav"
    })
    void urlsAProtocolCannotSendFailBeforeAnyCall(final ApiProtocol protocol, final String url) {
        final TestRunner runner = start(protocol);
        runner.setProperty(TranscribeAudioShort.AUDIO_URL, url);
        runner.enqueue(TestAudio.wav(71));

        runner.run();

        runner.assertAllFlowFilesTransferred(TranscribeAudioShort.REL_FAILURE, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_FAILURE).getFirst();
        failed.assertAttributeEquals("asr.error.code", AsrErrorCodes.AUDIO_URL_NOT_SUPPORTED);
        failed.assertAttributeNotExists("asr.http.status");
        assertTrue(asr.simulator().requests().isEmpty());
    }

    @Test
    void selfHostedChatFetchesHttpUrlsItself() {
        final TestRunner runner = start(ApiProtocol.OPENAI_CHAT_COMPLETIONS);
        final byte[] audio = TestAudio.wav(72);
        final String url = asr.simulator().hostAudio("hello.wav", audio);
        runner.setProperty(TranscribeAudioShort.AUDIO_URL, url);
        runner.enqueue("not audio");

        runner.run();

        runner.assertTransferCount(TranscribeAudioShort.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_SUCCESS).getFirst()
                .assertContentEquals(DashScopeSimulator.transcriptFor(audio), StandardCharsets.UTF_8);
        assertEquals(url, asr.simulator().requests(Endpoint.VLLM_CHAT).getFirst().json().at("/messages/0/content/0/audio_url/url").asText());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "DASHSCOPE_NATIVE,        nl",
        "DASHSCOPE_COMPATIBLE,    el",
        "OPENAI_CHAT_COMPLETIONS, is",
        "OPENAI_AUDIO_TRANSCRIPTIONS, uk"
    })
    void languagesAreCheckedAgainstTheModelBehindTheProtocol(final ApiProtocol protocol, final String language) {
        final TestRunner runner = start(protocol);
        runner.setProperty(AsrProperties.LANGUAGE, language);
        runner.enqueue(TestAudio.wav(73));

        runner.run();

        runner.assertAllFlowFilesTransferred(TranscribeAudioShort.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_FAILURE).getFirst().assertAttributeEquals("asr.error.code", AsrErrorCodes.INVALID_LANGUAGE);
        assertTrue(asr.simulator().requests().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ApiProtocol.class, names = {"DASHSCOPE_NATIVE", "DASHSCOPE_COMPATIBLE", "OPENAI_CHAT_COMPLETIONS"})
    void streamingAssemblesTheSameTranscriptFromTheEvents(final ApiProtocol protocol) {
        final TestRunner runner = start(protocol);
        runner.setProperty(TranscribeAudioShort.STREAMING, "true");
        final byte[] audio = TestAudio.wav(74);
        runner.enqueue(audio);

        runner.run();

        runner.assertTransferCount(TranscribeAudioShort.REL_SUCCESS, 1);
        final MockFlowFile transcript = runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_SUCCESS).getFirst();
        transcript.assertContentEquals(DashScopeSimulator.transcriptFor(audio), StandardCharsets.UTF_8);
        transcript.assertAttributeEquals("asr.language", "en");
        transcript.assertAttributeExists("asr.request.id");
        transcript.assertAttributeEquals("asr.audio.seconds", protocol.isSelfHosted() ? null : "2");
        final RecordedRequest request = asr.simulator().requests(endpointOf(protocol)).getFirst();
        if (protocol == ApiProtocol.DASHSCOPE_NATIVE) {
            assertEquals("enable", request.header("X-DashScope-SSE").orElseThrow());
            assertTrue(request.json().at("/parameters/incremental_output").asBoolean());
        } else {
            assertTrue(request.json().get("stream").asBoolean());
            assertTrue(request.json().at("/stream_options/include_usage").asBoolean());
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("errorsMidStream")
    void anErrorMidStreamIsRoutedLikeTheSameErrorWithoutStreaming(final ApiProtocol protocol, final int status, final String code) {
        final Routed streamed = routedOnce(protocol, true, Fault.sseErrorMidStream(status, code, "mid-stream " + code));
        final Routed whole = routedOnce(protocol, false, Fault.error(status, code, "whole " + code));

        assertEquals(whole.relationship(), streamed.relationship());
        assertEquals(code, streamed.code());
        assertEquals(whole.penalized(), streamed.penalized());
        assertEquals(whole.yielded(), streamed.yielded());
        assertTrue(streamed.message().contains("mid-stream " + code), streamed.message());
        assertEquals(protocol == ApiProtocol.DASHSCOPE_COMPATIBLE ? null : String.valueOf(status), streamed.httpStatus(),
                "DashScope's event:error and vLLM's error chunk name their status; the compatible mode's chunk does not");
    }

    /** How a processor with a fresh service routed one FlowFile whose call met {@code fault}. */
    private Routed routedOnce(final ApiProtocol protocol, final boolean streaming, final Fault fault) {
        try (SimulatedService service = SimulatedService.start(TranscribeAudioShort.class, protocol).enable()) {
            final TestRunner runner = service.runner();
            runner.setProperty(TranscribeAudioShort.STREAMING, String.valueOf(streaming));
            service.simulator().enqueueFault(endpointOf(protocol), fault);
            runner.enqueue(TestAudio.wav(75));
            runner.run();
            final Relationship relationship = runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_RETRY).isEmpty()
                    ? TranscribeAudioShort.REL_FAILURE : TranscribeAudioShort.REL_RETRY;
            runner.assertAllFlowFilesTransferred(relationship, 1);
            final MockFlowFile routed = runner.getFlowFilesForRelationship(relationship).getFirst();
            return new Routed(relationship.getName(), routed.getAttribute("asr.error.code"), routed.getAttribute("asr.error.message"),
                    routed.getAttribute("asr.http.status"), routed.isPenalized(), service.yielded());
        }
    }

    private record Routed(String relationship, String code, String message, String httpStatus, boolean penalized, boolean yielded) {
    }

    static Stream<Arguments> errorsMidStream() {
        final List<Arguments> cases = new ArrayList<>();
        for (final ApiProtocol protocol : List.of(ApiProtocol.DASHSCOPE_NATIVE, ApiProtocol.DASHSCOPE_COMPATIBLE, ApiProtocol.OPENAI_CHAT_COMPLETIONS)) {
            cases.add(Arguments.of(protocol, 400, protocol.isSelfHosted() ? "BadRequestError" : "InvalidParameter"));
            cases.add(Arguments.of(protocol, 429, "Throttling.RateQuota"));
            cases.add(Arguments.of(protocol, 500, protocol.isSelfHosted() ? "InternalServerError" : "InternalError.Algo"));
            cases.add(Arguments.of(protocol, 503, "ModelUnavailable"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ApiProtocol.class, names = {"DASHSCOPE_NATIVE", "DASHSCOPE_COMPATIBLE", "OPENAI_CHAT_COMPLETIONS"})
    void aStalledStreamIsCutOffByTheIdleTimeoutNotTheReadTimeout(final ApiProtocol protocol) {
        asr = SimulatedService.start(TranscribeAudioShort.class, protocol).serviceProperty("Read Timeout", "30 secs").enable();
        final TestRunner runner = asr.runner();
        runner.setProperty(TranscribeAudioShort.STREAMING, "true");
        runner.setProperty(TranscribeAudioShort.STREAM_IDLE_TIMEOUT, "300 millis");
        asr.simulator().enqueueFault(endpointOf(protocol), Fault.sseStallMidStream(Duration.ofSeconds(20)));
        runner.enqueue(TestAudio.wav(77));

        final long started = System.nanoTime();
        runner.run();
        final Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        runner.assertAllFlowFilesTransferred(TranscribeAudioShort.REL_RETRY, 1);
        final MockFlowFile stalled = runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_RETRY).getFirst();
        stalled.assertAttributeEquals("asr.error.code", AsrErrorCodes.TIMEOUT);
        assertTrue(stalled.getAttribute("asr.error.message").contains("Stream Idle Timeout"), stalled.getAttribute("asr.error.message"));
        assertTrue(stalled.isPenalized());
        assertTrue(elapsed.compareTo(Duration.ofSeconds(5)) < 0, "cut off after " + elapsed.toMillis() + " ms");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ApiProtocol.class, names = {"DASHSCOPE_NATIVE", "DASHSCOPE_COMPATIBLE"})
    void aStreamThatEndsBeforeItsLastEventIsRetried(final ApiProtocol protocol) {
        final TestRunner runner = start(protocol);
        runner.setProperty(TranscribeAudioShort.STREAMING, "true");
        final String firstEventOnly = protocol == ApiProtocol.DASHSCOPE_NATIVE
                ? "id:1\nevent:result\n:HTTP_STATUS/200\ndata:{\"output\":{\"choices\":[{\"finish_reason\":\"null\","
                        + "\"message\":{\"content\":[{\"text\":\"Half\"}]}}]}}\n\n"
                : "data: {\"choices\":[{\"delta\":{\"content\":\"Half\"},\"index\":0}]}\n\n";
        asr.simulator().enqueueFault(endpointOf(protocol), Fault.rawBody(200, "text/event-stream", firstEventOnly));
        runner.enqueue(TestAudio.wav(78));

        runner.run();

        runner.assertAllFlowFilesTransferred(TranscribeAudioShort.REL_RETRY, 1);
        runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_RETRY).getFirst()
                .assertAttributeEquals("asr.error.code", AsrErrorCodes.STREAM_INCOMPLETE);
    }

    @Test
    void streamingIsRefusedAtStartWhereTheProtocolHasNone() {
        final TestRunner runner = start(ApiProtocol.OPENAI_AUDIO_TRANSCRIPTIONS);
        runner.setProperty(TranscribeAudioShort.STREAMING, "true");
        final TranscribeAudioShort processor = (TranscribeAudioShort) runner.getProcessor();
        final ProcessException error = assertThrows(ProcessException.class, () -> processor.resolveModel(runner.getProcessContext()));
        assertTrue(error.getMessage().contains("Streaming is not offered"), error.getMessage());
    }

    @Test
    void verifyReportsAStreamingOptionTheProtocolCannotServe() {
        final TestRunner runner = start(ApiProtocol.OPENAI_AUDIO_TRANSCRIPTIONS);
        runner.setProperty(TranscribeAudioShort.STREAMING, "true");
        final ConfigVerificationResult streaming = step(runner.verify(Map.of()), "Streaming");
        assertEquals(ConfigVerificationResult.Outcome.FAILED, streaming.getOutcome());
        assertTrue(streaming.getExplanation().contains("Streaming is not offered"), streaming.getExplanation());
    }

    @Test
    void aFixedLanguageIsCheckedWhenConfiguredAndAgainstTheProtocolByVerify() {
        final TestRunner runner = start();
        runner.setProperty(AsrProperties.LANGUAGE, "klingon");
        runner.assertNotValid();
        runner.setProperty(AsrProperties.LANGUAGE, "${spoken.language}");
        runner.assertValid();
        // Dutch: a self-hosted Qwen3-ASR knows it, DashScope (the protocol of this service) does not.
        runner.setProperty(AsrProperties.LANGUAGE, "nl");
        runner.assertValid();
        final List<ConfigVerificationResult> results = runner.verify(Map.of());
        assertEquals(ConfigVerificationResult.Outcome.FAILED, step(results, "Language").getOutcome(), results.toString());
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, step(results, "Model").getOutcome(), results.toString());
        runner.setProperty(AsrProperties.LANGUAGE, "en");
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, step(runner.verify(Map.of()), "Language").getOutcome());
    }

    private static ConfigVerificationResult step(final List<ConfigVerificationResult> results, final String name) {
        return results.stream().filter(result -> result.getVerificationStepName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name + " in " + results));
    }

    @Test
    void verifyAsksASelfHostedServerForItsModels() {
        final TestRunner runner = start(ApiProtocol.OPENAI_CHAT_COMPLETIONS);
        final List<ConfigVerificationResult> results = runner.verify(asr.service(), Map.of());
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, results.getFirst().getOutcome(), results.toString());
        assertTrue(results.getFirst().getExplanation().contains("qwen3-asr-flash"), results.getFirst().getExplanation());
        assertEquals(Endpoint.VLLM_MODELS, asr.simulator().requests().getFirst().endpoint());
    }

    /** A multipart text field as it appears on the wire. */
    private static String field(final String name, final String value) {
        return "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private TestRunner start(final ApiProtocol protocol) {
        asr = SimulatedService.start(TranscribeAudioShort.class, protocol).enable();
        return asr.runner();
    }

    private static Endpoint endpointOf(final ApiProtocol protocol) {
        return switch (protocol) {
            case DASHSCOPE_NATIVE -> Endpoint.FLASH;
            case DASHSCOPE_COMPATIBLE -> Endpoint.COMPAT_CHAT;
            case OPENAI_CHAT_COMPLETIONS -> Endpoint.VLLM_CHAT;
            case OPENAI_AUDIO_TRANSCRIPTIONS -> Endpoint.VLLM_TRANSCRIPTION;
        };
    }

    /** Whether the request carried the FlowFile's content: as a base64 data URL in JSON, or as the multipart file. */
    private static boolean sentContent(final ApiProtocol protocol, final RecordedRequest request) {
        final byte[] audio = TestAudio.wav(60);
        if (protocol == ApiProtocol.OPENAI_AUDIO_TRANSCRIPTIONS) {
            return new String(request.body(), StandardCharsets.ISO_8859_1).contains(new String(audio, StandardCharsets.ISO_8859_1));
        }
        final String dataUrl = switch (protocol) {
            case DASHSCOPE_NATIVE -> request.json().at("/input/messages/0/content/0/audio").asText();
            case DASHSCOPE_COMPATIBLE -> request.json().at("/messages/0/content/0/input_audio/data").asText();
            default -> request.json().at("/messages/0/content/0/audio_url/url").asText();
        };
        return dataUrl.startsWith("data:audio/wav;base64,")
                && Arrays.equals(audio, Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1)));
    }

    private String sentAudio() {
        return audioOf(asr.simulator().requests(Endpoint.FLASH).getFirst());
    }

    private static String audioOf(final RecordedRequest request) {
        return request.json().path("input").path("messages").path(0).path("content").path(0).path("audio").asText();
    }
}
