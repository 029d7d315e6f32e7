/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Counts every byte of a request body and keeps the first {@code limit} of them for the request log. */
final class CapturingInputStream extends InputStream {
    private final InputStream in;
    private final int limit;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private long count;

    CapturingInputStream(final InputStream in, final int limit) {
        this.in = in;
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        final byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(final byte[] buffer, final int offset, final int length) throws IOException {
        final int read = in.read(buffer, offset, length);
        if (read > 0) {
            final int kept = (int) Math.min(read, Math.max(0, limit - count));
            captured.write(buffer, offset, kept);
            count += read;
        }
        return read;
    }

    /** Reads what the handler left unread, so that the log has the full length and the connection can be reused. */
    void drain() throws IOException {
        transferTo(OutputStream.nullOutputStream());
    }

    long count() {
        return count;
    }

    byte[] captured() {
        return captured.toByteArray();
    }
}
