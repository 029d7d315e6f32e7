/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict SubRip parser for tests: cues numbered 1, 2, 3...; the timing line exactly
 * {@code HH:MM:SS,mmm --> HH:MM:SS,mmm} (two or more digits of hours, minutes and seconds below 60); start not after
 * end; starts in order; one or more non-blank text lines; every cue followed by one blank line; line feeds only.
 */
public final class SrtParser {

    public record Cue(long start, long end, List<String> lines) {
    }

    private static final Pattern TIMING = Pattern.compile(
            "(\\d{2,}):([0-5]\\d):([0-5]\\d),(\\d{3}) --> (\\d{2,}):([0-5]\\d):([0-5]\\d),(\\d{3})");

    private SrtParser() {
    }

    public static List<Cue> parse(final String content) {
        if (content.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("carriage return in SRT");
        }
        final List<Cue> cues = new ArrayList<>();
        final String[] lines = content.split("\n", -1);
        int line = 0;
        long previousStart = 0;
        while (line < lines.length - 1) {
            final int number = cues.size() + 1;
            if (!lines[line].equals(String.valueOf(number))) {
                throw new IllegalArgumentException("line " + (line + 1) + ": expected cue number " + number + ", found '" + lines[line] + "'");
            }
            line++;
            final Matcher timing = TIMING.matcher(lines[line]);
            if (!timing.matches()) {
                throw new IllegalArgumentException("line " + (line + 1) + ": bad timing line '" + lines[line] + "'");
            }
            final long start = millis(timing, 1);
            final long end = millis(timing, 5);
            if (start > end) {
                throw new IllegalArgumentException("line " + (line + 1) + ": cue ends before it starts");
            }
            if (start < previousStart) {
                throw new IllegalArgumentException("line " + (line + 1) + ": cue starts before the cue before it");
            }
            previousStart = start;
            line++;
            final List<String> text = new ArrayList<>();
            while (line < lines.length && !lines[line].isEmpty()) {
                if (lines[line].isBlank()) {
                    throw new IllegalArgumentException("line " + (line + 1) + ": blank text line");
                }
                text.add(lines[line++]);
            }
            if (text.isEmpty()) {
                throw new IllegalArgumentException("cue " + number + " has no text");
            }
            if (line >= lines.length - 1) {
                throw new IllegalArgumentException("cue " + number + " is not followed by a blank line");
            }
            line++;
            cues.add(new Cue(start, end, List.copyOf(text)));
        }
        if (!lines[lines.length - 1].isEmpty()) {
            throw new IllegalArgumentException("the file does not end with a line feed after its last cue");
        }
        return cues;
    }

    public static long millis(final Matcher timing, final int group) {
        return Long.parseLong(timing.group(group)) * 3_600_000
                + Long.parseLong(timing.group(group + 1)) * 60_000
                + Long.parseLong(timing.group(group + 2)) * 1_000
                + Long.parseLong(timing.group(group + 3));
    }
}
