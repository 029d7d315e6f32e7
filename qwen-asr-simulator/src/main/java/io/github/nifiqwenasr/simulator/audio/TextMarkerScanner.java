/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator.audio;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Finds the first {@code QWENSIM-TEXT:} marker in a byte stream fed in pieces and keeps the text after it, up to the
 * first NUL, CR or LF, the end of the stream, or {@link #MAX_TEXT_BYTES}. The marker has no repeated prefix, so a
 * mismatch can restart matching at the current byte.
 */
final class TextMarkerScanner {
    static final int MAX_TEXT_BYTES = 64 * 1024;
    private static final byte[] MARKER = "QWENSIM-TEXT:".getBytes(StandardCharsets.US_ASCII);

    private int matched;
    private ByteArrayOutputStream text;
    private boolean done;

    void update(final byte[] bytes, final int offset, final int length) {
        for (int i = offset; i < offset + length && !done; i++) {
            final byte b = bytes[i];
            if (text != null) {
                if (b == 0 || b == '\r' || b == '\n' || text.size() >= MAX_TEXT_BYTES) {
                    done = true;
                } else {
                    text.write(b);
                }
            } else if (b == MARKER[matched]) {
                matched++;
                if (matched == MARKER.length) {
                    text = new ByteArrayOutputStream();
                }
            } else {
                matched = b == MARKER[0] ? 1 : 0;
            }
        }
    }

    /** The embedded text, or null when the stream carried no marker. */
    String text() {
        return text == null ? null : text.toString(StandardCharsets.UTF_8);
    }
}
