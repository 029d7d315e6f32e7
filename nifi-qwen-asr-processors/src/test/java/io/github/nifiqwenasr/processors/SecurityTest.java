/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.processors;

import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.simulator.Endpoint;
import io.github.nifiqwenasr.simulator.Fault;
import io.github.nifiqwenasr.simulator.RecordedRequest;
import io.github.nifiqwenasr.simulator.Region;
import io.github.nifiqwenasr.testing.SimulatedService;
import io.github.nifiqwenasr.testing.TestAudio;
import io.github.nifiqwenasr.testing.TrustingSslContextService;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.provenance.ProvenanceEventRecord;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The claims of SECURITY.md that a test can prove, each against the four processors wired as in a flow: the API key
 * appears in no attribute, provenance event, log message (bulletins are made from warning and error messages),
 * verification result or exception text, not even when a gateway echoes it back; only the API endpoint receives it;
 * an upload host or redirect on plain http is refused; the signature of a transcript URL stays out of provenance and
 * logs.
 */
class SecurityTest {

    private static final String KEY = "sk-0123456789abcdef0123456789abcdef";
    private static final String ECHOED_JSON = "{\"code\":\"InvalidParameter\",\"message\":\"Bad request with headers"
            + " Authorization: Bearer " + KEY + "\",\"request_id\":\"r-echo\"}";
    private static final String ECHOED_HTML = "<html><body><h1>502 Bad Gateway</h1><pre>Authorization: Bearer " + KEY
            + "</pre></body></html>";
    private static final Set<Endpoint> API = Set.of(Endpoint.FLASH, Endpoint.SUBMIT, Endpoint.TASK_QUERY, Endpoint.UPLOAD_POLICY);

    private SimulatedService transcribe;
    private SimulatedService submit;
    private SimulatedService poll;
    private SimulatedService fetch;

    @BeforeEach
    void wire() {
        transcribe = SimulatedService.start(TranscribeAudioShort.class);
        transcribe.simulator().settings().apiKey(Region.AP_SOUTHEAST_1, KEY).taskRunningTimeBase(Duration.ZERO);
        submit = SimulatedService.sharing(SubmitAsrTask.class, transcribe);
        poll = SimulatedService.sharing(PollAsrTask.class, transcribe);
        fetch = SimulatedService.sharing(FetchTranscript.class, transcribe);
        for (final SimulatedService asr : all()) {
            asr.serviceProperty("API Key", KEY).enable();
        }
        poll.runner().setProperty(PollAsrTask.MINIMUM_POLL_INTERVAL, "10 millis");
    }

    @AfterEach
    void stop() {
        fetch.close();
        poll.close();
        submit.close();
        transcribe.close();
    }

    private List<SimulatedService> all() {
        return List.of(transcribe, submit, poll, fetch);
    }

    @Test
    void theKeyAppearsInNoAttributeProvenanceEventLogMessageOrVerificationResult() {
        transcribe.simulator().enqueueFault(Endpoint.FLASH, Fault.error(401, "InvalidApiKey", "Invalid API-key provided."));
        transcribe.simulator().enqueueFault(Endpoint.FLASH, Fault.rawBody(400, "application/json", ECHOED_JSON));
        transcribe.simulator().enqueueFault(Endpoint.FLASH, Fault.rawBody(502, "text/html", ECHOED_HTML));
        transcribe.simulator().enqueueFault(Endpoint.FLASH, Fault.disconnect());
        for (int i = 0; i < 5; i++) {
            transcribe.runner().enqueue(TestAudio.wav(i));
        }
        transcribe.runner().run(5);
        transcribe.runner().assertTransferCount(TranscribeAudioShort.REL_SUCCESS, 1);
        final List<String> echoed = transcribe.runner().getFlowFilesForRelationship(TranscribeAudioShort.REL_FAILURE).stream()
                .map(flowFile -> flowFile.getAttribute(AsrAttributes.ERROR_MESSAGE))
                .filter(message -> message.contains("Authorization: Bearer ********"))
                .toList();
        assertEquals(1, echoed.size(), "the echoed key is masked in the message, the rest of it kept");

        submit.simulator().enqueueFault(Endpoint.SUBMIT, Fault.rawBody(400, "application/json", ECHOED_JSON));
        submit.runner().enqueue(TestAudio.wav(10), Map.of("filename", "a.wav"));
        submit.runner().enqueue(TestAudio.wav(11), Map.of("filename", "b.wav"));
        submit.runner().run(2);
        submit.runner().assertTransferCount(SubmitAsrTask.REL_SUCCESS, 1);

        final MockFlowFile submitted = submit.runner().getFlowFilesForRelationship(SubmitAsrTask.REL_SUCCESS).getFirst();
        poll.simulator().enqueueFault(Endpoint.TASK_QUERY, Fault.rawBody(502, "text/html", ECHOED_HTML));
        poll.runner().enqueue(submitted.getData(), submitted.getAttributes());
        poll.runner().enqueue(submitted.getData(), submitted.getAttributes());
        poll.runner().run(2);
        poll.runner().assertTransferCount(PollAsrTask.REL_SUCCESS, 1);
        poll.runner().assertTransferCount(PollAsrTask.REL_RETRY, 1);

        final MockFlowFile finished = poll.runner().getFlowFilesForRelationship(PollAsrTask.REL_SUCCESS).getFirst();
        fetch.runner().enqueue(finished.getData(), finished.getAttributes());
        fetch.runner().run();
        fetch.runner().assertAllFlowFilesTransferred(FetchTranscript.REL_SUCCESS, 1);

        final List<String> verifications = new ArrayList<>();
        for (final SimulatedService asr : all()) {
            asr.runner().verify(asr.service(), Map.of()).forEach(result -> verifications.add(result.getExplanation()));
        }
        transcribe.simulator().enqueueFault(Endpoint.TASK_QUERY, Fault.rawBody(401, "application/json", ECHOED_JSON));
        final List<ConfigVerificationResult> rejected = transcribe.runner().verify(transcribe.service(), Map.of());
        assertEquals(ConfigVerificationResult.Outcome.FAILED, rejected.getFirst().getOutcome());
        verifications.add(rejected.getFirst().getExplanation());

        for (final SimulatedService asr : all()) {
            assertKeyAbsent(asr.runner(), asr.logs());
        }
        assertFalse(String.join("\n", verifications).contains(KEY), verifications.toString());
        assertTrue(transcribe.logs().contains("InvalidApiKey") && poll.logs().contains("HttpStatus502"), "the failures were logged, and so checked");
    }

    @Test
    void exceptionTextNeverCarriesTheKey() {
        transcribe.simulator().enqueueFault(Endpoint.TASK_QUERY, Fault.rawBody(400, "application/json", ECHOED_JSON));
        transcribe.simulator().enqueueFault(Endpoint.TASK_QUERY, Fault.rawBody(502, "text/html", ECHOED_HTML));
        transcribe.simulator().enqueueFault(Endpoint.TASK_QUERY, Fault.error(401, "InvalidApiKey", "Invalid API-key provided."));
        transcribe.simulator().enqueueFault(Endpoint.TASK_QUERY, Fault.disconnect());
        for (int i = 0; i < 4; i++) {
            final AsrException e = assertThrows(AsrException.class, () -> transcribe.service().getClient().tasks().query("task-1"));
            final StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            assertFalse(trace.toString().contains(KEY), trace.toString());
            assertFalse(e.getCode().contains(KEY), e.getCode());
        }
    }

    @Test
    void anErrorEventInAStreamDoesNotCarryAnEchoedKeyOn() {
        transcribe.runner().setProperty(TranscribeAudioShort.STREAMING, "true");
        transcribe.simulator().enqueueFault(Endpoint.FLASH, Fault.sseErrorMidStream(400, "InvalidParameter",
                "Bad request with headers Authorization: Bearer " + KEY));
        transcribe.runner().enqueue(TestAudio.wav(50));
        transcribe.runner().run();
        transcribe.runner().assertAllFlowFilesTransferred(TranscribeAudioShort.REL_FAILURE, 1);
        final String message = transcribe.runner().getFlowFilesForRelationship(TranscribeAudioShort.REL_FAILURE).getFirst()
                .getAttribute(AsrAttributes.ERROR_MESSAGE);
        assertTrue(message.contains("reported an error in its event stream") && message.contains("Bearer ********"), message);
        assertKeyAbsent(transcribe.runner(), transcribe.logs());
    }

    @Test
    void onlyTheApiEndpointReceivesTheKey() throws Exception {
        try (MockWebServer otherHost = new MockWebServer()) {
            otherHost.start(InetAddress.getByName("127.0.0.1"), 0);
            final byte[] audio = TestAudio.wav(20);
            submit.runner().enqueue(audio, Map.of("filename", "call.wav"));
            submit.runner().run();
            final MockFlowFile submitted = submit.runner().getFlowFilesForRelationship(SubmitAsrTask.REL_SUCCESS).getFirst();
            poll.runner().enqueue(submitted.getData(), submitted.getAttributes());
            poll.runner().run();
            final MockFlowFile finished = poll.runner().getFlowFilesForRelationship(PollAsrTask.REL_SUCCESS).getFirst();

            otherHost.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
                    .body("{\"transcripts\":[{\"channel_id\":0,\"sentences\":[]}]}").build());
            fetch.simulator().enqueueFault(Endpoint.TRANSCRIPT, Fault.redirect(302, otherHost.url("/elsewhere.json").toString()));
            fetch.runner().enqueue(finished.getData(), finished.getAttributes());
            fetch.runner().run();
            fetch.runner().assertAllFlowFilesTransferred(FetchTranscript.REL_SUCCESS, 1);
            assertNull(otherHost.takeRequest().getHeaders().get("Authorization"), "a redirect does not take the key along");
        }

        final List<RecordedRequest> requests = transcribe.simulator().requests();
        assertEquals(List.of(Endpoint.UPLOAD_POLICY, Endpoint.OSS_UPLOAD, Endpoint.SUBMIT, Endpoint.TASK_QUERY, Endpoint.TRANSCRIPT),
                requests.stream().map(RecordedRequest::endpoint).toList());
        for (final RecordedRequest request : requests) {
            final boolean api = API.contains(request.endpoint());
            assertEquals(api ? "Bearer " + KEY : null, request.header("Authorization").orElse(null), request.endpoint().name());
            assertFalse(new String(request.body(), StandardCharsets.ISO_8859_1).contains(KEY), request.endpoint() + " body carries the key");
        }
    }

    @Test
    void anUploadPolicyNamingAPlainHttpHostIsRefusedBeforeAnyAudioIsSent() {
        submit.simulator().enqueueFault(Endpoint.UPLOAD_POLICY, Fault.rawBody(200, "application/json", """
                {"request_id":"r-1","data":{"policy":"cG9saWN5","signature":"c2ln","upload_dir":"dashscope-instant/x",\
                "upload_host":"http://oss.example.com","expire_in_seconds":300,"max_file_size_mb":2048,\
                "oss_access_key_id":"LTAI-sim","x_oss_object_acl":"private","x_oss_forbid_overwrite":"true"}}"""));
        submit.runner().enqueue(TestAudio.wav(30));
        submit.runner().run();
        submit.runner().assertAllFlowFilesTransferred(SubmitAsrTask.REL_FAILURE, 1);
        final MockFlowFile failed = submit.runner().getFlowFilesForRelationship(SubmitAsrTask.REL_FAILURE).getFirst();
        failed.assertAttributeEquals(AsrAttributes.ERROR_CODE, AsrErrorCodes.UNEXPECTED_RESPONSE);
        assertTrue(failed.getAttribute(AsrAttributes.ERROR_MESSAGE).contains("is not an https URL"), failed.getAttribute(AsrAttributes.ERROR_MESSAGE));
        assertEquals(List.of(Endpoint.UPLOAD_POLICY), submit.simulator().requests().stream().map(RecordedRequest::endpoint).toList());
    }

    @Test
    void aTranscriptDownloadIsNotRedirectedFromHttpsToPlainHttp() throws Exception {
        final HeldCertificate certificate = new HeldCertificate.Builder()
                .addSubjectAlternativeName(InetAddress.getByName("localhost").getCanonicalHostName()).build();
        try (MockWebServer https = new MockWebServer(); MockWebServer plain = new MockWebServer()) {
            https.useHttps(new HandshakeCertificates.Builder().heldCertificate(certificate).build().sslSocketFactory());
            https.start();
            plain.start(InetAddress.getByName("127.0.0.1"), 0);
            https.enqueue(new MockResponse.Builder().code(302).addHeader("Location", plain.url("/t.json").toString()).build());
            final TrustingSslContextService trust = new TrustingSslContextService(new HandshakeCertificates.Builder()
                    .addTrustedCertificate(certificate.certificate()).build());
            fetch.close();
            fetch = SimulatedService.sharing(FetchTranscript.class, transcribe);
            fetch.runner().addControllerService("tls", trust);
            fetch.runner().enableControllerService(trust);
            fetch.serviceProperty("SSL Context Service", "tls").enable();

            fetch.runner().enqueue("audio", Map.of(AsrAttributes.TRANSCRIPTION_URL, https.url("/t.json?Signature=abc").toString()));
            fetch.runner().run();

            fetch.runner().assertAllFlowFilesTransferred(FetchTranscript.REL_FAILURE, 1);
            fetch.runner().getFlowFilesForRelationship(FetchTranscript.REL_FAILURE).getFirst()
                    .assertAttributeEquals(AsrAttributes.ERROR_CODE, AsrErrorCodes.REDIRECT_REFUSED);
            assertEquals(1, https.getRequestCount());
            assertEquals(0, plain.getRequestCount(), "the signed request never travels in clear text");
        }
    }

    @Test
    void theSignatureOfATranscriptUrlStaysOutOfProvenanceAndLogs() {
        submit.runner().setProperty(SubmitAsrTask.AUDIO_URL, submit.simulator().hostAudio("a.wav", TestAudio.wav(40)));
        submit.runner().enqueue("audio");
        submit.runner().run();
        final MockFlowFile submitted = submit.runner().getFlowFilesForRelationship(SubmitAsrTask.REL_SUCCESS).getFirst();
        poll.runner().enqueue(submitted.getData(), submitted.getAttributes());
        poll.runner().run();
        final MockFlowFile finished = poll.runner().getFlowFilesForRelationship(PollAsrTask.REL_SUCCESS).getFirst();
        final String url = finished.getAttribute(AsrAttributes.TRANSCRIPTION_URL);
        final String signature = url.substring(url.indexOf("Signature=") + "Signature=".length());

        fetch.simulator().enqueueFault(Endpoint.TRANSCRIPT, Fault.error(403, "AccessDenied", "Request has expired."));
        fetch.runner().enqueue(finished.getData(), finished.getAttributes());
        fetch.runner().enqueue(finished.getData(), finished.getAttributes());
        fetch.runner().run(2);
        fetch.runner().assertTransferCount(FetchTranscript.REL_SUCCESS, 1);
        fetch.runner().assertTransferCount(FetchTranscript.REL_FAILURE, 1);

        for (final SimulatedService asr : List.of(poll, fetch)) {
            for (final ProvenanceEventRecord event : asr.runner().getProvenanceEvents()) {
                assertFalse(String.valueOf(event.getTransitUri()).contains(signature), event.getTransitUri());
                assertFalse(String.valueOf(event.getDetails()).contains(signature), event.getDetails());
            }
            assertFalse(asr.logs().contains(signature), asr.logs());
        }
        final MockFlowFile failed = fetch.runner().getFlowFilesForRelationship(FetchTranscript.REL_FAILURE).getFirst();
        assertFalse(failed.getAttribute(AsrAttributes.ERROR_MESSAGE).contains(signature), failed.getAttribute(AsrAttributes.ERROR_MESSAGE));
    }

    /** Every FlowFile on every relationship, every provenance event, every log message of the processor and its service. */
    private static void assertKeyAbsent(final TestRunner runner, final String logs) {
        final Processor processor = runner.getProcessor();
        for (final Relationship relationship : processor.getRelationships()) {
            for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(relationship)) {
                assertFalse(flowFile.getAttributes().toString().contains(KEY), flowFile.getAttributes().toString());
                assertFalse(flowFile.getContent().contains(KEY), relationship.getName() + " content");
            }
        }
        for (final ProvenanceEventRecord event : runner.getProvenanceEvents()) {
            assertFalse((event.getTransitUri() + " " + event.getDetails() + " " + event.getAttributes()).contains(KEY), event.toString());
        }
        assertFalse(logs.contains(KEY), logs);
    }
}
