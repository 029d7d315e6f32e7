/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Lets body writers use try-with-resources without closing the connection. */
final class NonClosingOutputStream extends FilterOutputStream {
    NonClosingOutputStream(final OutputStream out) {
        super(out);
    }

    @Override
    public void write(final byte[] bytes, final int offset, final int length) throws IOException {
        out.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
