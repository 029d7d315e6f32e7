/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.api;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * An open transcript download; close it when done.
 *
 * @param body the document, failing once it runs over the size limit
 * @param declaredLength the Content-Length the server declared, or -1
 * @param connection what to close when done: the HTTP exchange
 */
public record TranscriptDownload(InputStream body, long declaredLength, Closeable connection) implements Closeable {

    @Override
    public void close() {
        try {
            connection.close();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
