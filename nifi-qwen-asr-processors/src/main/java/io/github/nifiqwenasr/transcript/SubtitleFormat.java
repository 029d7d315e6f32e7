/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

/**
 * The subtitle file formats, and how each writes a cue. Times are written with at least two digits of hours and more
 * when needed (100 hours and beyond), so no time is ever cut.
 */
public enum SubtitleFormat {

    /** SubRip: numbered cues from 1, times {@code HH:MM:SS,mmm}, a label {@code [Channel 1] } before the text. */
    SRT("application/x-subrip", ','),

    /** WebVTT: the {@code WEBVTT} header, times {@code HH:MM:SS.mmm}, a voice span {@code <v Channel 1>text</v>}. */
    VTT("text/vtt", '.');

    private static final long MILLIS_PER_SECOND = 1_000;
    private static final long MILLIS_PER_MINUTE = 60 * MILLIS_PER_SECOND;
    private static final long MILLIS_PER_HOUR = 60 * MILLIS_PER_MINUTE;
    private static final String ARROW = " --> ";

    private final String mimeType;
    private final char fractionSeparator;

    SubtitleFormat(final String mimeType, final char fractionSeparator) {
        this.mimeType = mimeType;
        this.fractionSeparator = fractionSeparator;
    }

    /** The value for the {@code mime.type} attribute of a file in this format. */
    public String getMimeType() {
        return mimeType;
    }

    String header() {
        return this == VTT ? "WEBVTT\n\n" : "";
    }

    /** The columns a label takes on the first line of the text people see. */
    int labelColumns(final String label) {
        return this == SRT && label != null ? Spacing.columns(label) + 3 : 0;
    }

    /**
     * Appends one cue, followed by a blank line.
     *
     * @param number the cue's number in the file, from 1
     * @param label the channel's label, or null when the file has one channel
     */
    void appendCue(final StringBuilder target, final int number, final Cue cue, final String label) {
        if (this == SRT) {
            target.append(number).append('\n');
        }
        appendTime(target, cue.start());
        target.append(ARROW);
        appendTime(target, cue.end());
        target.append('\n');
        if (this == SRT) {
            if (label != null) {
                target.append('[').append(label).append("] ");
            }
            target.append(cue.text());
        } else if (label != null) {
            target.append("<v ").append(label).append('>');
            appendEscaped(target, cue.text());
            target.append("</v>");
        } else {
            appendEscaped(target, cue.text());
        }
        target.append("\n\n");
    }

    void appendTime(final StringBuilder target, final long millis) {
        appendPadded(target, millis / MILLIS_PER_HOUR, 2);
        target.append(':');
        appendPadded(target, millis % MILLIS_PER_HOUR / MILLIS_PER_MINUTE, 2);
        target.append(':');
        appendPadded(target, millis % MILLIS_PER_MINUTE / MILLIS_PER_SECOND, 2);
        target.append(fractionSeparator);
        appendPadded(target, millis % MILLIS_PER_SECOND, 3);
    }

    /** Appends the value with leading zeros up to the given number of digits; larger values keep all their digits. */
    private static void appendPadded(final StringBuilder target, final long value, final int digits) {
        long bound = 10;
        for (int digit = 1; digit < digits; digit++) {
            if (value < bound) {
                target.append('0');
            }
            bound *= 10;
        }
        target.append(value);
    }

    /** Cue text in WebVTT is markup: {@code &}, {@code <} and {@code >} must be written as character references. */
    private static void appendEscaped(final StringBuilder target, final CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            switch (c) {
                case '&' -> target.append("&amp;");
                case '<' -> target.append("&lt;");
                case '>' -> target.append("&gt;");
                default -> target.append(c);
            }
        }
    }
}
