/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.transcripts;

import java.io.OutputStream;

/** Discards what is written, counting it, and calls a probe each time another {@code interval} bytes have gone by. */
final class ProbingOutputStream extends OutputStream {

    private final long interval;
    private final Runnable probe;
    private long written;

    ProbingOutputStream(final long interval, final Runnable probe) {
        this.interval = interval;
        this.probe = probe;
    }

    @Override
    public void write(final int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(final byte[] bytes, final int offset, final int length) {
        if ((written + length) / interval > written / interval) {
            probe.run();
        }
        written += length;
    }

    long written() {
        return written;
    }
}
