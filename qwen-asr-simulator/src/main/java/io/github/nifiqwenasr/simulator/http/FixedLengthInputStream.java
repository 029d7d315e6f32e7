/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** A request body framed by Content-Length; never reads past it, and never closes the connection. */
final class FixedLengthInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    FixedLengthInputStream(final InputStream in, final long length) {
        this.in = in;
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        final byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(final byte[] buffer, final int offset, final int length) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        final int read = in.read(buffer, offset, (int) Math.min(length, remaining));
        if (read < 0) {
            throw new EOFException("Request body ended before Content-Length");
        }
        remaining -= read;
        return read;
    }

    @Override
    public void close() {
        // the connection outlives the body
    }
}
