/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * What the next request to an endpoint gets instead of (or on top of) its normal answer. Enqueued per endpoint
 * with {@link DashScopeSimulator#enqueueFault}; each fault is used once, in FIFO order. The request is always read
 * completely and recorded (status 0 when no answer was sent).
 */
public final class Fault {
    enum Kind { ERROR, RAW_BODY, HUGE_BODY, TRUNCATED_BODY, DISCONNECT, STALL, DELAY, REDIRECT, SSE_ERROR_MID_STREAM, SSE_STALL_MID_STREAM }

    private final Kind kind;
    private final int status;
    private final String code;
    private final String message;
    private final String contentType;
    private final String body;
    private final long bytes;
    private final Duration duration;
    private final String location;
    private final String retryAfter;

    private Fault(final Kind kind, final int status, final String code, final String message, final String contentType,
            final String body, final long bytes, final Duration duration, final String location, final String retryAfter) {
        this.kind = kind;
        this.status = status;
        this.code = code;
        this.message = message;
        this.contentType = contentType;
        this.body = body;
        this.bytes = bytes;
        this.duration = duration;
        this.location = location;
        this.retryAfter = retryAfter;
    }

    /** An error in the endpoint's own envelope (native JSON, SSE error event, compat JSON or OSS XML). */
    public static Fault error(final int status, final String code, final String message) {
        return new Fault(Kind.ERROR, status, Objects.requireNonNull(code, "code"), Objects.requireNonNull(message, "message"),
                null, null, 0, Duration.ZERO, null, null);
    }

    /** The same fault plus a {@code Retry-After} header (DashScope is not known to send one: section 7.3). */
    public Fault withRetryAfter(final String headerValue) {
        return new Fault(kind, status, code, message, contentType, body, bytes, duration, location,
                Objects.requireNonNull(headerValue, "headerValue"));
    }

    /** Exactly this status, content type and body: HTML error pages, empty bodies, wrong-shape or truncated JSON. */
    public static Fault rawBody(final int status, final String contentType, final String body) {
        return new Fault(Kind.RAW_BODY, status, null, null, contentType, Objects.requireNonNull(body, "body"), 0,
                Duration.ZERO, null, null);
    }

    /** A body of {@code bytes} filler bytes with a matching Content-Length, streamed (never held in memory). */
    public static Fault hugeBody(final int status, final String contentType, final long bytes) {
        return new Fault(Kind.HUGE_BODY, status, null, null, contentType, null, bytes, Duration.ZERO, null, null);
    }

    /** The normal status and headers (Content-Length of the full answer), half of the body, then the connection closes. */
    public static Fault truncatedBody() {
        return new Fault(Kind.TRUNCATED_BODY, 0, null, null, null, null, 0, Duration.ZERO, null, null);
    }

    /** The request is read, then the connection closes without any response. */
    public static Fault disconnect() {
        return new Fault(Kind.DISCONNECT, 0, null, null, null, null, 0, Duration.ZERO, null, null);
    }

    /** The request is read, nothing is sent for {@code duration}, then the connection closes without a response. */
    public static Fault stall(final Duration duration) {
        return new Fault(Kind.STALL, 0, null, null, null, null, 0, Objects.requireNonNull(duration, "duration"), null, null);
    }

    /** Waits {@code duration}, then answers normally. */
    public static Fault delay(final Duration duration) {
        return new Fault(Kind.DELAY, 0, null, null, null, null, 0, Objects.requireNonNull(duration, "duration"), null, null);
    }

    /** {@code status} (e.g. 302, 307) with a {@code Location} header and an empty body. */
    public static Fault redirect(final int status, final String location) {
        return new Fault(Kind.REDIRECT, status, null, null, null, null, 0, Duration.ZERO,
                Objects.requireNonNull(location, "location"), null);
    }

    /**
     * Streaming requests (native SSE, compat stream, vLLM chat stream) get the first half of their result events,
     * then an error: {@code event:error} with {@code :HTTP_STATUS/<status>} (section 3.4), a compat
     * {@code data: {"error":...}} chunk, or vLLM's error chunk followed by {@code data: [DONE]}. Non-streaming
     * requests get {@link #error} instead.
     */
    public static Fault sseErrorMidStream(final int status, final String code, final String message) {
        return new Fault(Kind.SSE_ERROR_MID_STREAM, status, Objects.requireNonNull(code, "code"),
                Objects.requireNonNull(message, "message"), null, null, 0, Duration.ZERO, null, null);
    }

    /**
     * Streaming requests get the first half of their result events, then nothing for {@code duration}, then the
     * connection closes: a stream that stalls. Non-streaming requests get {@link #stall} instead.
     */
    public static Fault sseStallMidStream(final Duration duration) {
        return new Fault(Kind.SSE_STALL_MID_STREAM, 0, null, null, null, null, 0,
                Objects.requireNonNull(duration, "duration"), null, null);
    }

    Kind kind() {
        return kind;
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    String body() {
        return body;
    }

    long bytes() {
        return bytes;
    }

    Duration duration() {
        return duration;
    }

    String location() {
        return location;
    }

    String retryAfter() {
        return retryAfter;
    }

    ApiError asError() {
        return ApiError.verbatim(status, code, message);
    }

    @Override
    public String toString() {
        return "Fault[" + kind + (status > 0 ? " " + status : "") + (code != null ? " " + code : "")
                + (duration.isZero() ? "" : " " + duration) + (location != null ? " -> " + location : "") + "]";
    }
}
