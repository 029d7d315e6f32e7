/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import okhttp3.Response;

import java.io.Closeable;
import java.io.InputStream;

/**
 * An open transcript download; close it when done.
 *
 * @param body the document, failing once it runs over the size limit
 * @param declaredLength the Content-Length the server declared, or -1
 */
public record TranscriptDownload(InputStream body, long declaredLength, Response response) implements Closeable {

    @Override
    public void close() {
        response.close();
    }
}
