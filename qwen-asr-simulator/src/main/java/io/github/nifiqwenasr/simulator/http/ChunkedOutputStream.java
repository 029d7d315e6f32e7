/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes each flushed piece as one chunk; close() writes the last chunk but keeps the connection open. */
final class ChunkedOutputStream extends OutputStream {
    private static final byte[] CRLF = {'\r', '\n'};
    private final OutputStream out;
    private final byte[] buffer = new byte[8192];
    private int count;
    private boolean closed;

    ChunkedOutputStream(final OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(final int b) throws IOException {
        if (count == buffer.length) {
            writeChunk();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(final byte[] bytes, final int offset, final int length) throws IOException {
        int position = offset;
        int remaining = length;
        while (remaining > 0) {
            if (count == buffer.length) {
                writeChunk();
            }
            final int copied = Math.min(remaining, buffer.length - count);
            System.arraycopy(bytes, position, buffer, count, copied);
            count += copied;
            position += copied;
            remaining -= copied;
        }
    }

    @Override
    public void flush() throws IOException {
        writeChunk();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            writeChunk();
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    private void writeChunk() throws IOException {
        if (count > 0) {
            out.write(Integer.toHexString(count).getBytes(StandardCharsets.US_ASCII));
            out.write(CRLF);
            out.write(buffer, 0, count);
            out.write(CRLF);
            count = 0;
        }
    }
}
