/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import io.github.nifiqwenasr.api.StreamSource;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

import java.io.IOException;
import java.io.InputStream;

/** Raw bytes streamed from a {@link StreamSource} with a known length: the file part of an upload. */
final class StreamingContentBody extends RequestBody {

    private final StreamSource source;
    private final long length;
    private final MediaType mediaType;

    StreamingContentBody(final StreamSource source, final long length, final String mimeType) {
        this.source = source;
        this.length = length;
        this.mediaType = MediaType.parse(mimeType);
    }

    @Override
    public MediaType contentType() {
        return mediaType;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void writeTo(final BufferedSink sink) throws IOException {
        try (InputStream in = source.open()) {
            final long copied = in.transferTo(sink.outputStream());
            if (copied != length) {
                throw new IOException("The content changed while it was being sent: expected " + length + " bytes, read " + copied);
            }
        }
    }
}
