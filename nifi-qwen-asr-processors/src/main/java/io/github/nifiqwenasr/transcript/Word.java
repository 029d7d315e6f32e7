/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

/** One entry of a sentence's {@code words}; reused from sentence to sentence so that reading creates no garbage per word. */
final class Word {

    private final StringBuilder text = new StringBuilder();
    private final StringBuilder punctuation = new StringBuilder();
    private long begin;
    private long end;

    void reset() {
        text.setLength(0);
        punctuation.setLength(0);
        begin = Sentence.ABSENT;
        end = Sentence.ABSENT;
    }

    StringBuilder text() {
        return text;
    }

    StringBuilder punctuation() {
        return punctuation;
    }

    /** The first character of the word as written: its text, or its punctuation when it has no text. */
    int firstCodePoint() {
        return Spacing.firstCodePoint(text.isEmpty() ? punctuation : text);
    }

    /** The last character of the word as written, with its punctuation attached. */
    int lastCodePoint() {
        return Spacing.lastCodePoint(punctuation.isEmpty() ? text : punctuation);
    }

    long begin() {
        return begin;
    }

    void setBegin(final long begin) {
        this.begin = begin;
    }

    long end() {
        return end;
    }

    void setEnd(final long end) {
        this.end = end;
    }
}
