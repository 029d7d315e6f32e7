/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import okio.Okio;
import org.junit.jupiter.api.Test;

class DispatcherTest extends SimulatorTestBase {
    private static final String WAV_URI = SimulatorClient.dataUri("audio/wav", SimulatorClient.wav("One two three four.", 1));


    @Test
    void rejectsMissingMalformedAndForeignKeys() {
        final ObjectNode body = SimulatorClient.flashBody("qwen3-asr-flash", WAV_URI);
        for (final String authorization : List.of("", "Basic c2stcXdlbnNpbQ==", "Bearer", "Bearer sk-unknown",
                "Bearer " + Region.CN_BEIJING.defaultApiKey())) {
            final SimulatorClient.Answer answer = client.post(Routes.FLASH_PATH, body, Map.of("Authorization", authorization));
            assertEquals(401, answer.status(), authorization);
            assertEquals("InvalidApiKey", answer.json().get("code").asText());
            assertEquals("Invalid API-key provided.", answer.json().get("message").asText());
        }
        simulator.settings().apiKey(Region.AP_SOUTHEAST_1, "sk-custom");
        assertEquals(200, client.post(Routes.FLASH_PATH, body, Map.of("Authorization", "Bearer sk-custom")).status());
    }

    @Test
    void answersUnknownPathsAndWrongMethods() {
        assertEquals("NotFound", client.get("/api/v1/services/aigc/text-generation/generation", Map.of()).json().get("code").asText());
        assertEquals(405, client.get(Routes.FLASH_PATH, Map.of()).status());
        OssUploadHandlerTest.assertOssError(SimulatorClient.execute(new Request.Builder().url(simulator.storageBaseUrl() + "/other").build()), 404, "NoSuchKey");
    }

    @Test
    void givesEnqueuedErrorsInEachEndpointsEnvelopeOnceEach() {
        simulator.enqueueFault(Endpoint.FLASH, Fault.error(429, "Throttling.RateQuota", "Requests rate limit exceeded, please try again later.")
                .withRetryAfter("7"));
        simulator.enqueueFault(Endpoint.FLASH, Fault.error(500, "InternalError", "boom"));
        simulator.enqueueFault(Endpoint.COMPAT_CHAT, Fault.error(503, "ModelUnavailable", "Model is unavailable, please try again later."));
        simulator.enqueueFault(Endpoint.OSS_UPLOAD, Fault.error(503, "ServiceUnavailable", "Please reduce your request rate."));

        final SimulatorClient.Answer throttled = client.flash(SimulatorClient.flashBody("qwen3-asr-flash", WAV_URI));
        assertEquals(429, throttled.status());
        assertEquals("7", throttled.header("Retry-After"));
        assertEquals("Throttling.RateQuota", throttled.json().get("code").asText());
        assertEquals("InternalError", client.flash(SimulatorClient.flashBody("qwen3-asr-flash", WAV_URI)).json().get("code").asText());
        assertEquals(200, client.flash(SimulatorClient.flashBody("qwen3-asr-flash", WAV_URI)).status(), "each fault is used once");
        final SimulatorClient.Answer compat = client.compat(SimulatorClient.compatBody(WAV_URI, false));
        assertEquals(503, compat.status());
        assertEquals("ModelUnavailable", compat.json().at("/error/code").asText());
        assertEquals("internal_error", compat.json().at("/error/type").asText());
        OssUploadHandlerTest.assertOssError(SimulatorClient.execute(new Request.Builder().url(simulator.storageBaseUrl())
                .post(RequestBody.create(new byte[0])).build()), 503, "ServiceUnavailable");
    }

    @Test
    void givesRawAndHugeBodiesAsTheyAre() throws IOException {
        simulator.enqueueFault(Endpoint.TASK_QUERY, Fault.rawBody(502, "text/html", "<html><body>Bad Gateway</body></html>"));
        simulator.enqueueFault(Endpoint.TASK_QUERY, Fault.hugeBody(200, "application/json", 50_000_000));

        final SimulatorClient.Answer html = client.task("x");
        assertEquals(502, html.status());
        assertEquals("text/html", html.header("Content-Type"));
        assertEquals("<html><body>Bad Gateway</body></html>", html.body());
        try (Response huge = SimulatorClient.HTTP.newCall(new Request.Builder().url(simulator.apiBaseUrl() + "/api/v1/tasks/x")
                .header("Authorization", "Bearer " + simulator.apiKey()).build()).execute()) {
            assertEquals("50000000", huge.header("Content-Length"));
            final long read = huge.body().source().readAll(Okio.blackhole());
            assertEquals(50_000_000, read);
        }
    }

    @Test
    void truncatesTheNormalAnswerAfterDoingTheWork() {
        simulator.registerRemoteAudio("https://example.com/a.wav", SimulatorClient.wav("A.", 1));
        simulator.enqueueFault(Endpoint.SUBMIT, Fault.truncatedBody());

        final UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                () -> client.submit(SimulatorClient.submitBody("https://example.com/a.wav")));

        assertTrue(failure.getCause().getMessage().contains("unexpected end of stream") || failure.getCause() instanceof EOFException,
                failure.getCause().toString());
        final RecordedRequest recorded = simulator.requests(Endpoint.SUBMIT).getFirst();
        assertEquals(200, recorded.responseStatus(), "the task was created: the client must not blindly resubmit");
    }

    @Test
    void truncatesStreamsToo() {
        simulator.enqueueFault(Endpoint.FLASH, Fault.truncatedBody());

        assertThrows(UncheckedIOException.class, () -> client.flashSse(SimulatorClient.flashBody("qwen3-asr-flash", WAV_URI)));
    }

    @Test
    void dropsTheConnectionAfterReadingTheRequest() {
        simulator.enqueueFault(Endpoint.FLASH, Fault.disconnect());
        final ObjectNode body = SimulatorClient.flashBody("qwen3-asr-flash", WAV_URI);

        assertThrows(UncheckedIOException.class, () -> client.flash(body));

        final RecordedRequest recorded = simulator.requests().getFirst();
        assertEquals(0, recorded.responseStatus());
        assertEquals(SimulatorClient.write(body).length(), recorded.bodyLength());
        assertEquals(200, client.flash(body).status());
    }

    @Test
    void stallsLongerThanTheClientWaits() {
        simulator.enqueueFault(Endpoint.TASK_QUERY, Fault.stall(Duration.ofSeconds(30)));
        final OkHttpClient impatient = SimulatorClient.HTTP.newBuilder().readTimeout(Duration.ofMillis(300)).build();
        final long started = System.nanoTime();

        assertThrows(InterruptedIOException.class, () -> {
            try (Response response = impatient.newCall(new Request.Builder().url(simulator.apiBaseUrl() + "/api/v1/tasks/x")
                    .header("Authorization", "Bearer " + simulator.apiKey()).build()).execute()) {
                response.body().string();
            }
        });

        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 5_000);
        assertEquals(0, simulator.requests(Endpoint.TASK_QUERY).getFirst().responseStatus());
    }

    @Test
    void delaysThenAnswersNormally() {
        simulator.enqueueFault(Endpoint.TASK_QUERY, Fault.delay(Duration.ofMillis(300)));
        final long started = System.nanoTime();

        assertEquals("UNKNOWN", client.task("x").json().at("/output/task_status").asText());

        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 300);
    }

    @Test
    void addsLatencyToEveryAnswer() {
        simulator.settings().latency(Duration.ofMillis(200));
        final long started = System.nanoTime();

        client.task("x");

        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 200);
    }

    @Test
    void redirects() {
        simulator.enqueueFault(Endpoint.TRANSCRIPT, Fault.redirect(307, "http://127.0.0.1:1/elsewhere"));

        final SimulatorClient.Answer answer = SimulatorClient.execute(new Request.Builder().url(simulator.storageBaseUrl() + "/transcripts/x.json").build());

        assertEquals(307, answer.status());
        assertEquals("http://127.0.0.1:1/elsewhere", answer.header("Location"));
    }

    @Test
    void breaksStreamsWithAnErrorEventMidway() {
        simulator.enqueueFault(Endpoint.FLASH, Fault.sseErrorMidStream(500, "InternalError.Algo", "Inference failed."));
        simulator.enqueueFault(Endpoint.COMPAT_CHAT, Fault.sseErrorMidStream(429, "Throttling.AllocationQuota", "Allocated quota exceeded."));
        simulator.enqueueFault(Endpoint.FLASH, Fault.sseErrorMidStream(500, "InternalError", "Not streaming."));

        final SimulatorClient.Answer sse = client.flashSse(SimulatorClient.flashBody("qwen3-asr-flash", WAV_URI));
        assertEquals(200, sse.status());
        final List<String[]> events = FlashHandlerTest.events(sse.body());
        assertEquals(List.of("event:result", "event:result", "event:error"), events.stream().map(event -> event[1]).toList());
        assertEquals(":HTTP_STATUS/500", events.getLast()[2]);
        assertEquals("id:3", events.getLast()[0]);
        assertEquals("InternalError.Algo", SimulatorClient.parse(events.getLast()[3]).get("code").asText());
        assertEquals("null", SimulatorClient.parse(events.get(1)[3]).at("/output/choices/0/finish_reason").asText());

        final SimulatorClient.Answer compat = client.compat(SimulatorClient.compatBody(WAV_URI, true));
        assertEquals(200, compat.status());
        assertFalse(compat.body().contains("[DONE]"));
        final String[] chunks = compat.body().split("\n\n");
        final ObjectNode error = SimulatorClient.parse(chunks[chunks.length - 1].substring("data: ".length()));
        assertEquals("Throttling.AllocationQuota", error.at("/error/code").asText());
        assertEquals("limit_requests", error.at("/error/type").asText());

        assertEquals(500, client.flash(SimulatorClient.flashBody("qwen3-asr-flash", WAV_URI)).status());
    }

    @Test
    void stallsStreamsMidwayThenCloses() throws IOException {
        simulator.enqueueFault(Endpoint.FLASH, Fault.sseStallMidStream(Duration.ofMillis(300)));
        final Request request = new Request.Builder().url(simulator.apiBaseUrl() + Routes.FLASH_PATH)
                .header("Authorization", "Bearer " + simulator.apiKey()).header("X-DashScope-SSE", "enable")
                .post(RequestBody.create(SimulatorClient.write(SimulatorClient.flashBody("qwen3-asr-flash", WAV_URI)), SimulatorClient.JSON))
                .build();
        final long started = System.nanoTime();
        try (Response response = SimulatorClient.HTTP.newCall(request).execute()) {
            assertEquals(200, response.code());
            final BufferedSource body = response.body().source();
            assertTrue(body.readUtf8Line().startsWith("id:1"), "the first events arrive at once");
            assertThrows(IOException.class, body::readUtf8, "then the stream stalls and breaks off");
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 300);
        simulator.enqueueFault(Endpoint.FLASH, Fault.sseStallMidStream(Duration.ofMillis(10)));
        assertThrows(UncheckedIOException.class, () -> client.flash(SimulatorClient.flashBody("qwen3-asr-flash", WAV_URI)),
                "a request that does not stream gets a plain stall");
    }

    @Test
    void recordsARequestThatDoesNotStreamBeforeAMidStreamStallEnds() {
        simulator.enqueueFault(Endpoint.FLASH, Fault.sseStallMidStream(Duration.ofSeconds(30)));
        final OkHttpClient impatient = SimulatorClient.HTTP.newBuilder().readTimeout(Duration.ofMillis(300)).build();
        final Request request = new Request.Builder().url(simulator.apiBaseUrl() + Routes.FLASH_PATH)
                .header("Authorization", "Bearer " + simulator.apiKey())
                .post(RequestBody.create(SimulatorClient.write(SimulatorClient.flashBody("qwen3-asr-flash", WAV_URI)), SimulatorClient.JSON))
                .build();

        assertThrows(InterruptedIOException.class, () -> {
            try (Response response = impatient.newCall(request).execute()) {
                response.body().string();
            }
        });

        assertEquals(0, simulator.requests(Endpoint.FLASH).getFirst().responseStatus(), "recorded while the stall goes on");
    }

    @Test
    void throttlesModelCallsWithATokenBucket() throws InterruptedException {
        simulator.settings().requestsPerMinute(30).burst(3);
        final ObjectNode body = SimulatorClient.flashBody("qwen3-asr-flash", WAV_URI);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, client.flash(body).status());
        }
        final SimulatorClient.Answer throttled = client.flash(body);
        assertEquals(429, throttled.status());
        assertEquals("Throttling.RateQuota", throttled.json().get("code").asText());
        assertEquals("Requests rate limit exceeded, please try again later.", throttled.json().get("message").asText());
        final SimulatorClient.Answer compat = client.compat(SimulatorClient.compatBody(WAV_URI, false));
        assertEquals(429, compat.status(), "the quota is shared by every model call");
        assertEquals("Throttling.RateQuota", compat.json().at("/error/code").asText());
        assertEquals(200, client.task("x").status(), "task queries have their own quota");

        Thread.sleep(2100);
        assertEquals(200, client.flash(body).status(), "30 requests per minute refill one token every 2 s");
    }

    @Test
    void passesModelCallsWithinTheQuota() {
        simulator.settings().requestsPerMinute(6000);
        final ObjectNode body = SimulatorClient.flashBody("qwen3-asr-flash", WAV_URI);

        for (int i = 0; i < 50; i++) {
            assertEquals(200, client.flash(body).status());
        }
        assertEquals(300, simulator.settings().burst(), "default burst max(3, ceil(rpm / 20))");
    }

    @Test
    void throttlesTaskQueriesPerSecond() {
        simulator.settings().taskQueriesPerSecond(2);

        assertEquals(200, client.task("a").status());
        assertEquals(200, client.task("b").status());
        final SimulatorClient.Answer throttled = client.task("c");
        assertEquals(429, throttled.status());
        assertEquals("Throttling.RateQuota", throttled.json().get("code").asText());
    }

    @Test
    void mixesRandomFaultsDeterministicallyBySeed() {
        final List<Integer> first = randomOutcomes(0.5, 7);
        final List<Integer> second = randomOutcomes(0.5, 7);

        assertEquals(first, second);
        assertTrue(first.contains(200));
        assertTrue(first.stream().anyMatch(status -> status != 200), first.toString());
        assertNotEquals(first, randomOutcomes(0.5, 8));
        assertTrue(randomOutcomes(1.0, 3).containsAll(List.of(429, 500, 503, 504, -1)), "every request gets one of the mix");
    }

    private static List<Integer> randomOutcomes(final double rate, final long seed) {
        try (DashScopeSimulator random = DashScopeSimulator.start()) {
            random.settings().randomFaultRate(rate, seed);
            final SimulatorClient randomClient = new SimulatorClient(random);
            final List<Integer> outcomes = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                try {
                    outcomes.add(randomClient.task("x").status());
                } catch (final UncheckedIOException e) {
                    outcomes.add(-1);
                }
            }
            return outcomes;
        }
    }
}
