/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import jdk.net.ExtendedSocketOptions;

/**
 * Re-arms TCP_QUICKACK before each read where the platform has it (Linux). Clients that leave Nagle's algorithm on
 * (OkHttp does) hold back the last small segment of a request body until it is acknowledged; with the kernel's
 * delayed ACK that costs 40 ms per POST on loopback. Linux clears the flag after use, hence before every read.
 */
final class QuickAckInputStream extends FilterInputStream {
    private final Socket socket;

    private QuickAckInputStream(final InputStream in, final Socket socket) {
        super(in);
        this.socket = socket;
    }

    static InputStream wrap(final Socket socket) throws IOException {
        final InputStream in = socket.getInputStream();
        return socket.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK) ? new QuickAckInputStream(in, socket) : in;
    }

    @Override
    public int read(final byte[] buffer, final int offset, final int length) throws IOException {
        socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
        return in.read(buffer, offset, length);
    }
}
