/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.processors;

import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.QwenAsrClient;
import io.github.nifiqwenasr.api.RequestRateLimiter;
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
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import okhttp3.HttpUrl;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault matrix: every remote call the bundle makes to DashScope and its storage, times every way the service, the
 * network or a storage host can let it down. (The compatible-mode and self-hosted protocols of TranscribeAudioShort
 * have their own error and streaming tests in TranscribeAudioShortTest.) The cases are generated from {@link #FAULTS}: one row per fault, with the outcome expected when the
 * fault hits a call to the API, the upload to temporary storage, or a transcript download. Each call runs through the
 * processor that makes it, against the simulator, with the fault injected into exactly that call. Every case asserts
 * what a flow relies on: the relationship; the asr.error.* attributes; penalty and yield; the shared limiter's pause on
 * throttling; the content left as it was; no exception reaching the framework (the test runner would rethrow it); no
 * request sent twice on the bundle's own; no call after the one that failed; no Authorization header at any host but
 * the API endpoint (the simulator's storage port and a second server playing "another host" record every header).
 */
class FaultMatrixTest {

    private static final AtomicInteger RUN = new AtomicInteger();
    private static final AtomicInteger PASSED = new AtomicInteger();

    /** Every normal answer here takes milliseconds; a stall is cut off after {@link #STALL_TIMEOUT}. */
    private static final String READ_TIMEOUT = "1 sec";
    private static final String STALL_TIMEOUT = "400 millis";
    private static final Duration DEFAULT_PAUSE = Duration.ofSeconds(2);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(7);
    private static final long FILLER_BYTES = 64L * 1024 * 1024;
    private static final String JSON = "application/json";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String CONTENT = "the FlowFile content";
    private static final String OTHER_HOST_TEXT = "Served by another host.";
    private static final String OTHER_HOST_TRANSCRIPT = """
            {"transcripts":[{"channel_id":0,"text":"Served by another host.","sentences":[{"sentence_id":0,\
            "begin_time":0,"end_time":1500,"text":"Served by another host."}]}]}""";
    /** The first result event of a native SSE answer (dashscope-api.md section 3), and then nothing. */
    private static final String FIRST_EVENT_ONLY = "id:1\nevent:result\n:HTTP_STATUS/200\ndata:{\"output\":{\"choices\":"
            + "[{\"finish_reason\":\"null\",\"message\":{\"content\":[{\"text\":\"Half\"}]}}]}}\n\n";
    /** Valid JSON, larger than the 8 MB any API answer may have. */
    private static final String ENORMOUS_JSON = "{\"request_id\":\"r-1\",\"padding\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}";
    private static final Pattern DOUBLE_FULL_STOP = Pattern.compile("(?<!\\.)\\.\\.(?!\\.)");
    private static final Set<Endpoint> STORAGE = EnumSet.of(Endpoint.OSS_UPLOAD, Endpoint.TRANSCRIPT, Endpoint.AUDIO_FILE);

    /*
     * The table. Columns: the fault; how it is injected; the outcome when it hits a call to the DashScope API (flash,
     * its SSE stream, submit, upload policy, task query: they carry the key); when it hits the form upload to the storage
     * host the upload policy names; when it hits a transcript download from its pre-signed URL (neither carries the
     * key). whenStreamed gives the SSE stream's outcome where it differs from the other API calls.
     *
     * The rules, where the outcome is a judgement call:
     * - 401, 403 and billing codes (Arrearage, ...BillOverdue) from the API concern the key or the account: failure,
     *   and the processor yields, since every other FlowFile would fail the same way. From a storage host they concern
     *   one object or one signature: failure without yielding.
     * - A 403 from the upload host means the upload policy expired (it is valid for minutes): retry, which asks for a
     *   new policy. A 403 from the transcript host is a bad or expired signature: failure (TranscriptUrlExpired when the
     *   host says the request has expired, since a new URL needs a new poll).
     * - Throttling (429 Throttling*, LimitRequests) is retry; on an API call it also pauses the limiter every processor
     *   of the service shares, for the Retry-After the service gave, else for 2 s. Storage hosts have no quota to share.
     * - 3xx from the API or the upload host: failure RedirectRefused. Calls carrying the key are never redirected, and
     *   the audio of an upload is not posted to wherever a redirect points. A 3xx on a download is followed (the URL
     *   carries its own signature and no key goes with it), but never from https to plain http.
     * - asr.http.status is the status of an error answer. A 2xx answer whose body is unusable is described by the code
     *   (MalformedResponse, UnexpectedResponse, ResponseTooLarge, InvalidTranscript), without a status.
     * - An API answer with a 2xx status and a body that cannot be read (HTML, empty, cut short, filler, too large, a
     *   connection reset mid-body) is retry: a proxy or a broken connection may have spoilt it. Valid JSON of the wrong
     *   shape is failure UnexpectedResponse: asking again would get the same answer (check the Endpoint Override URL).
     * - The upload host reports success by its status alone: any 2xx is success whatever the body.
     * - A transcript is a stored document: if it is not a valid transcript (HTML, empty, cut short, wrong shape), the
     *   next download gets the same bytes, so it is failure InvalidTranscript; over Maximum Transcript Size it is failure
     *   ResponseTooLarge. A connection that breaks mid-download is retry.
     * - The SSE stream (TranscribeAudioShort with Streaming) is an API call like the others: an error event in the
     *   stream is routed like the same error without streaming, a stream that stalls is cut off by the Stream Idle
     *   Timeout (Timeout), and a stream that ends before its final event is retry StreamIncomplete (the words so far
     *   are not the transcript). The mid-stream faults hit the calls that do not stream as a plain error or stall.
     * - A task submission is paid for and the API cannot tell whether a lost answer's task exists: after any fault
     *   once the request has gone out (HTTP 5xx, a 2xx answer that cannot be read, a connection closed, reset or
     *   stalled before the whole answer) it is outcome unknown (SubmitOutcomeUnknown), never retry. Only what certainly
     *   created nothing (refused connection, 4xx including 429, 3xx) keeps the outcome of the other API calls.
     * - Transport trouble (refused, closed before the answer, reset mid-body, stalled past the Read Timeout) is retry
     *   everywhere else. Calls to the API and uploads are never re-sent by the client on its own (they are paid for or carry
     *   the audio): one FlowFile, one request. A transcript download is a free, idempotent GET: the HTTP client repeats
     *   it once after a 408, as HTTP allows, so a single 408 there costs nothing but a second request.
     */
    private static final List<Row> FAULTS = Stream.of(
            Stream.of(
                    row("HTTP 400 InvalidParameter", error(400, "InvalidParameter", "Required parameter(s) missing or invalid, please check the request parameters."),
                            failure("InvalidParameter", 400)),
                    row("HTTP 400 Arrearage", error(400, "Arrearage", "Access denied, please make sure your account is in good standing."),
                            accountFailure("Arrearage", 400), failure("Arrearage", 400), failure("Arrearage", 400)),
                    row("HTTP 401 InvalidApiKey", error(401, "InvalidApiKey", "Invalid API-key provided."),
                            accountFailure("InvalidApiKey", 401), failure("InvalidApiKey", 401), failure("InvalidApiKey", 401)),
                    row("HTTP 403 AccessDenied", error(403, "AccessDenied", "Access denied."),
                            accountFailure("AccessDenied", 403), retry("AccessDenied", 403), failure("AccessDenied", 403)),
                    row("HTTP 403 AccessDenied, request has expired", error(403, "AccessDenied", "Request has expired."),
                            accountFailure("AccessDenied", 403), retry("AccessDenied", 403), failure(AsrErrorCodes.TRANSCRIPT_EXPIRED, 403)),
                    row("HTTP 404 ModelNotFound", error(404, "ModelNotFound", "Model can not be found."), failure("ModelNotFound", 404)),
                    row("HTTP 408 RequestTimeOut", error(408, "RequestTimeOut", "Request timed out, please try again later."),
                            retry("RequestTimeOut", 408), retry("RequestTimeOut", 408), success().sent(2)),
                    row("HTTP 413 BadRequest.TooLarge", error(413, "BadRequest.TooLarge", "Payload Too Large."), failure("BadRequest.TooLarge", 413)),
                    row("HTTP 415 BadRequest.UnsupportedFileFormat", error(415, "BadRequest.UnsupportedFileFormat", "Input file format is not supported."),
                            failure("BadRequest.UnsupportedFileFormat", 415))),
            throttling("Throttling", "Requests throttling triggered."),
            throttling("Throttling.RateQuota", "Requests rate limit exceeded, please try again later."),
            throttling("Throttling.AllocationQuota", "Allocated quota exceeded, please increase your quota limit."),
            throttling("LimitRequests", "You exceeded your current requests list."),
            Stream.of(
                    row("HTTP 429 PrepaidBillOverdue", error(429, "PrepaidBillOverdue", "The prepaid bill is overdue."),
                            accountFailure("PrepaidBillOverdue", 429), failure("PrepaidBillOverdue", 429), failure("PrepaidBillOverdue", 429)),
                    row("HTTP 500 InternalError", error(500, "InternalError", "An internal error has occured, please try again later or contact service support."),
                            retry("InternalError", 500)).whenSubmitted(),
                    row("HTTP 502 BadGateway", error(502, "BadGateway", "Bad gateway."), retry("BadGateway", 502)).whenSubmitted(),
                    row("HTTP 503 ModelUnavailable", error(503, "ModelUnavailable", "Model is unavailable, please try again later."),
                            retry("ModelUnavailable", 503)).whenSubmitted(),
                    row("HTTP 504 RequestTimeOut", error(504, "RequestTimeOut", "Request timed out, please try again later."),
                            retry("RequestTimeOut", 504)).whenSubmitted(),
                    row("HTML error page from a gateway (HTTP 502)",
                            raw(502, HTML, "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>"),
                            retry("HttpStatus502", 502)).whenSubmitted(),
                    row("HTML page with HTTP 200 (a proxy's login page)",
                            raw(200, HTML, "<!DOCTYPE html><html><body><form>Please sign in to continue</form></body></html>"),
                            retry(AsrErrorCodes.MALFORMED_RESPONSE, null), success(), failure(AsrErrorCodes.INVALID_TRANSCRIPT, null)).whenSubmitted(),
                    row("empty body with HTTP 200", raw(200, JSON, ""),
                            retry(AsrErrorCodes.MALFORMED_RESPONSE, null), success(), failure(AsrErrorCodes.INVALID_TRANSCRIPT, null)).whenSubmitted(),
                    row("empty body with HTTP 503", raw(503, "text/plain", ""), retry("HttpStatus503", 503)).whenSubmitted(),
                    row("JSON cut off mid-document (complete HTTP answer)", raw(200, JSON, "{\"request_id\":\"r-1\",\"output\":{\"task_id\":\"t-1\",\"task_sta"),
                            retry(AsrErrorCodes.MALFORMED_RESPONSE, null), success(), failure(AsrErrorCodes.INVALID_TRANSCRIPT, null)).whenSubmitted(),
                    row("JSON object of the wrong shape", raw(200, JSON, "{\"status\":\"ok\",\"data\":[]}"),
                            failure(AsrErrorCodes.UNEXPECTED_RESPONSE, null), success(), failure(AsrErrorCodes.INVALID_TRANSCRIPT, null)).whenSubmitted(),
                    row("JSON that is not an object", raw(200, JSON, "[\"ok\"]"),
                            failure(AsrErrorCodes.UNEXPECTED_RESPONSE, null), success(), failure(AsrErrorCodes.INVALID_TRANSCRIPT, null)).whenSubmitted(),
                    row("enormous body of filler (HTTP 200, 64 MB)", fault(Fault.hugeBody(200, JSON, FILLER_BYTES)),
                            retry(AsrErrorCodes.MALFORMED_RESPONSE, null), success(), failure(AsrErrorCodes.RESPONSE_TOO_LARGE, null)).whenSubmitted(),
                    row("enormous JSON document (HTTP 200, 9 MB)", raw(200, JSON, ENORMOUS_JSON),
                            retry(AsrErrorCodes.RESPONSE_TOO_LARGE, null), success(), failure(AsrErrorCodes.RESPONSE_TOO_LARGE, null)).whenSubmitted(),
                    row("enormous error page (HTTP 500, 64 MB)", fault(Fault.hugeBody(500, HTML, FILLER_BYTES)), retry("HttpStatus500", 500)).whenSubmitted(),
                    row("connection refused", Scene::refuseConnections, retry(AsrErrorCodes.CONNECTION_FAILED, null).sent(0)),
                    row("connection closed before the answer", fault(Fault.disconnect()), retry(AsrErrorCodes.CONNECTION_FAILED, null)).whenSubmitted(),
                    row("connection reset mid-body", fault(Fault.truncatedBody()),
                            retry(AsrErrorCodes.CONNECTION_FAILED, null), success(), retry(AsrErrorCodes.CONNECTION_FAILED, null)).whenSubmitted(),
                    row("answer stalled past the Read Timeout", scene -> scene.stall(Fault.stall(Duration.ofSeconds(5))),
                            retry(AsrErrorCodes.TIMEOUT, null)).whenSubmitted(),
                    row("slow answer within the Read Timeout", fault(Fault.delay(Duration.ofMillis(200))), success()),
                    row("redirect 301 to the same host", scene -> scene.redirectToSameHost(301),
                            failure(AsrErrorCodes.REDIRECT_REFUSED, 301), failure(AsrErrorCodes.REDIRECT_REFUSED, 301), success().sent(2)),
                    row("redirect 302 to the same host", scene -> scene.redirectToSameHost(302),
                            failure(AsrErrorCodes.REDIRECT_REFUSED, 302), failure(AsrErrorCodes.REDIRECT_REFUSED, 302), success().sent(2)),
                    row("redirect 307 to another host", scene -> scene.redirectToOtherHost(307),
                            failure(AsrErrorCodes.REDIRECT_REFUSED, 307), failure(AsrErrorCodes.REDIRECT_REFUSED, 307), success()),
                    row("redirect 308 to another host", scene -> scene.redirectToOtherHost(308),
                            failure(AsrErrorCodes.REDIRECT_REFUSED, 308), failure(AsrErrorCodes.REDIRECT_REFUSED, 308), success()),
                    row("redirect 302 without a Location", raw(302, HTML, ""), failure(AsrErrorCodes.REDIRECT_REFUSED, 302)),
                    row("error event mid-stream, HTTP 400 InvalidParameter",
                            fault(Fault.sseErrorMidStream(400, "InvalidParameter", "Preprocessor error")), failure("InvalidParameter", 400)),
                    row("error event mid-stream, HTTP 429 Throttling.RateQuota",
                            fault(Fault.sseErrorMidStream(429, "Throttling.RateQuota", "Requests rate limit exceeded, please try again later.")),
                            throttled("Throttling.RateQuota", DEFAULT_PAUSE), retry("Throttling.RateQuota", 429), retry("Throttling.RateQuota", 429)),
                    row("error event mid-stream, HTTP 500 InternalError.Algo",
                            fault(Fault.sseErrorMidStream(500, "InternalError.Algo", "An internal error has occured.")), retry("InternalError.Algo", 500)).whenSubmitted(),
                    row("stream stalled mid-way past the Stream Idle Timeout", scene -> scene.stall(Fault.sseStallMidStream(Duration.ofSeconds(5))),
                            retry(AsrErrorCodes.TIMEOUT, null)).whenSubmitted(),
                    row("event stream that ends before its final event", raw(200, "text/event-stream", FIRST_EVENT_ONLY),
                            retry(AsrErrorCodes.MALFORMED_RESPONSE, null), success(), failure(AsrErrorCodes.INVALID_TRANSCRIPT, null))
                            .whenStreamed(retry(AsrErrorCodes.STREAM_INCOMPLETE, null)).whenSubmitted()))
            .flatMap(rows -> rows)
            .toList();

    private static DashScopeSimulator simulator;
    private static MockWebServer otherHost;
    private static SimulatedService helper;
    private static int refusingPort;

    @BeforeAll
    static void start() throws IOException {
        simulator = DashScopeSimulator.start();
        otherHost = new MockWebServer();
        final QueueDispatcher dispatcher = new QueueDispatcher();
        dispatcher.setFailFast(true);
        otherHost.setDispatcher(dispatcher);
        otherHost.start(InetAddress.getByName("127.0.0.1"), 0);
        helper = SimulatedService.on(PollAsrTask.class, simulator).enable();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            refusingPort = socket.getLocalPort();
        }
    }

    @AfterAll
    static void summarize() {
        helper.close();
        otherHost.close();
        simulator.close();
        System.out.println("fault matrix: " + RUN.get() + " cases run, " + PASSED.get() + " passed");
        assertEquals(RUN.get(), PASSED.get(), "fault matrix cases failed; see the failures above");
    }

    static Stream<Case> matrix() {
        return FAULTS.stream().flatMap(row -> Stream.of(Call.values()).map(call -> new Case(call, row)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void routesTheFault(final Case matrixCase) throws IOException, InterruptedException {
        RUN.incrementAndGet();
        simulator.reset();
        simulator.settings().taskRunningTimeBase(Duration.ZERO);
        drainOtherHost();
        final int otherHostBefore = otherHost.getRequestCount();
        try (SimulatedService asr = SimulatedService.on(matrixCase.call().processor(), simulator)) {
            asr.serviceProperty("Read Timeout", READ_TIMEOUT);
            final Scene scene = Scene.prepare(matrixCase.call(), asr);
            simulator.clearRequests();
            matrixCase.row().injection().inject(scene);
            asr.enable();
            asr.runner().enqueue(scene.content, scene.attributes);

            asr.runner().run();

            verify(matrixCase, scene, asr);
            assertEquals(scene.otherHostRequests, otherHost.getRequestCount() - otherHostBefore, "requests that reached another host");
            assertNoKeyBeyondTheApi();
        }
        PASSED.incrementAndGet();
    }

    private static void verify(final Case matrixCase, final Scene scene, final SimulatedService asr) throws IOException {
        final Expect expect = matrixCase.expected();
        final TestRunner runner = asr.runner();
        runner.assertQueueEmpty();
        if (expect.outcome() == Outcome.SUCCESS) {
            scene.verifySuccess();
        } else {
            verifyProblem(expect, scene, runner);
            if (matrixCase.call().host != Host.API) {
                final String message = runner.getFlowFilesForRelationship(relationshipOf(expect)).getFirst().getAttribute(AsrAttributes.ERROR_MESSAGE);
                assertFalse(message.contains("Endpoint Override URL"), "a storage host's trouble is not the endpoint's: " + message);
            }
            for (final Endpoint later : matrixCase.call().laterCalls()) {
                assertTrue(simulator.requests(later).isEmpty(), "no " + later + " after the call that failed");
            }
        }
        assertEquals(expect.yields(), asr.yielded(), "yielded");
        if (expect.pause() != null) {
            final Duration left = matrixCase.call().limiter(asr.service().getClient()).timeUntilNextPermit();
            assertTrue(left.compareTo(expect.pause()) <= 0 && left.compareTo(expect.pause().minusMillis(1500)) > 0,
                    "the shared limiter pauses for " + expect.pause() + ", " + left + " left");
        }
        assertEquals(expect.requests(), simulator.requests(matrixCase.call().endpoint()).size(),
                "requests to " + matrixCase.call().endpoint() + ": the client never sends a call again on its own");
    }

    private static void verifyProblem(final Expect expect, final Scene scene, final TestRunner runner) throws IOException {
        final Relationship relationship = relationshipOf(expect);
        runner.assertAllFlowFilesTransferred(relationship, 1);
        final MockFlowFile routed = runner.getFlowFilesForRelationship(relationship).getFirst();
        routed.assertContentEquals(scene.content);
        routed.assertAttributeEquals(AsrAttributes.ERROR_CODE, expect.code());
        if (expect.httpStatus() == null) {
            routed.assertAttributeNotExists(AsrAttributes.HTTP_STATUS);
        } else {
            routed.assertAttributeEquals(AsrAttributes.HTTP_STATUS, String.valueOf(expect.httpStatus()));
        }
        final String message = routed.getAttribute(AsrAttributes.ERROR_MESSAGE);
        assertTrue(message != null && message.length() > 20, "a message that explains: " + message);
        assertFalse(message.contains(simulator.apiKey()), message);
        assertFalse(DOUBLE_FULL_STOP.matcher(message).find(), "one full stop between sentences: " + message);
        assertEquals(expect.outcome() == Outcome.RETRY, routed.isPenalized(), "penalized");
    }

    private static Relationship relationshipOf(final Expect expect) {
        return switch (expect.outcome()) {
            case RETRY -> AbstractQwenAsrProcessor.REL_RETRY;
            case OUTCOME_UNKNOWN -> SubmitAsrTask.REL_OUTCOME_UNKNOWN;
            default -> AbstractQwenAsrProcessor.REL_FAILURE;
        };
    }

    /** The key goes to the API endpoint only: not to the storage host, not to another host a redirect names. */
    private static void assertNoKeyBeyondTheApi() throws InterruptedException {
        for (final RecordedRequest request : simulator.requests()) {
            if (STORAGE.contains(request.endpoint())) {
                assertTrue(request.header("Authorization").isEmpty(), request.endpoint() + " received an Authorization header");
            }
        }
        mockwebserver3.RecordedRequest request = otherHost.takeRequest(0, TimeUnit.MILLISECONDS);
        while (request != null) {
            assertNull(request.getHeaders().get("Authorization"), "another host received an Authorization header");
            request = otherHost.takeRequest(0, TimeUnit.MILLISECONDS);
        }
    }

    private static void drainOtherHost() throws InterruptedException {
        while (otherHost.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
            // left over from a case that failed
        }
    }

    private static Stream<Row> throttling(final String code, final String message) {
        final Fault fault = Fault.error(429, code, message);
        return Stream.of(
                row("HTTP 429 " + code, fault(fault), throttled(code, DEFAULT_PAUSE), retry(code, 429), retry(code, 429)),
                row("HTTP 429 " + code + " with Retry-After", fault(fault.withRetryAfter(String.valueOf(RETRY_AFTER.toSeconds()))),
                        throttled(code, RETRY_AFTER), retry(code, 429), retry(code, 429)));
    }

    private static Row row(final String fault, final Injection injection, final Expect everywhere) {
        return new Row(fault, injection, everywhere, everywhere, everywhere, null, null);
    }

    private static Row row(final String fault, final Injection injection, final Expect api, final Expect upload, final Expect download) {
        return new Row(fault, injection, api, upload, download, null, null);
    }

    private static Injection fault(final Fault fault) {
        return scene -> scene.fault(fault);
    }

    private static Injection error(final int status, final String code, final String message) {
        return fault(Fault.error(status, code, message));
    }

    private static Injection raw(final int status, final String contentType, final String body) {
        return fault(Fault.rawBody(status, contentType, body));
    }

    private static Expect success() {
        return new Expect(Outcome.SUCCESS, null, null, false, null, 1);
    }

    private static Expect retry(final String code, final Integer httpStatus) {
        return new Expect(Outcome.RETRY, code, httpStatus, true, null, 1);
    }

    private static Expect throttled(final String code, final Duration pause) {
        return new Expect(Outcome.RETRY, code, 429, true, pause, 1);
    }

    private static Expect failure(final String code, final Integer httpStatus) {
        return new Expect(Outcome.FAILURE, code, httpStatus, false, null, 1);
    }

    private static Expect accountFailure(final String code, final Integer httpStatus) {
        return new Expect(Outcome.FAILURE, code, httpStatus, true, null, 1);
    }

    /** The three columns of the table: whom a call goes to. */
    private enum Host { API, UPLOAD, DOWNLOAD }

    private enum Outcome { SUCCESS, RETRY, FAILURE, OUTCOME_UNKNOWN }

    /** Every remote call the bundle makes, with the processor that makes it and the calls that would follow it. */
    private enum Call {
        FLASH("flash request (TranscribeAudioShort)", Endpoint.FLASH, Host.API, TranscribeAudioShort.class, Set.of()),
        FLASH_STREAM("SSE stream (TranscribeAudioShort, Streaming)", Endpoint.FLASH, Host.API, TranscribeAudioShort.class, Set.of()),
        SUBMIT("task submission (SubmitAsrTask)", Endpoint.SUBMIT, Host.API, SubmitAsrTask.class, Set.of()),
        UPLOAD_POLICY("upload policy (SubmitAsrTask)", Endpoint.UPLOAD_POLICY, Host.API, SubmitAsrTask.class,
                Set.of(Endpoint.OSS_UPLOAD, Endpoint.SUBMIT)),
        OSS_UPLOAD("form upload (SubmitAsrTask)", Endpoint.OSS_UPLOAD, Host.UPLOAD, SubmitAsrTask.class, Set.of(Endpoint.SUBMIT)),
        TASK_QUERY("task query (PollAsrTask)", Endpoint.TASK_QUERY, Host.API, PollAsrTask.class, Set.of()),
        TRANSCRIPT("transcript download (FetchTranscript)", Endpoint.TRANSCRIPT, Host.DOWNLOAD, FetchTranscript.class, Set.of());

        private final String description;
        private final Endpoint endpoint;
        private final Host host;
        private final Class<? extends Processor> processor;
        private final Set<Endpoint> laterCalls;

        Call(final String description, final Endpoint endpoint, final Host host, final Class<? extends Processor> processor,
             final Set<Endpoint> laterCalls) {
            this.description = description;
            this.endpoint = endpoint;
            this.host = host;
            this.processor = processor;
            this.laterCalls = laterCalls;
        }

        Endpoint endpoint() {
            return endpoint;
        }

        Class<? extends Processor> processor() {
            return processor;
        }

        Set<Endpoint> laterCalls() {
            return laterCalls;
        }

        RequestRateLimiter limiter(final QwenAsrClient client) {
            return this == TASK_QUERY ? client.taskQueryLimiter() : client.modelCallLimiter();
        }
    }

    /**
     * What the FlowFile must show.
     *
     * @param code       asr.error.code; null on success
     * @param httpStatus asr.http.status; null when there must be none
     * @param yields     whether the processor yields (always with retry; with failure when the key or account is at fault)
     * @param pause      how long the limiter shared by the service's processors hands out no permits; null for none
     * @param requests   how many requests reach the faulted endpoint (the simulator records them)
     */
    private record Expect(Outcome outcome, String code, Integer httpStatus, boolean yields, Duration pause, int requests) {
        Expect sent(final int count) {
            return new Expect(outcome, code, httpStatus, yields, pause, count);
        }
    }

    /**
     * A fault and what it leads to at each host; {@code stream}, when set, replaces {@code api} for the SSE stream, and
     * {@code submit} for the task submission.
     */
    private record Row(String fault, Injection injection, Expect api, Expect upload, Expect download, Expect stream, Expect submit) {
        Row whenStreamed(final Expect streamed) {
            return new Row(fault, injection, api, upload, download, streamed, submit);
        }

        /** After this fault a submission may have created its task: outcome unknown, with the API's status if any. */
        Row whenSubmitted() {
            return new Row(fault, injection, api, upload, download, stream,
                    new Expect(Outcome.OUTCOME_UNKNOWN, AsrErrorCodes.SUBMIT_OUTCOME_UNKNOWN, api.httpStatus(), true, null, 1));
        }

        Expect expected(final Host host) {
            return switch (host) {
                case API -> api;
                case UPLOAD -> upload;
                case DOWNLOAD -> download;
            };
        }
    }

    private record Case(Call call, Row row) {
        Expect expected() {
            if (call == Call.FLASH_STREAM && row.stream() != null) {
                return row.stream();
            }
            return call == Call.SUBMIT && row.submit() != null ? row.submit() : row.expected(call.host);
        }

        @Override
        public String toString() {
            return row.fault() + " -> " + call.description;
        }
    }

    @FunctionalInterface
    private interface Injection {
        void inject(Scene scene);
    }

    /** One case: the processor under test with its service (not yet enabled), its FlowFile, and what the fault changes. */
    private static final class Scene {
        private final Call call;
        private final SimulatedService asr;
        private final Map<String, String> attributes = new HashMap<>();
        private byte[] content = CONTENT.getBytes(StandardCharsets.UTF_8);
        private String expectedText;
        private String transcriptUrl;
        private int otherHostRequests;

        private Scene(final Call call, final SimulatedService asr) {
            this.call = call;
            this.asr = asr;
        }

        /** Sets up what the call needs (hosted audio, a finished task), through the helper service, before any fault. */
        static Scene prepare(final Call call, final SimulatedService asr) {
            final Scene scene = new Scene(call, asr);
            final byte[] audio = TestAudio.wav(call.ordinal());
            scene.expectedText = DashScopeSimulator.transcriptFor(audio);
            switch (call) {
                case FLASH -> scene.content = audio;
                case FLASH_STREAM -> {
                    scene.content = audio;
                    asr.runner().setProperty(TranscribeAudioShort.STREAMING, "true");
                    asr.runner().setProperty(TranscribeAudioShort.STREAM_IDLE_TIMEOUT, READ_TIMEOUT);
                }
                case SUBMIT -> asr.runner().setProperty(SubmitAsrTask.AUDIO_URL, simulator.hostAudio("meeting.wav", audio));
                case UPLOAD_POLICY, OSS_UPLOAD -> {
                    scene.content = audio;
                    scene.attributes.put(AsrAttributes.FILENAME, "meeting.wav");
                }
                case TASK_QUERY -> scene.attributes.put(AsrAttributes.TASK_ID, finishedTask(audio).taskId());
                case TRANSCRIPT -> {
                    scene.transcriptUrl = finishedTask(audio).transcriptionUrl();
                    scene.attributes.put(AsrAttributes.TRANSCRIPTION_URL, scene.transcriptUrl);
                    asr.runner().setProperty(FetchTranscript.MAXIMUM_TRANSCRIPT_SIZE, "1 MB");
                }
            }
            return scene;
        }

        void fault(final Fault fault) {
            simulator.enqueueFault(call.endpoint(), fault);
        }

        /** The answer stalls; the timeouts are shortened so that waiting for it costs little. */
        void stall(final Fault stall) {
            asr.serviceProperty("Read Timeout", STALL_TIMEOUT);
            if (call == Call.FLASH_STREAM) {
                asr.runner().setProperty(TranscribeAudioShort.STREAM_IDLE_TIMEOUT, STALL_TIMEOUT);
            }
            fault(stall);
        }

        /** The call goes to a port where nothing listens. */
        void refuseConnections() {
            switch (call.host) {
                case API -> asr.serviceProperty("Endpoint Override URL", "http://127.0.0.1:" + refusingPort);
                case UPLOAD -> simulator.enqueueFault(Endpoint.UPLOAD_POLICY, Fault.rawBody(200, JSON, """
                        {"request_id":"r-1","data":{"policy":"cG9saWN5","signature":"c2ln","upload_dir":"dashscope-instant/x",\
                        "upload_host":"http://127.0.0.1:%d","expire_in_seconds":300,"max_file_size_mb":2048,\
                        "capacity_limit_mb":999999,"oss_access_key_id":"LTAI-sim","x_oss_object_acl":"private",\
                        "x_oss_forbid_overwrite":"true"}}""".formatted(refusingPort)));
                case DOWNLOAD -> attributes.put(AsrAttributes.TRANSCRIPTION_URL,
                        HttpUrl.get(transcriptUrl).newBuilder().port(refusingPort).build().toString());
            }
        }

        /** A download is sent to the same (signed) URL again; anything else to another path on its own host. */
        void redirectToSameHost(final int status) {
            if (call.host == Host.DOWNLOAD) {
                fault(Fault.redirect(status, transcriptUrl));
            } else {
                fault(Fault.redirect(status, (call.host == Host.API ? simulator.apiBaseUrl() : simulator.storageBaseUrl()) + "/moved"));
            }
        }

        /** Another host, which serves a transcript of its own to a download. */
        void redirectToOtherHost(final int status) {
            if (call.host == Host.DOWNLOAD) {
                otherHost.enqueue(new MockResponse.Builder().addHeader("Content-Type", JSON).body(OTHER_HOST_TRANSCRIPT).build());
                otherHostRequests = 1;
                expectedText = OTHER_HOST_TEXT;
                fault(Fault.redirect(status, otherHost.url("/transcripts/elsewhere.json?Expires=1&Signature=abc").toString()));
            } else {
                fault(Fault.redirect(status, otherHost.url("/moved").toString()));
            }
        }

        void verifySuccess() throws IOException {
            final TestRunner runner = asr.runner();
            final MockFlowFile result = switch (call) {
                case FLASH, FLASH_STREAM -> {
                    runner.assertTransferCount(TranscribeAudioShort.REL_ORIGINAL, 1);
                    runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_ORIGINAL).getFirst().assertContentEquals(content);
                    runner.assertTransferCount(TranscribeAudioShort.REL_SUCCESS, 1);
                    final MockFlowFile transcript = runner.getFlowFilesForRelationship(TranscribeAudioShort.REL_SUCCESS).getFirst();
                    transcript.assertContentEquals(expectedText, StandardCharsets.UTF_8);
                    yield transcript;
                }
                case SUBMIT, UPLOAD_POLICY, OSS_UPLOAD -> {
                    runner.assertAllFlowFilesTransferred(SubmitAsrTask.REL_SUCCESS, 1);
                    final MockFlowFile submitted = runner.getFlowFilesForRelationship(SubmitAsrTask.REL_SUCCESS).getFirst();
                    submitted.assertContentEquals(content);
                    submitted.assertAttributeExists(AsrAttributes.TASK_ID);
                    yield submitted;
                }
                case TASK_QUERY -> {
                    runner.assertAllFlowFilesTransferred(PollAsrTask.REL_SUCCESS, 1);
                    final MockFlowFile finished = runner.getFlowFilesForRelationship(PollAsrTask.REL_SUCCESS).getFirst();
                    finished.assertContentEquals(content);
                    finished.assertAttributeExists(AsrAttributes.TRANSCRIPTION_URL);
                    yield finished;
                }
                case TRANSCRIPT -> {
                    runner.assertAllFlowFilesTransferred(FetchTranscript.REL_SUCCESS, 1);
                    final MockFlowFile fetched = runner.getFlowFilesForRelationship(FetchTranscript.REL_SUCCESS).getFirst();
                    assertTrue(fetched.getContent().contains(expectedText), fetched.getContent());
                    yield fetched;
                }
            };
            result.assertAttributeNotExists(AsrAttributes.ERROR_CODE);
        }

        /** Submits a task for {@code audio} and waits until it SUCCEEDED (the simulator runs it in no time). */
        private static TaskInfo finishedTask(final byte[] audio) {
            final QwenAsrClient client = helper.service().getClient();
            try {
                final TaskInfo submitted = client.tasks().submit(new TranscriptionTaskRequest("qwen3-asr-flash-filetrans",
                        simulator.hostAudio("task.wav", audio), List.of(0), false, false, null));
                TaskInfo task = client.tasks().query(submitted.taskId());
                for (int i = 0; i < 100 && task.status() != TaskStatus.SUCCEEDED; i++) {
                    Thread.sleep(10);
                    task = client.tasks().query(submitted.taskId());
                }
                assertEquals(TaskStatus.SUCCEEDED, task.status());
                return task;
            } catch (final AsrException e) {
                throw new IllegalStateException(e);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
