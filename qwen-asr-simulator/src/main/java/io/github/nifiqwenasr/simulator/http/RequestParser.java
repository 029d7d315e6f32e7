/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the request line, headers and body framing of an HTTP/1.1 request from a connection. */
final class RequestParser {
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEADERS = 200;

    private RequestParser() {
    }

    /** Returns null when the peer closed the connection before a new request started. */
    static HttpRequest read(final InputStream in, final OutputStream out) throws IOException {
        final String requestLine = readLine(in, true);
        if (requestLine == null) {
            return null;
        }
        final String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new MalformedRequestException("Malformed request line");
        }
        final Map<String, List<String>> headers = readHeaders(in);
        if ("100-continue".equalsIgnoreCase(first(headers, "expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        return new HttpRequest(parts[0], parts[1], headers, body(in, headers));
    }

    private static Map<String, List<String>> readHeaders(final InputStream in) throws IOException {
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        int count = 0;
        while (true) {
            final String line = readLine(in, false);
            if (line.isEmpty()) {
                return headers;
            }
            final int colon = line.indexOf(':');
            if (colon <= 0 || ++count > MAX_HEADERS) {
                throw new MalformedRequestException("Malformed header");
            }
            headers.computeIfAbsent(line.substring(0, colon).trim(), name -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
    }

    private static InputStream body(final InputStream in, final Map<String, List<String>> headers) throws MalformedRequestException {
        final String transferEncoding = first(headers, "transfer-encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return new ChunkedInputStream(in);
        }
        final String contentLength = first(headers, "content-length");
        if (contentLength == null) {
            return InputStream.nullInputStream();
        }
        try {
            final long length = Long.parseLong(contentLength);
            if (length < 0) {
                throw new MalformedRequestException("Negative Content-Length");
            }
            return new FixedLengthInputStream(in, length);
        } catch (final NumberFormatException e) {
            throw new MalformedRequestException("Malformed Content-Length");
        }
    }

    private static String first(final Map<String, List<String>> headers, final String name) {
        for (final Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue().getFirst();
            }
        }
        return null;
    }

    /** Reads a CRLF (or LF) terminated ISO-8859-1 line; null at a clean end of stream when allowed. */
    static String readLine(final InputStream in, final boolean endAllowed) throws IOException {
        final StringBuilder line = new StringBuilder(64);
        while (true) {
            final int b = in.read();
            if (b < 0) {
                if (endAllowed && line.isEmpty()) {
                    return null;
                }
                throw new MalformedRequestException("Unexpected end of stream");
            }
            if (b == '\n') {
                final int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(length - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new MalformedRequestException("Line too long");
            }
            line.append((char) b);
        }
    }
}
