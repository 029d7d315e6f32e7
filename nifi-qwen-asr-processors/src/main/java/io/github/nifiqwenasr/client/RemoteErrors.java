package io.github.nifiqwenasr.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.io.Json;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an unsuccessful answer, or no answer, into an {@link AsrException} that says what happened and whether a
 * retry can help (dashscope-api.md section 7). Error bodies are read only up to a small limit, so a hostile or
 * broken endpoint cannot make the client read an enormous body.
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
    private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]{1,200})</Code>");
    private static final Pattern XML_MESSAGE = Pattern.compile("<Message>([^<]{1,1000})</Message>");
    private static final Pattern XML_REQUEST_ID = Pattern.compile("<RequestId>([^<]{1,200})</RequestId>");

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
        final boolean billing = BILLING_CODES.contains(parsed.code);
        final boolean account = apiCall && (status == 401 || status == 403 || billing);
        final AsrException.Kind kind = classify(status, parsed.code, billing);
        final String message = operation + " failed at " + Urls.redact(url) + ": HTTP " + status + " " + parsed.code + ": "
                + parsed.message;
        final AsrException.Builder builder = AsrException.builder(kind, parsed.code, message)
                .httpStatus(status)
                .accountProblem(account);
        if (parsed.requestId != null) {
            builder.requestId(parsed.requestId);
        }
        parseRetryAfter(response.header("Retry-After")).ifPresent(builder::retryAfter);
        return builder.build();
    }

    /** The error a failed exchange (no complete answer) stands for: always worth retrying. */
    static AsrException fromTransport(final IOException e, final HttpUrl url, final String operation) {
        final String where = Urls.redact(url);
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return AsrException.retryable(AsrErrorCodes.TIMEOUT, operation + " at " + where
                    + " timed out: no answer within the Connect or Read Timeout of the client service", e);
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

    private static AsrException.Kind classify(final int status, final String code, final boolean billing) {
        if (billing) {
            return AsrException.Kind.PERMANENT;
        }
        if (status == 429 || code.startsWith("Throttling") || code.equals("LimitRequests")) {
            return AsrException.Kind.THROTTLED;
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
     * The body without the credentials the request carried: some gateways and debugging proxies echo the request's
     * headers in their error pages, and the body becomes part of messages, attributes and logs.
     */
    private static String withoutCredentials(final String body, final Request request) {
        String scrubbed = body;
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
        if (trimmed.startsWith("{")) {
            final RemoteError json = parseJson(trimmed);
            if (json != null) {
                return json;
            }
        }
        if (trimmed.startsWith("<?xml") || trimmed.startsWith("<Error")) {
            final Matcher code = XML_CODE.matcher(trimmed);
            if (code.find()) {
                final Matcher message = XML_MESSAGE.matcher(trimmed);
                final Matcher requestId = XML_REQUEST_ID.matcher(trimmed);
                return new RemoteError(code.group(1), message.find() ? message.group(1) : "(no message)",
                        requestId.find() ? requestId.group(1) : null);
            }
        }
        return new RemoteError("HttpStatus" + status, describeUnparsedBody(trimmed, contentType), null);
    }

    /** Reads the native ({@code code}, {@code message}) and the OpenAI-style ({@code error.code}) envelopes. */
    private static RemoteError parseJson(final String body) {
        try {
            final JsonNode root = Json.MAPPER.readTree(body);
            final JsonNode error = root.path("error").isObject() ? root.path("error") : root;
            final String code = text(error, "code");
            final String message = text(error, "message") != null ? text(error, "message") : text(error, "msg");
            if (code == null && message == null) {
                return null;
            }
            return new RemoteError(code == null ? "Unknown" : code, message == null ? "(no message)" : message,
                    text(root, "request_id"));
        } catch (final IOException e) {
            return null;
        }
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

    private record RemoteError(String code, String message, String requestId) {
    }
}
