/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import io.github.nifiqwenasr.simulator.http.HttpRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** GET answers of the storage port: transcript documents (section 5.3) and audio hosted by tests. */
final class StorageHandlers {
    private final TaskStore tasks;
    private final TranscriptUrls urls;
    private final AudioLibrary library;

    StorageHandlers(final TaskStore tasks, final TranscriptUrls urls, final AudioLibrary library) {
        this.tasks = tasks;
        this.urls = urls;
        this.library = library;
    }

    /** Streams the document twice: once to count its bytes (for Content-Length), once to the client. */
    void transcript(final Call call) throws ApiError, IOException {
        final HttpRequest request = call.request();
        final Instant now = Instant.now();
        urls.verify(request.path(), request.queryParameters(), now);
        final List<String> segments = request.pathSegments();
        final String file = segments.getLast();
        final Optional<Task> task = file.endsWith(".json") ? tasks.get(file.substring(0, file.length() - ".json".length()))
                : Optional.empty();
        if (task.isEmpty() || !"SUCCEEDED".equals(task.get().status(now))) {
            throw ApiError.verbatim(404, "NoSuchKey", "The specified key does not exist.");
        }
        final CountingOutputStream counter = new CountingOutputStream();
        TranscriptDocument.write(task.get(), counter);
        call.exchange().respondStreamed(200, "application/json", counter.count(), out -> TranscriptDocument.write(task.get(), out));
    }

    void audioFile(final Call call) throws ApiError, IOException {
        final List<String> segments = call.request().pathSegments();
        final String name = String.join("/", segments.subList(1, segments.size()));
        final byte[] audio = library.hostedBytes(name)
                .orElseThrow(() -> ApiError.verbatim(404, "NoSuchKey", "The specified key does not exist."));
        call.exchange().respond(200, "application/octet-stream", audio);
    }

    /** Counts bytes and discards them. */
    static final class CountingOutputStream extends OutputStream {
        private long count;

        @Override
        public void write(final int b) {
            count++;
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int length) {
            count += length;
        }

        long count() {
            return count;
        }
    }
}
