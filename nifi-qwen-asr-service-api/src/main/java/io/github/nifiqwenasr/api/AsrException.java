/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.api;

import java.time.Duration;
import java.util.Optional;

/**
 * Why a call to the speech service did not produce a result, and whether trying again may help.
 * The message is written for a NiFi user: it never contains the API key, request bodies, or URL query strings.
 */
public final class AsrException extends Exception {

    /** What the caller should do with the data that could not be processed. */
    public enum Kind {
        /** Try again later: the service or the network had trouble (5xx, 408, timeouts, dropped connections). */
        RETRYABLE,
        /** Try again later and slow down: the service or the client-side limiter is throttling. */
        THROTTLED,
        /** Trying again will not help: the request, the data or the account must change first. */
        PERMANENT,
        /**
         * The request went out and its answer was lost (a read timeout, a connection broken mid-answer, HTTP 5xx, an
         * unreadable answer): the service may have done what was asked. Trying again may do it, and bill it, twice.
         */
        OUTCOME_UNKNOWN
    }

    private final Kind kind;
    private final String code;
    private final Integer httpStatus;
    private final String requestId;
    private final Duration retryAfter;
    private final boolean accountProblem;

    private AsrException(final Builder builder) {
        super(builder.message, builder.cause);
        this.kind = builder.kind;
        this.code = builder.code;
        this.httpStatus = builder.httpStatus;
        this.requestId = builder.requestId;
        this.retryAfter = builder.retryAfter;
        this.accountProblem = builder.accountProblem;
    }

    public static Builder builder(final Kind kind, final String code, final String message) {
        return new Builder(kind, code, message);
    }

    public static AsrException permanent(final String code, final String message) {
        return builder(Kind.PERMANENT, code, message).build();
    }

    public static AsrException retryable(final String code, final String message, final Throwable cause) {
        return builder(Kind.RETRYABLE, code, message).cause(cause).build();
    }

    public Kind getKind() {
        return kind;
    }

    /** The service's error code (for example {@code InvalidApiKey}) or one of {@link AsrErrorCodes}. */
    public String getCode() {
        return code;
    }

    /** The HTTP status of the answer, when there was one. */
    public Optional<Integer> getHttpStatus() {
        return Optional.ofNullable(httpStatus);
    }

    public Optional<String> getRequestId() {
        return Optional.ofNullable(requestId);
    }

    /** How long the service asked the client to wait ({@code Retry-After}), when it said so. */
    public Optional<Duration> getRetryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * True when the problem concerns the account or the key rather than this data (401, 403, billing):
     * every other request will fail the same way until someone fixes it.
     */
    public boolean isAccountProblem() {
        return accountProblem;
    }

    public static final class Builder {
        private final Kind kind;
        private final String code;
        private final String message;
        private Integer httpStatus;
        private String requestId;
        private Duration retryAfter;
        private boolean accountProblem;
        private Throwable cause;

        private Builder(final Kind kind, final String code, final String message) {
            this.kind = kind;
            this.code = code;
            this.message = message;
        }

        public Builder httpStatus(final int status) {
            this.httpStatus = status;
            return this;
        }

        public Builder requestId(final String id) {
            this.requestId = id;
            return this;
        }

        public Builder retryAfter(final Duration delay) {
            this.retryAfter = delay;
            return this;
        }

        public Builder accountProblem(final boolean value) {
            this.accountProblem = value;
            return this;
        }

        public Builder cause(final Throwable throwable) {
            this.cause = throwable;
            return this;
        }

        public AsrException build() {
            return new AsrException(this);
        }
    }
}
