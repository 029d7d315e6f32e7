/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.api.ApiProtocol;
import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.AudioInput;
import io.github.nifiqwenasr.api.QwenAsrClient;
import io.github.nifiqwenasr.api.Region;
import io.github.nifiqwenasr.api.RequestRateLimiter;
import io.github.nifiqwenasr.api.ShortAudioRequest;
import io.github.nifiqwenasr.api.ShortAudioResult;
import io.github.nifiqwenasr.api.TaskInfo;
import io.github.nifiqwenasr.api.TaskStatus;
import io.github.nifiqwenasr.api.TranscriptDownload;
import io.github.nifiqwenasr.api.TranscriptionTaskRequest;
import io.github.nifiqwenasr.api.UploadPolicy;
import io.github.nifiqwenasr.io.Json;
import io.github.nifiqwenasr.io.SizeLimitedInputStream;
import io.github.nifiqwenasr.simulator.DashScopeSimulator;
import io.github.nifiqwenasr.simulator.audio.SampleAudio;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wire format, header and error handling of the client, against a scripted server. */
class HttpQwenAsrClientTest {

    private static final String KEY = "sk-test-secret-key";
    private static final int WARM_UP_RUNS = 2;
    private static final int MEASURED_RUNS = 5;
    /** Events carry one word each: their cost must grow with their number, not with the text said so far. */
    private static final int MAX_BYTES_PER_EVENT = 16 * 1024;
    private static final String FLASH_OK = """
            {"output":{"choices":[{"finish_reason":"stop","message":{"annotations":[{"language":"zh","type":"audio_info",
            "emotion":"neutral"}],"content":[{"text":"欢迎使用"},{"text":"阿里云。"}],"role":"assistant"}}]},
            "usage":{"input_tokens_details":{"text_tokens":0},"output_tokens_details":{"text_tokens":6},"seconds":1},
            "request_id":"568e2bf0-d6f2-97f8-9f15-a57b11dc6977"}""";

    private MockWebServer server;
    private MockWebServer otherHost;
    private OkHttpClient http;
    private RequestRateLimiter modelCalls;
    private QwenAsrClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start();
        otherHost = new MockWebServer();
        otherHost.start();
        http = new OkHttpClient.Builder().readTimeout(2, TimeUnit.SECONDS).build();
        modelCalls = new RequestRateLimiter(1000);
        client = new HttpQwenAsrClient(http, server.url("/"), KEY, Region.SINGAPORE, ApiProtocol.DASHSCOPE_NATIVE, modelCalls,
                new RequestRateLimiter(1000));
    }

    @AfterEach
    void stopServer() {
        server.close();
        otherHost.close();
        http.connectionPool().evictAll();
    }

    @Test
    void transcribeStreamsContentAsDataUrlWithExactLength() throws Exception {
        final byte[] audio = randomBytes(100_001);
        server.enqueue(json(200, FLASH_OK));

        final ShortAudioResult result = client.transcribe(new ShortAudioRequest("qwen3-asr-flash",
                new AudioInput.Content(() -> new ByteArrayInputStream(audio), audio.length, "audio/wav"), "zh", true, "NiFi, DashScope"));

        final RecordedRequest request = server.takeRequest();
        assertEquals("POST", request.getMethod());
        assertEquals("/" + HttpQwenAsrClient.SHORT_AUDIO_PATH, request.getUrl().encodedPath());
        assertEquals("Bearer " + KEY, request.getHeaders().get("Authorization"));
        assertEquals(String.valueOf(request.getBodySize()), request.getHeaders().get("Content-Length"));
        final JsonNode body = Json.MAPPER.readTree(request.getBody().utf8());
        assertEquals("qwen3-asr-flash", body.path("model").asText());
        final JsonNode messages = body.path("input").path("messages");
        assertEquals("system", messages.path(0).path("role").asText());
        assertEquals("NiFi, DashScope", messages.path(0).path("content").path(0).path("text").asText());
        assertEquals("user", messages.path(1).path("role").asText());
        final String dataUrl = messages.path(1).path("content").path(0).path("audio").asText();
        assertTrue(dataUrl.startsWith("data:audio/wav;base64,"));
        assertArrayEquals(audio, Base64.getDecoder().decode(dataUrl.substring("data:audio/wav;base64,".length())));
        assertTrue(body.path("parameters").path("asr_options").path("enable_itn").asBoolean());
        assertEquals("zh", body.path("parameters").path("asr_options").path("language").asText());
        assertNull(request.getHeaders().get("X-DashScope-OssResourceResolve"));

        assertEquals("欢迎使用阿里云。", result.text());
        assertEquals("zh", result.language());
        assertEquals("neutral", result.emotion());
        assertEquals(1L, result.audioSeconds());
        assertEquals("568e2bf0-d6f2-97f8-9f15-a57b11dc6977", result.requestId());
    }

    @Test
    void transcribeWithoutContextOrLanguageSendsOnlyTheUserMessage() throws Exception {
        server.enqueue(json(200, FLASH_OK));
        client.transcribe(new ShortAudioRequest("qwen3-asr-flash", new AudioInput.Url("https://example.com/a.wav"), null, false, null));

        final JsonNode body = Json.MAPPER.readTree(server.takeRequest().getBody().utf8());
        assertEquals(1, body.path("input").path("messages").size());
        assertEquals("https://example.com/a.wav", body.path("input").path("messages").path(0).path("content").path(0).path("audio").asText());
        assertFalse(body.path("parameters").path("asr_options").has("language"));
    }

    @Test
    void ossUrlsAskTheServiceToResolveThem() throws Exception {
        server.enqueue(json(200, FLASH_OK));
        client.transcribe(new ShortAudioRequest("qwen3-asr-flash", new AudioInput.Url("oss://dashscope-instant/x/a.wav"), null, false, null));
        assertEquals("enable", server.takeRequest().getHeaders().get("X-DashScope-OssResourceResolve"));
    }

    @Test
    void a9MegabyteRequestAllocatesFarLessThanTheAudio() throws Exception {
        final int size = 9 * 1024 * 1024;
        final byte[] audio = randomBytes(size);
        server.setBodyLimit(0);
        server.enqueue(json(200, FLASH_OK));
        server.enqueue(json(200, FLASH_OK));
        final ShortAudioRequest request = new ShortAudioRequest("qwen3-asr-flash",
                new AudioInput.Content(() -> new ByteArrayInputStream(audio), size, "audio/wav"), null, false, null);
        client.transcribe(request);

        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        client.transcribe(request);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        System.out.printf("Allocated on the calling thread for one 9 MiB short-audio request: %,d bytes (%.2f%% of the audio)%n",
                allocated, 100.0 * allocated / size);
        assertTrue(allocated < size / 10, "allocated " + allocated + " bytes for " + size + " bytes of audio");
    }

    /**
     * Measures what streaming changes: wall time to the final transcript and bytes allocated on the calling thread, for
     * ten seconds of audio whose transcript has {@code -DstreamingMeasurementWords} words (100 by default; 5 minutes of
     * speech are about 750), against the simulator. The simulator answers at once, so the figures show the cost of
     * the exchange itself; a real model sends its last event when it would have sent the whole answer.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ApiProtocol.class, names = {"DASHSCOPE_NATIVE", "DASHSCOPE_COMPATIBLE", "OPENAI_CHAT_COMPLETIONS"})
    void streamingGivesTheSameTranscriptAtAboutTheSameCost(final ApiProtocol protocol) throws Exception {
        final int wordCount = Integer.getInteger("streamingMeasurementWords", 100);
        final String words = String.join(" ", Collections.nCopies(wordCount / 5, "five words of simulated speech")) + ".";
        final byte[] audio = SampleAudio.wav(Duration.ofSeconds(10), 8000, 1, words);
        try (DashScopeSimulator simulator = DashScopeSimulator.start()) {
            simulator.settings().recordBodies(false).vllmServedModelNames(List.of("qwen3-asr-flash"));
            final QwenAsrClient measured = new HttpQwenAsrClient(http, HttpUrl.get(simulator.apiBaseUrl()),
                    protocol.isSelfHosted() ? "" : simulator.apiKey(), Region.SINGAPORE, protocol, modelCalls, modelCalls);
            final ShortAudioRequest request = new ShortAudioRequest("qwen3-asr-flash",
                    new AudioInput.Content(() -> new ByteArrayInputStream(audio), audio.length, "audio/wav"), null, false, null);

            final Cost whole = cost(() -> measured.transcribe(request));
            final Cost streamed = cost(() -> measured.transcribeStreaming(request, Duration.ofSeconds(5)));

            System.out.printf("Streaming %s, 10 s audio, %d-word transcript: whole answer %.1f ms and %,d bytes allocated;"
                            + " streamed %.1f ms and %,d bytes (median of %d)%n", protocol.getDisplayName(), wordCount,
                    whole.millis(), whole.allocated(), streamed.millis(), streamed.allocated(), MEASURED_RUNS);
            assertEquals(words, whole.text());
            assertEquals(words, streamed.text(), "the events add up to the same transcript, said once");
            assertTrue(streamed.allocated() < whole.allocated() + (long) wordCount * MAX_BYTES_PER_EVENT,
                    "streaming allocated " + streamed.allocated() + " bytes: more than " + MAX_BYTES_PER_EVENT + " per event");
        }
    }

    private static Cost cost(final Transcription transcription) throws AsrException {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String text = null;
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            text = transcription.run().text();
        }
        final long[] nanos = new long[MEASURED_RUNS];
        final long[] bytes = new long[MEASURED_RUNS];
        for (int i = 0; i < MEASURED_RUNS; i++) {
            final long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            final long started = System.nanoTime();
            transcription.run();
            nanos[i] = System.nanoTime() - started;
            bytes[i] = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        }
        Arrays.sort(nanos);
        Arrays.sort(bytes);
        return new Cost(text, nanos[MEASURED_RUNS / 2] / 1e6, bytes[MEASURED_RUNS / 2]);
    }

    @FunctionalInterface
    private interface Transcription {
        ShortAudioResult run() throws AsrException;
    }

    private record Cost(String text, double millis, long allocated) {
    }

    @Test
    void submitSendsAsyncHeaderAndAllParameters() throws Exception {
        server.enqueue(json(200, """
                {"request_id":"r-1","output":{"task_id":"8fab76d0-0eed-4d20","task_status":"PENDING"}}"""));

        final TaskInfo task = client.tasks().submit(new TranscriptionTaskRequest("qwen3-asr-flash-filetrans",
                "oss://dashscope-instant/x/a.wav", List.of(0, 1), false, true, "en"));

        final RecordedRequest request = server.takeRequest();
        assertEquals("/" + HttpFileTranscriptionTasks.SUBMIT_PATH, request.getUrl().encodedPath());
        assertEquals("enable", request.getHeaders().get("X-DashScope-Async"));
        assertEquals("enable", request.getHeaders().get("X-DashScope-OssResourceResolve"));
        final JsonNode body = Json.MAPPER.readTree(request.getBody().utf8());
        assertEquals("oss://dashscope-instant/x/a.wav", body.path("input").path("file_url").asText());
        assertEquals("[0,1]", body.path("parameters").path("channel_id").toString());
        assertFalse(body.path("parameters").path("enable_itn").asBoolean(true));
        assertTrue(body.path("parameters").path("enable_words").asBoolean());
        assertEquals("en", body.path("parameters").path("language").asText());
        assertEquals("8fab76d0-0eed-4d20", task.taskId());
        assertEquals(TaskStatus.PENDING, task.status());
        assertEquals("r-1", task.requestId());
    }

    @Test
    void queryReadsSucceededFailedAndUnknownTasks() throws Exception {
        server.enqueue(json(200, """
                {"request_id":"q1","output":{"task_id":"t1","task_status":"SUCCEEDED","result":{"transcription_url":"http://h/x.json?Signature=s"}},
                "usage":{"seconds":3}}"""));
        server.enqueue(json(200, """
                {"request_id":"q2","output":{"task_id":"t2","task_status":"FAILED","code":"FILE_403_FORBIDDEN","message":"FILE_403_FORBIDDEN"}}"""));
        server.enqueue(json(200, """
                {"request_id":"q3","output":{"task_id":"t3","task_status":"UNKNOWN"}}"""));

        final TaskInfo succeeded = client.tasks().query("t1");
        assertEquals("/api/v1/tasks/t1", server.takeRequest().getUrl().encodedPath());
        assertEquals(TaskStatus.SUCCEEDED, succeeded.status());
        assertEquals("http://h/x.json?Signature=s", succeeded.transcriptionUrl());
        assertEquals(3L, succeeded.audioSeconds());
        final TaskInfo failed = client.tasks().query("t2");
        assertEquals(TaskStatus.FAILED, failed.status());
        assertEquals("FILE_403_FORBIDDEN", failed.code());
        assertEquals(TaskStatus.UNKNOWN, client.tasks().query("t3").status());
    }

    @Test
    void taskIdsThatCouldChangeThePathAreRejectedWithoutACall() {
        for (final String id : List.of("../uploads", "a?b", "a#b", "a b", "a/b", "", "%2e%2e")) {
            final AsrException e = assertThrows(AsrException.class, () -> client.tasks().query(id));
            assertEquals(AsrErrorCodes.INVALID_TASK_ID, e.getCode());
            assertEquals(AsrException.Kind.PERMANENT, e.getKind());
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void nativeErrorEnvelopeIsReadAndClassified() {
        server.enqueue(json(401, """
                {"request_id":"01415ff3","code":"InvalidApiKey","message":"Invalid API-key provided."}"""));
        final AsrException e = assertThrows(AsrException.class, () -> client.tasks().query("t1"));
        assertEquals(AsrException.Kind.PERMANENT, e.getKind());
        assertEquals("InvalidApiKey", e.getCode());
        assertEquals(401, e.getHttpStatus().orElseThrow());
        assertEquals("01415ff3", e.getRequestId().orElseThrow());
        assertTrue(e.isAccountProblem());
        assertTrue(e.getMessage().contains("Invalid API-key provided."));
        assertFalse(e.getMessage().contains(KEY));
    }

    @Test
    void throttlingPausesTheSharedLimiterForRetryAfter() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7")
                .body("{\"code\":\"Throttling.RateQuota\",\"message\":\"Requests rate limit exceeded, please try again later.\"}").build());
        final AsrException e = assertThrows(AsrException.class, () -> client.tasks().submit(new TranscriptionTaskRequest(
                "qwen3-asr-flash-filetrans", "https://example.com/a.wav", List.of(0), false, false, null)));
        assertEquals(AsrException.Kind.THROTTLED, e.getKind());
        assertEquals(Duration.ofSeconds(7), e.getRetryAfter().orElseThrow());
        assertFalse(modelCalls.tryAcquire());
        assertTrue(modelCalls.timeUntilNextPermit().compareTo(Duration.ofSeconds(6)) > 0);
    }

    @Test
    void billingProblemsAreNotRetried() {
        server.enqueue(json(429, "{\"code\":\"PrepaidBillOverdue\",\"message\":\"The prepaid bill is overdue.\"}"));
        final AsrException e = assertThrows(AsrException.class, () -> client.tasks().query("t1"));
        assertEquals(AsrException.Kind.PERMANENT, e.getKind());
        assertTrue(e.isAccountProblem());
    }

    @Test
    void compatibleModeEnvelopeIsRead() {
        server.enqueue(json(401, """
                {"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","param":null,"code":"invalid_api_key"},"request_id":"b02e"}"""));
        final AsrException e = assertThrows(AsrException.class, () -> client.tasks().query("t1"));
        assertEquals("invalid_api_key", e.getCode());
        assertEquals("b02e", e.getRequestId().orElseThrow());
    }

    @Test
    void vllmEnvelopesGiveTheirTypeAsCode() {
        server.enqueue(json(404, """
                {"error":{"message":"The model `qwen3-asr-flash` does not exist.","type":"NotFoundError","param":null,"code":404}}"""));
        final AsrException notFound = assertThrows(AsrException.class, () -> client.tasks().query("t1"));
        assertEquals("NotFoundError", notFound.getCode());
        assertEquals(AsrException.Kind.PERMANENT, notFound.getKind());
        assertTrue(notFound.getMessage().contains("does not exist"));

        server.enqueue(json(401, "{\"error\":\"Unauthorized\"}"));
        final AsrException unauthorized = assertThrows(AsrException.class, () -> client.tasks().query("t1"));
        assertEquals("Unauthorized", unauthorized.getCode());
        assertTrue(unauthorized.isAccountProblem());

        server.enqueue(json(503, "{\"detail\":\"Service Unavailable\"}"));
        final AsrException unavailable = assertThrows(AsrException.class, () -> client.tasks().query("t1"));
        assertEquals(AsrException.Kind.RETRYABLE, unavailable.getKind());
        assertTrue(unavailable.getMessage().contains("Service Unavailable"));
    }

    @Test
    void aStreamingRequestRefusedWithAnErrorEventIsReadLikeJson() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Content-Type", "text/event-stream;charset=UTF-8")
                .body("id:1\nevent:error\n:HTTP_STATUS/429\ndata:{\"code\":\"Throttling.AllocationQuota\",\"message\":"
                        + "\"Allocated quota exceeded.\",\"request_id\":\"r-429\"}\n\n").build());
        final AsrException e = assertThrows(AsrException.class, () -> client.transcribeStreaming(urlRequest(), Duration.ofSeconds(1)));
        assertEquals("Throttling.AllocationQuota", e.getCode());
        assertEquals(AsrException.Kind.THROTTLED, e.getKind());
        assertEquals("r-429", e.getRequestId().orElseThrow());
        assertFalse(modelCalls.tryAcquire(), "every processor sharing the limiter backs off");
    }

    @Test
    void aStreamingRequestAnsweredWithJsonIsReadAsAWholeAnswer() throws Exception {
        server.enqueue(json(200, FLASH_OK));
        final ShortAudioResult result = client.transcribeStreaming(urlRequest(), Duration.ofSeconds(1));
        assertEquals("欢迎使用阿里云。", result.text());
        final RecordedRequest request = server.takeRequest();
        assertEquals("enable", request.getHeaders().get("X-DashScope-SSE"));
        assertTrue(Json.MAPPER.readTree(request.getBody().utf8()).at("/parameters/incremental_output").asBoolean());
    }

    @Test
    void anEventThatIsNotJsonIsAMalformedAnswer() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body("id:1\nevent:result\n:HTTP_STATUS/200\ndata:{\"output\":\n\n").build());
        final AsrException e = assertThrows(AsrException.class, () -> client.transcribeStreaming(urlRequest(), Duration.ofSeconds(1)));
        assertEquals(AsrErrorCodes.MALFORMED_RESPONSE, e.getCode());
        assertEquals(AsrException.Kind.RETRYABLE, e.getKind());
    }

    @Test
    void aSelfHostedClientWithoutKeySendsNoAuthorization() throws Exception {
        final QwenAsrClient selfHosted = new HttpQwenAsrClient(http, server.url("/"), "", Region.SINGAPORE,
                ApiProtocol.OPENAI_CHAT_COMPLETIONS, modelCalls, modelCalls);
        server.enqueue(json(200, """
                {"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant",
                "content":"language Chinese<asr_text>欢迎使用阿里云。"},"finish_reason":"stop"}]}"""));

        final ShortAudioResult result = selfHosted.transcribe(urlRequest());

        final RecordedRequest request = server.takeRequest();
        assertEquals("/v1/chat/completions", request.getUrl().encodedPath());
        assertNull(request.getHeaders().get("Authorization"));
        assertEquals("欢迎使用阿里云。", result.text());
        assertEquals("zh", result.language());
        assertEquals("chatcmpl-1", result.requestId());
    }

    @Test
    void htmlGatewayErrorIsRetryable() {
        server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
                .body("<html><body><h1>502 Bad Gateway</h1></body></html>").build());
        final AsrException e = assertThrows(AsrException.class, () -> client.tasks().query("t1"));
        assertEquals(AsrException.Kind.RETRYABLE, e.getKind());
        assertEquals("HttpStatus502", e.getCode());
        assertFalse(e.getMessage().contains("<html>"));
    }

    @Test
    void redirectsAreNotFollowedSoTheKeyStaysHome() throws Exception {
        server.enqueue(new MockResponse.Builder().code(307).addHeader("Location", otherHost.url("/steal").toString()).build());
        final AsrException e = assertThrows(AsrException.class, () -> client.tasks().query("t1"));
        assertEquals(AsrErrorCodes.REDIRECT_REFUSED, e.getCode());
        assertEquals(AsrException.Kind.PERMANENT, e.getKind());
        assertEquals(0, otherHost.getRequestCount());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void malformedAndWrongShapeAnswersAreTold() {
        server.enqueue(json(200, "{\"output\":{\"task_"));
        assertEquals(AsrErrorCodes.MALFORMED_RESPONSE, assertThrows(AsrException.class, () -> client.tasks().query("t1")).getCode());
        server.enqueue(json(200, "{\"status\":\"ok\"}"));
        final AsrException wrongShape = assertThrows(AsrException.class, () -> client.tasks().query("t1"));
        assertEquals(AsrErrorCodes.UNEXPECTED_RESPONSE, wrongShape.getCode());
        assertEquals(AsrException.Kind.PERMANENT, wrongShape.getKind());
        server.enqueue(json(200, ""));
        assertEquals(AsrErrorCodes.MALFORMED_RESPONSE, assertThrows(AsrException.class, () -> client.tasks().query("t1")).getCode());
    }

    @Test
    void anEnormousAnswerIsCutOff() {
        final Buffer huge = new Buffer();
        huge.writeUtf8("{\"output\":{\"task_id\":\"");
        final byte[] filler = new byte[64 * 1024];
        Arrays.fill(filler, (byte) 'a');
        for (int i = 0; i < 200; i++) {
            huge.write(filler);
        }
        server.enqueue(new MockResponse.Builder().code(200).body(huge).build());
        final AsrException e = assertThrows(AsrException.class, () -> client.tasks().query("t1"));
        assertEquals(AsrErrorCodes.RESPONSE_TOO_LARGE, e.getCode());
        assertEquals(AsrException.Kind.RETRYABLE, e.getKind());
    }

    @Test
    void droppedConnectionsAndTimeoutsAreRetryable() {
        server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
        final AsrException dropped = assertThrows(AsrException.class, () -> client.tasks().query("t1"));
        assertEquals(AsrErrorCodes.CONNECTION_FAILED, dropped.getCode());
        assertEquals(AsrException.Kind.RETRYABLE, dropped.getKind());

        server.enqueue(json(200, FLASH_OK).newBuilder().headersDelay(5, TimeUnit.SECONDS).build());
        final AsrException timeout = assertThrows(AsrException.class, () -> client.tasks().query("t1"));
        assertEquals(AsrErrorCodes.TIMEOUT, timeout.getCode());
        assertEquals(AsrException.Kind.RETRYABLE, timeout.getKind());
    }

    @Test
    void refusedConnectionIsRetryable() throws IOException {
        final MockWebServer closed = new MockWebServer();
        closed.start();
        final HttpUrl url = closed.url("/");
        closed.close();
        final QwenAsrClient unreachable = new HttpQwenAsrClient(http, url, KEY, Region.SINGAPORE, ApiProtocol.DASHSCOPE_NATIVE, modelCalls, modelCalls);
        final AsrException e = assertThrows(AsrException.class, () -> unreachable.tasks().query("t1"));
        assertEquals(AsrErrorCodes.CONNECTION_FAILED, e.getCode());
        assertFalse(e.getHttpStatus().isPresent());
    }

    @Test
    void uploadSendsThePolicyFieldsThenTheFileWithoutAuthorization() throws Exception {
        server.enqueue(json(200, """
                {"request_id":"p1","data":{"policy":"eyJl","signature":"sig=","upload_dir":"dashscope-instant/abc/2026-11-24/x",
                "upload_host":"%s","expire_in_seconds":300,"max_file_size_mb":1,"capacity_limit_mb":999999999,
                "oss_access_key_id":"LTAI","x_oss_object_acl":"private","x_oss_forbid_overwrite":"true"}}"""
                .formatted(otherHost.url("/").toString())));
        otherHost.enqueue(new MockResponse.Builder().code(200).build());
        final byte[] audio = randomBytes(5000);

        final UploadPolicy policy = client.storage().policy("qwen3-asr-flash-filetrans");
        final RecordedRequest policyRequest = server.takeRequest();
        assertEquals("getPolicy", policyRequest.getUrl().queryParameter("action"));
        assertEquals("qwen3-asr-flash-filetrans", policyRequest.getUrl().queryParameter("model"));
        final String ossUrl = client.storage().upload(policy, "meeting 1.wav", new AudioInput.Content(() -> new ByteArrayInputStream(audio), audio.length, "audio/wav"));

        final RecordedRequest upload = otherHost.takeRequest();
        assertNull(upload.getHeaders().get("Authorization"));
        final String form = upload.getBody().string(StandardCharsets.ISO_8859_1);
        final List<String> fields = List.of("OSSAccessKeyId", "Signature", "policy", "key", "x-oss-object-acl",
                "x-oss-forbid-overwrite", "success_action_status", "x-oss-content-type", "file");
        int last = -1;
        for (final String field : fields) {
            final int at = form.indexOf("name=\"" + field + "\"");
            assertTrue(at > last, field + " missing or out of order");
            last = at;
        }
        assertTrue(form.contains(new String(audio, StandardCharsets.ISO_8859_1)));
        assertTrue(ossUrl.startsWith("oss://dashscope-instant/abc/2026-11-24/x/"));
        assertTrue(ossUrl.endsWith("-meeting_1.wav"));
        assertTrue(form.contains("\r\n\r\n" + ossUrl.substring("oss://".length()) + "\r\n"));
    }

    @Test
    void uploadsOverThePolicyLimitAreRefusedBeforeSending() {
        final UploadPolicy policy = new UploadPolicy("p", "s", "dir", otherHost.url("/").toString(), 300, 1, "id", "private", "true");
        final AsrException e = assertThrows(AsrException.class, () -> client.storage().upload(policy, "a.wav",
                new AudioInput.Content(() -> InputStream.nullInputStream(), 1024 * 1024 + 1, "audio/wav")));
        assertEquals(AsrErrorCodes.UPLOAD_TOO_LARGE, e.getCode());
        assertEquals(0, otherHost.getRequestCount());
    }

    @Test
    void transcriptDownloadCarriesNoKeyFollowsRedirectsAndIsCapped() throws Exception {
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", otherHost.url("/doc.json?Signature=x")).build());
        otherHost.enqueue(new MockResponse.Builder().code(200).body("{\"transcripts\":[]}").build());
        try (TranscriptDownload download = client.transcripts().open(server.url("/result.json?Expires=1&Signature=s").toString(), 1000)) {
            assertEquals("{\"transcripts\":[]}", new String(download.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        assertNull(server.takeRequest().getHeaders().get("Authorization"));
        assertNull(otherHost.takeRequest().getHeaders().get("Authorization"));

        otherHost.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(new byte[5000])).build());
        final AsrException declaredTooLarge = assertThrows(AsrException.class, () -> client.transcripts().open(otherHost.url("/big").toString(), 1000));
        assertEquals(AsrErrorCodes.RESPONSE_TOO_LARGE, declaredTooLarge.getCode());

        otherHost.enqueue(new MockResponse.Builder().code(200).chunkedBody(new String(new char[5000]).replace('\0', 'x'), 512).build());
        try (TranscriptDownload chunked = client.transcripts().open(otherHost.url("/big").toString(), 1000)) {
            assertThrows(SizeLimitedInputStream.SizeLimitExceededException.class, () -> chunked.body().readAllBytes());
        }
    }

    @Test
    void expiredOrForbiddenTranscriptsAreTold() {
        otherHost.enqueue(new MockResponse.Builder().code(403).body("""
                <?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired.</Message>
                <RequestId>5C3D</RequestId></Error>""").build());
        final AsrException e = assertThrows(AsrException.class, () -> client.transcripts().open(otherHost.url("/x.json?Expires=1").toString(), 1000));
        assertEquals(AsrErrorCodes.TRANSCRIPT_EXPIRED, e.getCode());
        assertTrue(e.getMessage().contains("Request has expired."));
        assertFalse(e.getMessage().contains("Expires=1"));
        assertFalse(e.isAccountProblem());

        final AsrException file = assertThrows(AsrException.class, () -> client.transcripts().open("file:///etc/passwd", 1000));
        assertEquals(AsrErrorCodes.INVALID_TRANSCRIPTION_URL, file.getCode());
    }

    private static ShortAudioRequest urlRequest() {
        return new ShortAudioRequest("qwen3-asr-flash", new AudioInput.Url("https://example.com/a.wav"), null, false, null);
    }

    private static MockResponse json(final int code, final String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static byte[] randomBytes(final int size) {
        final byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void theProtocolsThatSayTheyStreamAreTheOnesWhoseShortAudioStreams() {
        for (final ApiProtocol protocol : ApiProtocol.values()) {
            assertEquals(ShortAudioProtocol.of(protocol) instanceof StreamingShortAudio, protocol.offersStreaming(), protocol.name());
        }
    }
}
