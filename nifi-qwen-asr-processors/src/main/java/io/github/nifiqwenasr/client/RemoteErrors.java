/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.Region;
import io.github.nifiqwenasr.io.Json;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an unsuccessful answer, or no answer, into an {@link AsrException} that says what happened and whether a
 * retry can help (dashscope-api.md section 7). One classification for every protocol and envelope: DashScope native
 * JSON, native SSE {@code event:error}, DashScope compatible mode and vLLM's OpenAI-style errors, OSS XML. Error
 * bodies are read only up to a small limit, so a hostile or broken endpoint cannot make the client read an enormous
 * body.
 */
final class RemoteErrors {

    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;
    private static final int MAX_SNIPPET_CHARS = 200;
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);
    /** 429 codes that mean the account must be paid or a product bought: waiting does not help. */
    private static final Set<String> BILLING_CODES = Set.of("PrepaidBillOverdue", "PostpaidBillOverdue",
            "CommodityNotPurchased", "Arrearage");
    private static final List<String> CREDENTIAL_HEADERS = List.of("Authorization", "Proxy-Authorization");
    private static final String REDACTED = "********";
    /**
     * A refusal of audio for its length: the service documents the limit (5 minutes for qwen3-asr-flash, answered 400
     * InvalidParameter) but not the wording, so a message that speaks of the length or duration together with the
     * limit is read as one.
     */
    private static final Pattern TOO_LONG = Pattern.compile(
            "(?i)(duration|\\blong\\b).*(300|5 ?min|five min)|(300|5 ?min|five min).*(duration|\\blong\\b)");
    private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]{1,200})</Code>");
    private static final Pattern XML_MESSAGE = Pattern.compile("<Message>([^<]{1,1000})</Message>");
    private static final Pattern XML_REQUEST_ID = Pattern.compile("<RequestId>([^<]{1,200})</RequestId>");
    /**
     * [I] Error types and codes that name trouble on the server side. They classify an error chunk that arrives in
     * the middle of a stream without an HTTP status of its own (DashScope's compatible mode): OpenAI's
     * {@code server_error}, DashScope's {@code internal_error} and its 5xx codes (section 7.2), vLLM's
     * {@code InternalServerError}.
     */
    private static final Pattern SERVER_SIDE = Pattern.compile(
            "(?i).*(internal|server|unavailable|timeout|overloaded).*|SystemError|ModelServiceFailed|RequestTimeOut");
    /** [I] Error types meaning "too many requests", for stream error chunks without a status. */
    private static final Set<String> THROTTLING_TYPES = Set.of("limit_requests", "rate_limit_error", "rate_limit_exceeded");
    private static final String SSE_DATA = "data:";

    private RemoteErrors() {
    }

    /**
     * The error an HTTP answer with a non-2xx status stands for.
     *
     * @param apiCall true for calls to the DashScope API (a 401 or 403 there concerns the key or the account), false
     *                for storage hosts (a 403 there concerns one object, for example an expired signature)
     */
    static AsrException fromResponse(final Response response, final String operation, final boolean apiCall) {
        final int status = response.code();
        final HttpUrl url = response.request().url();
        if (status >= 300 && status < 400) {
            return redirect(response, operation, apiCall);
        }
        final String body = withoutCredentials(readBoundedBody(response), response.request());
        final RemoteError parsed = parse(body, status, response.header("Content-Type"));
        final AsrException.Builder builder = classified(status, parsed, apiCall,
                operation + " failed at " + Urls.redact(url) + ": HTTP " + status);
        parseRetryAfter(response.header("Retry-After")).ifPresent(builder::retryAfter);
        return builder.build();
    }

    /**
     * The error an event stream reported after it had begun with HTTP 200, routed like the same error without
     * streaming: DashScope's {@code event:error} names its status ({@code :HTTP_STATUS/<n>}, section 3.4); vLLM's
     * error chunk has the status as its numeric {@code code}; DashScope's compatible mode gives none, so its code and
     * type decide.
     *
     * @param status the status the event names, or null
     * @param data   the event's data: one of the JSON error envelopes
     */
    static AsrException fromStreamError(final Integer status, final String data, final HttpUrl url, final String operation) {
        final String trimmed = data.strip();
        final RemoteError json = trimmed.startsWith("{") ? parseJson(trimmed) : null;
        final RemoteError parsed = json != null ? json : new RemoteError("StreamError", describeUnparsedBody(trimmed, null), null, null, null);
        final Integer effective = status != null ? status : parsed.status;
        return classified(effective, parsed, true, operation + " at " + Urls.redact(url) + " reported an error in its event stream"
                + (effective == null ? "" : ": HTTP " + effective)).build();
    }

    /** A stream that ended before its last event: what was said so far is not the whole transcript. */
    static AsrException incompleteStream(final HttpUrl url, final String operation) {
        return AsrException.retryable(AsrErrorCodes.STREAM_INCOMPLETE, operation + " at " + Urls.redact(url)
                + ": the event stream ended before its final event; the transcript would be incomplete", null);
    }

    /** An event whose data is not the JSON the protocol promises. */
    static AsrException malformedEvent(final HttpUrl url, final String operation, final IOException e) {
        return AsrException.retryable(AsrErrorCodes.MALFORMED_RESPONSE, operation + " at " + Urls.redact(url)
                + " sent an event whose data is not valid JSON (" + e.getMessage() + ")", e);
    }

    private static AsrException.Builder classified(final Integer status, final RemoteError parsed, final boolean apiCall,
                                                   final String prefix) {
        final boolean billing = BILLING_CODES.contains(parsed.code);
        final boolean account = apiCall && (billing || status != null && (status == 401 || status == 403));
        final boolean tooLong = status != null && status == 400 && TOO_LONG.matcher(parsed.message).find();
        final AsrException.Builder builder = AsrException.builder(classify(status, parsed, billing),
                        tooLong ? AsrErrorCodes.AUDIO_TOO_LONG : parsed.code, prefix + " " + parsed.code + ": " + parsed.message)
                .accountProblem(account);
        if (status != null) {
            builder.httpStatus(status);
        }
        if (parsed.requestId != null) {
            builder.requestId(parsed.requestId);
        }
        return builder;
    }

    /** The error a failed exchange (no complete answer) stands for: always worth retrying. */
    static AsrException fromTransport(final IOException e, final HttpUrl url, final String operation) {
        return fromTransport(e, url, operation, "no answer within the Connect, Read or Call Timeout of the client service");
    }

    /** @param timedOut what a timeout means for this exchange, e.g. which timeout ran out */
    static AsrException fromTransport(final IOException e, final HttpUrl url, final String operation, final String timedOut) {
        final String where = Urls.redact(url);
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return AsrException.retryable(AsrErrorCodes.TIMEOUT, operation + " at " + where + " timed out: " + timedOut, e);
        }
        if (e instanceof UnknownHostException) {
            return AsrException.retryable(AsrErrorCodes.CONNECTION_FAILED, operation + " failed: host " + url.host()
                    + " could not be resolved; check the Region or Endpoint Override URL and DNS", e);
        }
        if (e instanceof ConnectException) {
            return AsrException.retryable(AsrErrorCodes.CONNECTION_FAILED, operation + " failed: could not connect to "
                    + url.host() + ":" + url.port() + " (" + e.getMessage() + ")", e);
        }
        if (e instanceof SSLException) {
            return AsrException.retryable(AsrErrorCodes.CONNECTION_FAILED, operation + " failed: TLS with " + url.host()
                    + " failed (" + e.getMessage() + "); check the SSL Context Service", e);
        }
        return AsrException.retryable(AsrErrorCodes.CONNECTION_FAILED, operation + " at " + where
                + " failed: the connection broke (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }

    /**
     * Whether a failed request certainly had no effect at the service: it never reached the service (the host is
     * unknown, the connection, its TLS handshake or the connect timeout failed), or the service answered it with an error
     * status below 500, which rejects the request (4xx including 429, or a redirect, which is never followed). Everything else, HTTP 5xx or no readable answer after the
     * request went out, leaves the outcome unknown.
     */
    static boolean certainlyHadNoEffect(final AsrException error) {
        final Optional<Integer> status = error.getHttpStatus();
        if (status.isPresent()) {
            return status.get() < 500;
        }
        final Throwable cause = error.getCause();
        return cause instanceof UnknownHostException || cause instanceof ConnectException
                || cause instanceof NoRouteToHostException || cause instanceof SSLHandshakeException
                || cause instanceof SSLPeerUnverifiedException
                || cause instanceof SocketTimeoutException && String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("connect timed out");
    }

    /** {@code error}, which came after the request went out, as an unknown outcome: what happened, then {@code consequence}. */
    static AsrException outcomeUnknown(final AsrException error, final String consequence) {
        final AsrException.Builder builder = AsrException.builder(AsrException.Kind.OUTCOME_UNKNOWN,
                        AsrErrorCodes.SUBMIT_OUTCOME_UNKNOWN, error.getMessage() + " (" + error.getCode() + "). " + consequence)
                .cause(error);
        error.getHttpStatus().ifPresent(builder::httpStatus);
        error.getRequestId().ifPresent(builder::requestId);
        return builder.build();
    }

    private static AsrException.Kind classify(final Integer status, final RemoteError error, final boolean billing) {
        if (billing) {
            return AsrException.Kind.PERMANENT;
        }
        final String code = error.code;
        if (status != null && status == 429 || code.startsWith("Throttling") || code.equals("LimitRequests")
                || status == null && THROTTLING_TYPES.contains(error.type)) {
            return AsrException.Kind.THROTTLED;
        }
        if (status == null) {
            final boolean serverSide = SERVER_SIDE.matcher(code).matches()
                    || error.type != null && SERVER_SIDE.matcher(error.type).matches();
            return serverSide ? AsrException.Kind.RETRYABLE : AsrException.Kind.PERMANENT;
        }
        if (status == 408 || status >= 500) {
            return AsrException.Kind.RETRYABLE;
        }
        return AsrException.Kind.PERMANENT;
    }

    private static AsrException redirect(final Response response, final String operation, final boolean apiCall) {
        final String location = response.header("Location");
        final HttpUrl target = location == null ? null : response.request().url().resolve(location);
        final String where = target == null ? "an unknown location" : target.host() + ":" + target.port();
        final String rule = apiCall
                ? "Calls carrying the API key are never redirected; point the Endpoint Override URL at the final address"
                : "Uploads are never redirected, and downloads follow a redirect only when it names a Location and does"
                        + " not lead from https to plain http";
        return AsrException.builder(AsrException.Kind.PERMANENT, AsrErrorCodes.REDIRECT_REFUSED, operation + " at "
                        + Urls.redact(response.request().url()) + " answered HTTP " + response.code() + " redirecting to "
                        + where + ". " + rule)
                .httpStatus(response.code())
                .build();
    }

    private static String readBoundedBody(final Response response) {
        final ResponseBody body = response.body();
        if (body == null) {
            return "";
        }
        try (InputStream in = body.byteStream()) {
            final byte[] bytes = in.readNBytes(MAX_ERROR_BODY_BYTES);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            return "";
        }
    }

    /**
     * The text of an answer without the credentials the request carried: some gateways and debugging proxies echo the
     * request's headers in their error pages and events, and that text becomes part of messages, attributes and logs.
     */
    static String withoutCredentials(final String text, final Request request) {
        String scrubbed = text;
        for (final String header : CREDENTIAL_HEADERS) {
            final String value = request.header(header);
            final String credential = value == null ? "" : value.substring(value.indexOf(' ') + 1).strip();
            if (!credential.isEmpty()) {
                scrubbed = scrubbed.replace(credential, REDACTED);
            }
        }
        return scrubbed;
    }

    private static RemoteError parse(final String body, final int status, final String contentType) {
        final String trimmed = body.strip();
        final String json = trimmed.startsWith("{") ? trimmed : sseData(trimmed);
        if (json != null) {
            final RemoteError parsed = parseJson(json);
            if (parsed != null) {
                return parsed;
            }
        }
        if (trimmed.startsWith("<?xml") || trimmed.startsWith("<Error")) {
            final Matcher code = XML_CODE.matcher(trimmed);
            if (code.find()) {
                final Matcher message = XML_MESSAGE.matcher(trimmed);
                final Matcher requestId = XML_REQUEST_ID.matcher(trimmed);
                return new RemoteError(code.group(1), message.find() ? message.group(1) : "(no message)",
                        requestId.find() ? requestId.group(1) : null, null, null);
            }
        }
        return new RemoteError("HttpStatus" + status, describeUnparsedBody(trimmed, contentType), null, null, null);
    }

    /**
     * The first {@code data:} line of an event-stream body: DashScope answers a streaming request it refuses with a
     * non-2xx status and one {@code event:error} (section 3.4).
     */
    private static String sseData(final String body) {
        for (final String line : body.split("\\R")) {
            if (line.startsWith(SSE_DATA)) {
                return line.substring(SSE_DATA.length()).strip();
            }
        }
        return null;
    }

    /**
     * Reads the JSON envelopes: DashScope native ({@code code}, {@code message}), OpenAI-style
     * ({@code error.code}, {@code error.type}, {@code error.message}) where vLLM puts the HTTP status in a numeric
     * {@code code} and names the error in {@code type} (vllm/entrypoints/utils.py create_error_response), vLLM's
     * API-key middleware ({@code {"error": "Unauthorized"}}), and FastAPI's {@code {"detail": ...}}.
     */
    private static RemoteError parseJson(final String body) {
        try {
            final JsonNode root = Json.MAPPER.readTree(body);
            final JsonNode errorField = root.path("error");
            if (errorField.isTextual()) {
                return new RemoteError(errorField.asText(), errorField.asText(), text(root, "request_id"), null, null);
            }
            final JsonNode error = errorField.isObject() ? errorField : root;
            final JsonNode codeField = error.path("code");
            final String type = text(error, "type");
            final Integer status = codeField.isInt() ? codeField.intValue() : null;
            final String code = codeField.isTextual() ? codeField.asText() : type;
            final String message = firstText(error, "message", "msg", "detail");
            if (code == null && message == null) {
                return null;
            }
            return new RemoteError(code == null ? "Unknown" : code, message == null ? "(no message)" : message,
                    text(root, "request_id"), type, status);
        } catch (final IOException e) {
            return null;
        }
    }

    private static String firstText(final JsonNode node, final String... fields) {
        for (final String field : fields) {
            final String value = text(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String describeUnparsedBody(final String body, final String contentType) {
        if (body.isEmpty()) {
            return "(empty body)";
        }
        final String type = contentType == null ? "unknown content type" : contentType;
        if (body.startsWith("<")) {
            return "(" + type + " body, not a DashScope error)";
        }
        final String oneLine = body.replaceAll("\\s+", " ");
        return oneLine.length() > MAX_SNIPPET_CHARS ? oneLine.substring(0, MAX_SNIPPET_CHARS) + "..." : oneLine;
    }

    private static String text(final JsonNode node, final String field) {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date (RFC 9110), capped. */
    static Optional<Duration> parseRetryAfter(final String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        final String trimmed = value.strip();
        try {
            final long seconds = Long.parseLong(trimmed);
            return seconds < 0 ? Optional.empty() : Optional.of(min(Duration.ofSeconds(seconds)));
        } catch (final NumberFormatException notSeconds) {
            try {
                final ZonedDateTime when = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
                final Duration delay = Duration.between(ZonedDateTime.now(when.getZone()), when);
                return Optional.of(delay.isNegative() ? Duration.ZERO : min(delay));
            } catch (final DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private static Duration min(final Duration delay) {
        return delay.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : delay;
    }

    /**
     * @param type   the OpenAI-style {@code error.type}, when there is one
     * @param status the HTTP status an envelope names itself (vLLM's numeric {@code code}), when it does
     */
    private record RemoteError(String code, String message, String requestId, String type, Integer status) {
    }
}
