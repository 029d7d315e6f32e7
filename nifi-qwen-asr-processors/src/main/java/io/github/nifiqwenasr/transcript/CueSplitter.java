/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import java.util.Arrays;

/**
 * Turns one sentence into readable subtitle cues.
 * <ul>
 * <li>A sentence without words (no {@code words}, or an empty one) is one cue with the sentence's text and times,
 * however long it is. Line breaks in the text become spaces.</li>
 * <li>A sentence with words is cut into cues of whole words, filled in order: a cue takes the next word while its text
 * still fits on two lines of at most {@value #MAX_LINE_COLUMNS} columns, lines breaking between words (a channel label
 * counts on the first line), and while it spans at most {@value #MAX_CUE_MILLIS} ms from its first word's
 * {@code begin_time} to its last word's {@code end_time}. A cue takes at least one word, so a word too wide for a line
 * is a cue of its own.</li>
 * <li>When a cue is full, it ends after the last of its words that ends with punctuation if that word lies in the
 * second half of the cue's text, by width; otherwise it ends with the last word that fit.</li>
 * <li>The text of a cue is its words (each with its {@code punctuation} attached) joined by the {@link Spacing} rules.
 * When it is wider than one line, it breaks into two lines at the word boundary that makes the longer line shortest.</li>
 * <li>The first cue starts at the sentence's {@code begin_time} and the last ends at its {@code end_time}; the cues in
 * between start at their first word's {@code begin_time} and end at their last word's {@code end_time}. Every time is
 * kept within the sentence, and no cue starts before the one before it, whatever order the word times are in.</li>
 * <li>A cue whose text is blank is left out.</li>
 * </ul>
 */
final class CueSplitter {

    static final int MAX_LINE_COLUMNS = 42;
    static final long MAX_CUE_MILLIS = 7_000;

    private static final int NO_BREAK = -1;

    private final int labelColumns;
    private int[] widths = new int[64];
    private boolean[] spaceBefore = new boolean[64];
    private boolean[] punctuated = new boolean[64];

    /** @param labelColumns the width of the label written in front of every cue's first line, 0 for none */
    CueSplitter(final int labelColumns) {
        this.labelColumns = labelColumns;
    }

    /** Replaces the content of {@code cues} with the cues of the sentence. */
    void split(final Sentence sentence, final Cues cues) {
        cues.clear();
        final int count = sentence.wordCount();
        if (count == 0) {
            final Cue cue = cues.add(sentence.begin(), sentence.end());
            appendOneLine(cue.text(), sentence.text());
            dropIfBlank(cues, cue);
            return;
        }
        measure(sentence);
        long previousStart = sentence.begin();
        int first = 0;
        while (first < count) {
            final int end = cueEnd(sentence, first);
            final long start = first == 0 ? sentence.begin() : within(sentence.word(first).begin(), previousStart, sentence.end());
            final long stop = end == count ? sentence.end() : within(sentence.word(end - 1).end(), start, sentence.end());
            final Cue cue = cues.add(start, stop);
            appendWords(sentence, first, end, cue.text());
            dropIfBlank(cues, cue);
            previousStart = start;
            first = end;
        }
    }

    private void measure(final Sentence sentence) {
        final int count = sentence.wordCount();
        if (count > widths.length) {
            final int capacity = Math.max(count, widths.length * 2);
            widths = Arrays.copyOf(widths, capacity);
            spaceBefore = Arrays.copyOf(spaceBefore, capacity);
            punctuated = Arrays.copyOf(punctuated, capacity);
        }
        int previous = Spacing.NONE;
        for (int i = 0; i < count; i++) {
            final Word word = sentence.word(i);
            final int last = word.lastCodePoint();
            widths[i] = Spacing.columns(word.text()) + Spacing.columns(word.punctuation());
            spaceBefore[i] = Spacing.spaceBetween(previous, word.firstCodePoint());
            punctuated[i] = last != Spacing.NONE && Spacing.isPunctuation(last);
            if (last != Spacing.NONE) {
                previous = last;
            }
        }
    }

    /** The index after the last word of the cue that starts with word {@code first}. */
    private int cueEnd(final Sentence sentence, final int first) {
        final int count = sentence.wordCount();
        final long firstBegin = sentence.word(first).begin();
        boolean secondLine = false;
        int lineColumns = labelColumns + widths[first];
        int end = first + 1;
        while (end < count && sentence.word(end).end() - firstBegin <= MAX_CUE_MILLIS) {
            final int sameLine = lineColumns + gap(end) + widths[end];
            if (sameLine <= MAX_LINE_COLUMNS) {
                lineColumns = sameLine;
            } else if (!secondLine && lineColumns <= MAX_LINE_COLUMNS && widths[end] <= MAX_LINE_COLUMNS) {
                secondLine = true;
                lineColumns = widths[end];
            } else {
                break;
            }
            end++;
        }
        return end == count ? end : endAtPunctuation(first, end);
    }

    private int endAtPunctuation(final int first, final int end) {
        final int total = columns(first, end);
        int upToHere = total;
        for (int i = end - 1; i >= first; i--) {
            if (punctuated[i]) {
                return 2 * upToHere >= total ? i + 1 : end;
            }
            upToHere -= widths[i] + gap(i);
        }
        return end;
    }

    private void appendWords(final Sentence sentence, final int first, final int end, final StringBuilder text) {
        final int lineBreak = lineBreak(first, end);
        for (int i = first; i < end; i++) {
            if (i == lineBreak) {
                text.append('\n');
            } else if (i > first && spaceBefore[i]) {
                text.append(' ');
            }
            final Word word = sentence.word(i);
            appendOneLine(text, word.text());
            appendOneLine(text, word.punctuation());
        }
    }

    /** The first word of the second line, or {@link #NO_BREAK} when the words fit on one line. */
    private int lineBreak(final int first, final int end) {
        final int total = labelColumns + columns(first, end);
        if (total <= MAX_LINE_COLUMNS) {
            return NO_BREAK;
        }
        int best = NO_BREAK;
        int bestLongest = Integer.MAX_VALUE;
        int left = labelColumns + widths[first];
        for (int i = first + 1; i < end; i++) {
            final int longest = Math.max(left, total - left - gap(i));
            if (longest < bestLongest) {
                best = i;
                bestLongest = longest;
            }
            left += gap(i) + widths[i];
        }
        return best;
    }

    /** The width of the words from {@code first} to {@code end} (exclusive) on one line. */
    private int columns(final int first, final int end) {
        int columns = widths[first];
        for (int i = first + 1; i < end; i++) {
            columns += gap(i) + widths[i];
        }
        return columns;
    }

    private int gap(final int word) {
        return spaceBefore[word] ? 1 : 0;
    }

    private static long within(final long value, final long min, final long max) {
        return Math.min(Math.max(value, min), max);
    }

    private static void appendOneLine(final StringBuilder target, final CharSequence text) {
        final int start = target.length();
        target.append(text);
        for (int i = start; i < target.length(); i++) {
            if (isLineBreak(target.charAt(i))) {
                target.setCharAt(i, ' ');
            }
        }
    }

    private static boolean isLineBreak(final char c) {
        return c == '\n' || c == '\r' || c == '\u000B' || c == '\u000C' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private static void dropIfBlank(final Cues cues, final Cue cue) {
        final StringBuilder text = cue.text();
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return;
            }
        }
        cues.removeLast();
    }
}
