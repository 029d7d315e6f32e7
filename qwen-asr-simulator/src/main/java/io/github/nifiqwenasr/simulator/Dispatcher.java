/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import io.github.nifiqwenasr.simulator.http.HttpExchange;
import io.github.nifiqwenasr.simulator.http.HttpHandler;
import io.github.nifiqwenasr.simulator.http.HttpRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Takes every request of one port through the same steps: classify, record, latency, fault, authentication (API
 * port), quota, endpoint handler; an {@link ApiError} from any step is answered in the endpoint's envelope.
 */
final class Dispatcher implements HttpHandler {
    private final boolean storagePort;
    private final SimulatorSettings settings;
    private final RequestRecorder recorder;
    private final FaultInjector faults;
    private final Quotas quotas;
    private final Sleeper sleeper;
    private final Map<Endpoint, EndpointHandler> handlers;
    private final HttpHandler admin;

    Dispatcher(final boolean storagePort, final SimulatorSettings settings, final RequestRecorder recorder,
            final FaultInjector faults, final Quotas quotas, final Sleeper sleeper, final Map<Endpoint, EndpointHandler> handlers,
            final HttpHandler admin) {
        this.storagePort = storagePort;
        this.settings = settings;
        this.recorder = recorder;
        this.faults = faults;
        this.quotas = quotas;
        this.sleeper = sleeper;
        this.handlers = handlers;
        this.admin = admin;
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        final HttpRequest request = exchange.request();
        if (admin != null && request.path().startsWith(Routes.ADMIN_PREFIX)) {
            admin.handle(exchange);
            return;
        }
        final long arrival = recorder.arrival();
        final Instant receivedAt = Instant.now();
        final Endpoint endpoint = storagePort ? Routes.storage(request.path()) : Routes.api(request.path(), request.pathSegments());
        final CapturingInputStream body = new CapturingInputStream(request.body(),
                settings.recordBodies() ? settings.recordBodyLimitBytes() : 0);
        final AtomicBoolean recorded = new AtomicBoolean();
        final IntConsumer record = status -> {
            if (recorded.compareAndSet(false, true)) {
                drain(body);
                recorder.add(arrival, new RecordedRequest(endpoint, request.method(), request.path(), request.rawQuery(),
                        request.headers(), body.captured(), body.count(), status, receivedAt), settings.maxRecordedRequests());
            }
        };
        final Call call = new Call(exchange, endpoint, RequestIds.next(), body, styleOf(endpoint, storagePort, exchange), sleeper, record);
        // Recorded before the answer leaves: a client that has its answer finds its request in the log.
        exchange.onCommit(record);
        try {
            answer(call, record);
        } catch (final ApiError error) {
            call.style().render(exchange, error, call.requestId());
        } finally {
            record.accept(exchange.status());
        }
    }

    private void answer(final Call call, final IntConsumer record) throws ApiError, IOException {
        sleeper.sleep(settings.latency());
        final Optional<Fault> fault = faults.next(call.endpoint(), settings.randomFaults());
        if (fault.isPresent() && !applyFault(call, fault.get(), record)) {
            return;
        }
        if (call.endpoint() == Endpoint.UNKNOWN) {
            throw ApiError.verbatim(404, storagePort ? "NoSuchKey" : "NotFound", "No such resource: " + call.request().path());
        }
        if (!call.endpoint().method().equals(call.request().method())) {
            throw ApiError.verbatim(405, "MethodNotAllowed", call.request().method() + " is not allowed on " + call.request().path());
        }
        if (call.endpoint().isVllm()) {
            authenticateVllm(call);
        } else if (!storagePort) {
            authenticate(call);
        }
        quotas.check(call.endpoint());
        handlers.get(call.endpoint()).handle(call);
    }

    /** Returns true when the normal answer should follow (delay, truncation, mid-stream error). */
    private boolean applyFault(final Call call, final Fault fault, final IntConsumer record) throws ApiError, IOException {
        final HttpExchange exchange = call.exchange();
        if (fault.retryAfter() != null) {
            exchange.addResponseHeader("Retry-After", fault.retryAfter());
        }
        switch (fault.kind()) {
            case ERROR -> throw fault.asError();
            case RAW_BODY -> exchange.respond(fault.status(), fault.contentType(), fault.body().getBytes(StandardCharsets.UTF_8));
            case HUGE_BODY -> exchange.respondStreamed(fault.status(), fault.contentType(), fault.bytes(), out -> filler(out, fault.bytes()));
            case DISCONNECT -> exchange.abort();
            case STALL -> stall(exchange, fault, record);
            case REDIRECT -> {
                exchange.addResponseHeader("Location", fault.location());
                exchange.respond(fault.status(), null, new byte[0]);
            }
            case DELAY -> {
                sleeper.sleep(fault.duration());
                return true;
            }
            case TRUNCATED_BODY -> {
                exchange.truncateBody();
                return true;
            }
            case SSE_ERROR_MID_STREAM -> {
                if (!call.endpoint().canStream()) {
                    throw fault.asError();
                }
                call.midStreamFault(fault);
                return true;
            }
            case SSE_STALL_MID_STREAM -> {
                if (!call.endpoint().canStream()) {
                    stall(exchange, fault, record);
                    return false;
                }
                call.midStreamFault(fault);
                return true;
            }
            default -> throw new IllegalStateException("Unhandled fault " + fault);
        }
        return false;
    }

    /** Nothing for the fault's duration, then the connection closes without an answer. */
    private void stall(final HttpExchange exchange, final Fault fault, final IntConsumer record) {
        record.accept(0);
        sleeper.sleep(fault.duration());
        exchange.abort();
    }

    private void authenticate(final Call call) throws ApiError {
        final String authorization = call.request().header("Authorization").orElse("");
        final String scheme = "Bearer ";
        if (!authorization.regionMatches(true, 0, scheme, 0, scheme.length())
                || !settings.acceptsApiKey(authorization.substring(scheme.length()).trim())) {
            throw ApiError.invalidApiKey();
        }
    }

    /**
     * vLLM's AuthenticationMiddleware (vllm/entrypoints/openai/server_utils.py): only when the server was started with
     * an API key, every /v1 request needs {@code Authorization: Bearer <key>} (scheme case-insensitive), else 401
     * {@code {"error": "Unauthorized"}}.
     */
    private void authenticateVllm(final Call call) throws ApiError {
        final String key = settings.vllmApiKey();
        if (key == null) {
            return;
        }
        final String authorization = call.request().header("Authorization").orElse("");
        final int space = authorization.indexOf(' ');
        final boolean bearer = space > 0 && authorization.substring(0, space).equalsIgnoreCase("bearer");
        if (!bearer || !authorization.substring(space + 1).equals(key)) {
            throw VllmErrors.unauthorized();
        }
    }

    private static ErrorStyle styleOf(final Endpoint endpoint, final boolean storagePort, final HttpExchange exchange) {
        if (storagePort) {
            return ErrorStyle.OSS;
        }
        if (endpoint == Endpoint.COMPAT_CHAT) {
            return ErrorStyle.COMPAT;
        }
        if (endpoint.isVllm() || endpoint == Endpoint.UNKNOWN && exchange.request().path().startsWith(Routes.VLLM_PREFIX)) {
            return ErrorStyle.VLLM;
        }
        final boolean sse = exchange.request().header("X-DashScope-SSE").map(value -> value.trim().equalsIgnoreCase("enable")).orElse(false);
        return endpoint == Endpoint.FLASH && sse ? ErrorStyle.SSE : ErrorStyle.NATIVE;
    }

    private static void filler(final OutputStream out, final long bytes) throws IOException {
        final byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) 'x');
        long remaining = bytes;
        while (remaining > 0) {
            final int count = (int) Math.min(block.length, remaining);
            out.write(block, 0, count);
            remaining -= count;
        }
    }

    private static void drain(final CapturingInputStream body) {
        try {
            body.drain();
        } catch (final IOException e) {
            // the client went away; the recorded length is what arrived
        }
    }
}
