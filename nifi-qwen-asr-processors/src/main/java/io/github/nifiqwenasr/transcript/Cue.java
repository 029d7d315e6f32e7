/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

/** One subtitle: a time span and one or two lines of text separated by {@code '\n'}. Reused to avoid garbage per cue. */
final class Cue {

    private final StringBuilder text = new StringBuilder();
    private long start;
    private long end;

    void reset(final long start, final long end) {
        this.start = start;
        this.end = end;
        text.setLength(0);
    }

    long start() {
        return start;
    }

    long end() {
        return end;
    }

    StringBuilder text() {
        return text;
    }
}
