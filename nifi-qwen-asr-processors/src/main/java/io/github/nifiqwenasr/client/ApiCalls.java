/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.RequestRateLimiter;
import io.github.nifiqwenasr.io.Json;
import io.github.nifiqwenasr.io.SizeLimitedInputStream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;

/**
 * What every call to the API endpoint shares: its HTTP client (no redirects, no silent re-sends, the Call Timeout),
 * the key, which goes into these requests and no others, JSON answers read within a size limit, and the shared
 * limiter's pause when the service throttles.
 */
final class ApiCalls {

    static final int MAX_API_RESPONSE_BYTES = 8 * 1024 * 1024;
    private static final Duration DEFAULT_THROTTLE_PAUSE = Duration.ofSeconds(2);

    private final OkHttpClient http;
    private final HttpUrl baseUrl;
    private final String authorization;

    /** @param authorization the Authorization header's value, or null for a server that needs no key */
    ApiCalls(final OkHttpClient http, final HttpUrl baseUrl, final String authorization) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    OkHttpClient http() {
        return http;
    }

    HttpUrl baseUrl() {
        return baseUrl;
    }

    HttpUrl endpoint(final String path) {
        return baseUrl.newBuilder().addPathSegments(path).build();
    }

    Request.Builder request(final HttpUrl url) {
        return authorized(new Request.Builder().url(url));
    }

    /** The key, when there is one; it only ever goes to the endpoint. */
    Request.Builder authorized(final Request.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    /** One call whose answer is a JSON object: errors are classified, and throttling pauses {@code limiter}. */
    JsonNode execute(final Request request, final String operation, final RequestRateLimiter limiter) throws AsrException {
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw throttling(RemoteErrors.fromResponse(response, operation, true), limiter);
            }
            return readJson(response, operation);
        } catch (final IOException e) {
            throw RemoteErrors.fromTransport(e, request.url(), operation);
        }
    }

    /** When the service throttles, every processor sharing the limiter backs off; returns the error to throw. */
    static AsrException throttling(final AsrException error, final RequestRateLimiter limiter) {
        if (error.getKind() == AsrException.Kind.THROTTLED) {
            limiter.pauseFor(error.getRetryAfter().orElse(DEFAULT_THROTTLE_PAUSE));
        }
        return error;
    }

    static JsonNode readJson(final Response response, final String operation) throws AsrException, IOException {
        final String where = Urls.redact(response.request().url());
        try (InputStream in = new SizeLimitedInputStream(response.body().byteStream(), MAX_API_RESPONSE_BYTES)) {
            final JsonNode root = Json.MAPPER.readTree(in);
            if (root == null || root.isMissingNode()) {
                throw AsrException.retryable(AsrErrorCodes.MALFORMED_RESPONSE, operation + " at " + where
                        + " returned HTTP " + response.code() + " with an empty body", null);
            }
            if (!root.isObject()) {
                // Valid JSON, but not an answer of this API: asking again gets the same, like any answer of the wrong shape.
                throw JsonFields.unexpected(operation, "an object at the top level (found " + root.getNodeType().name().toLowerCase(Locale.ROOT) + ")");
            }
            return root;
        } catch (final SizeLimitedInputStream.SizeLimitExceededException e) {
            throw AsrException.retryable(AsrErrorCodes.RESPONSE_TOO_LARGE, operation + " at " + where
                    + " returned more than " + MAX_API_RESPONSE_BYTES + " bytes; that is not an answer of the DashScope API", e);
        } catch (final JsonProcessingException e) {
            throw AsrException.retryable(AsrErrorCodes.MALFORMED_RESPONSE, operation + " at " + where
                    + " returned a body that is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    /** A message (which may end with the service's full stop) and the sentence that explains it. */
    static String followedBy(final String message, final String sentence) {
        return (message.endsWith(".") ? message.substring(0, message.length() - 1) : message) + ". " + sentence;
    }

    /** A value from a FlowFile, shortened and on one line, for an error message. */
    static String printable(final String value) {
        final String oneLine = value.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine;
    }
}
