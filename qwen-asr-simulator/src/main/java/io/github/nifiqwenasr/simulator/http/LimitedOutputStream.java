/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator.http;

import java.io.IOException;
import java.io.OutputStream;

/** Passes through the first {@code limit} bytes, then stops the writer with {@link LimitReachedException}. */
final class LimitedOutputStream extends OutputStream {
    private final OutputStream out;
    private long remaining;

    LimitedOutputStream(final OutputStream out, final long limit) {
        this.out = out;
        this.remaining = limit;
    }

    @Override
    public void write(final int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(final byte[] bytes, final int offset, final int length) throws IOException {
        final int allowed = (int) Math.min(length, remaining);
        out.write(bytes, offset, allowed);
        remaining -= allowed;
        if (allowed < length) {
            throw new LimitReachedException();
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() {
        // the connection is closed by the exchange
    }

    /** Thrown to stop a body writer once the limit is reached. */
    static final class LimitReachedException extends IOException {
        LimitReachedException() {
            super("Body limit reached", null);
        }
    }
}
