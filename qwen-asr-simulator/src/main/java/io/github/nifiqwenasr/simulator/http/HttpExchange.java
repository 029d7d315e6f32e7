/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The answer side of one request. Exactly one of the respond methods (or {@link #abort()}) is used.
 * With {@link #truncateBody()} the status line and headers announce the full body, only the first half of
 * the body is written, and then the connection is closed.
 */
public final class HttpExchange {
    private final HttpRequest request;
    private final OutputStream out;
    private final Socket socket;
    private final boolean keepAlive;
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();
    private boolean truncate;
    private boolean aborted;
    private boolean committed;
    private int status;
    private IntConsumer commitListener = status -> { };

    HttpExchange(final HttpRequest request, final OutputStream out, final Socket socket, final boolean keepAlive) {
        this.request = request;
        this.out = out;
        this.socket = socket;
        this.keepAlive = keepAlive;
    }

    public HttpRequest request() {
        return request;
    }

    /** The status sent, or 0 while nothing was sent (or the connection was dropped without an answer). */
    public int status() {
        return status;
    }

    public boolean aborted() {
        return aborted;
    }

    boolean reusable() {
        return keepAlive && !aborted && status != 0;
    }

    /**
     * Called once, just before the status line is written (with its status) or before the connection is dropped
     * without an answer (with 0): the moment the outcome of the request is final.
     */
    public void onCommit(final IntConsumer listener) {
        this.commitListener = listener;
    }

    public void addResponseHeader(final String name, final String value) {
        extraHeaders.put(name, value);
    }

    public void truncateBody() {
        truncate = true;
    }

    public void respond(final int status, final String contentType, final byte[] body) throws IOException {
        writeHead(status, contentType, body.length);
        if (truncate) {
            out.write(body, 0, body.length / 2);
            abort();
            return;
        }
        out.write(body);
        out.flush();
    }

    public void respondStreamed(final int status, final String contentType, final long length, final BodyWriter writer)
            throws IOException {
        writeHead(status, contentType, length);
        if (truncate) {
            try {
                writer.writeTo(new LimitedOutputStream(out, length / 2));
            } catch (final LimitedOutputStream.LimitReachedException e) {
                // the half has been written
            }
            abort();
            return;
        }
        writer.writeTo(new NonClosingOutputStream(out));
        out.flush();
    }

    /** A chunked body: flush() sends what was written so far, close() ends the body. */
    public OutputStream respondChunked(final int status, final String contentType) throws IOException {
        if (truncate) {
            return new ByteArrayOutputStream() {
                @Override
                public void close() throws IOException {
                    writeHead(status, contentType, -1);
                    final byte[] body = toByteArray();
                    out.write((Integer.toHexString(Math.max(1, body.length)) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, 0, body.length / 2);
                    abort();
                }
            };
        }
        writeHead(status, contentType, -1);
        return new ChunkedOutputStream(out);
    }

    /** Closes the connection at once: whatever was not yet written is never sent. */
    public void abort() {
        commit(0);
        aborted = true;
        try {
            out.flush();
        } catch (final IOException e) {
            // the peer may already be gone
        }
        try {
            socket.close();
        } catch (final IOException e) {
            // nothing left to release
        }
    }

    private void commit(final int finalStatus) {
        if (!committed) {
            committed = true;
            commitListener.accept(finalStatus);
        }
    }

    private void writeHead(final int status, final String contentType, final long length) throws IOException {
        commit(status);
        this.status = status;
        final StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ").append(status).append(' ').append(StatusReasons.of(status)).append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (length >= 0) {
            head.append("Content-Length: ").append(length).append("\r\n");
        } else {
            head.append("Transfer-Encoding: chunked\r\n");
        }
        extraHeaders.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (!keepAlive || truncate) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }
}
