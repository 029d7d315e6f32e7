/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Decodes a chunked request body (RFC 9112 section 7.1); trailers are read and ignored. */
final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private long chunkRemaining;
    private boolean finished;

    ChunkedInputStream(final InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        final byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(final byte[] buffer, final int offset, final int length) throws IOException {
        if (finished) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        if (chunkRemaining == 0 && !nextChunk()) {
            return -1;
        }
        final int read = in.read(buffer, offset, (int) Math.min(length, chunkRemaining));
        if (read < 0) {
            throw new EOFException("Chunked body ended early");
        }
        chunkRemaining -= read;
        if (chunkRemaining == 0) {
            RequestParser.readLine(in, false);
        }
        return read;
    }

    private boolean nextChunk() throws IOException {
        final String sizeLine = RequestParser.readLine(in, false);
        final int semicolon = sizeLine.indexOf(';');
        final String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
        try {
            chunkRemaining = Long.parseLong(hex, 16);
        } catch (final NumberFormatException e) {
            throw new MalformedRequestException("Malformed chunk size");
        }
        if (chunkRemaining < 0) {
            throw new MalformedRequestException("Negative chunk size");
        }
        if (chunkRemaining == 0) {
            while (!RequestParser.readLine(in, false).isEmpty()) {
                // trailer fields are ignored
            }
            finished = true;
            return false;
        }
        return true;
    }

    @Override
    public void close() {
        // the connection outlives the body
    }
}
