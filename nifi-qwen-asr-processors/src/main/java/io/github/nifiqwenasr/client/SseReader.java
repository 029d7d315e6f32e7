/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads server-sent events from a response body as they arrive (WHATWG HTML 9.2.6, "Interpreting an event stream"):
 * lines end with LF, CR or CRLF; a field's value may follow its colon with one optional space (DashScope writes
 * {@code data:{...}}, OpenAI-style servers {@code data: {...}}); a blank line dispatches the event; an event left
 * unfinished when the stream ends is dropped. Only the current event is held in memory.
 */
final class SseReader {

    private static final String DEFAULT_EVENT = "message";

    private final BufferedReader lines;

    SseReader(final InputStream in) {
        this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** The next complete event, or null at the end of the stream. */
    SseEvent next() throws IOException {
        String name = DEFAULT_EVENT;
        final StringBuilder data = new StringBuilder();
        boolean hasData = false;
        final List<String> comments = new ArrayList<>();
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                if (hasData || !comments.isEmpty() || !DEFAULT_EVENT.equals(name)) {
                    return new SseEvent(name, data.toString(), List.copyOf(comments));
                }
                continue;
            }
            if (line.startsWith(":")) {
                comments.add(line.substring(1));
                continue;
            }
            final int colon = line.indexOf(':');
            final String field = colon < 0 ? line : line.substring(0, colon);
            final String value = colon < 0 ? "" : stripOneSpace(line.substring(colon + 1));
            if (field.equals("event")) {
                name = value;
            } else if (field.equals("data")) {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
        }
        return null;
    }

    private static String stripOneSpace(final String value) {
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
