/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator.http;

import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One parsed HTTP/1.1 request; the body is a stream that the handler may read once. */
public final class HttpRequest {
    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> headers;
    private final InputStream body;

    HttpRequest(final String method, final String target, final Map<String, List<String>> headers, final InputStream body) {
        this.method = method;
        final int question = target.indexOf('?');
        this.path = question < 0 ? target : target.substring(0, question);
        this.rawQuery = question < 0 ? null : target.substring(question + 1);
        final Map<String, List<String>> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> sorted.put(name, List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(sorted);
        this.body = body;
    }

    public String method() {
        return method;
    }

    /** The raw (still percent-encoded) path. */
    public String path() {
        return path;
    }

    /** The raw query string without '?', or null when the target had none. */
    public String rawQuery() {
        return rawQuery;
    }

    /** Case-insensitive, unmodifiable. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    public Optional<String> header(final String name) {
        final List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    public InputStream body() {
        return body;
    }

    /** Decoded query parameters in order; a name without '=' maps to "". */
    public Map<String, String> queryParameters() {
        final Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (final String pair : rawQuery.split("&")) {
            final int equals = pair.indexOf('=');
            final String name = equals < 0 ? pair : pair.substring(0, equals);
            final String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.putIfAbsent(decode(name), decode(value));
        }
        return parameters;
    }

    /** Decoded path segments (empty segments dropped). */
    public List<String> pathSegments() {
        final List<String> segments = new ArrayList<>();
        for (final String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(decode(segment));
            }
        }
        return segments;
    }

    private static String decode(final String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException e) {
            return value;
        }
    }
}
