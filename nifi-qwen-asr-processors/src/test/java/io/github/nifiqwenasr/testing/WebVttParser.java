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
 * A strict WebVTT parser for tests: the {@code WEBVTT} header line and a blank line; cues of a timing line exactly
 * {@code HH:MM:SS.mmm --> HH:MM:SS.mmm}, start not after end, starts in order; one or more non-blank text lines without
 * {@code -->}; every cue followed by one blank line; line feeds only. Cue text may contain only the voice span
 * {@code <v name>...</v>} as markup and {@code &amp; &lt; &gt;} as character references, which the parser decodes.
 */
public final class WebVttParser {

    public record Cue(long start, long end, String voice, List<String> lines) {
    }

    private static final Pattern TIMING = Pattern.compile(
            "(\\d{2,}):([0-5]\\d):([0-5]\\d)\\.(\\d{3}) --> (\\d{2,}):([0-5]\\d):([0-5]\\d)\\.(\\d{3})");
    private static final Pattern VOICE = Pattern.compile("<v ([^<>&\\n]+)>(.*)</v>", Pattern.DOTALL);

    private WebVttParser() {
    }

    public static List<Cue> parse(final String content) {
        if (content.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("carriage return in WebVTT");
        }
        if (!content.startsWith("WEBVTT\n\n")) {
            throw new IllegalArgumentException("missing the WEBVTT header line followed by a blank line");
        }
        final List<Cue> cues = new ArrayList<>();
        final String[] lines = content.split("\n", -1);
        int line = 2;
        long previousStart = 0;
        while (line < lines.length - 1) {
            final Matcher timing = TIMING.matcher(lines[line]);
            if (!timing.matches()) {
                throw new IllegalArgumentException("line " + (line + 1) + ": bad timing line '" + lines[line] + "'");
            }
            final long start = SrtParser.millis(timing, 1);
            final long end = SrtParser.millis(timing, 5);
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
                if (lines[line].isBlank() || lines[line].contains("-->")) {
                    throw new IllegalArgumentException("line " + (line + 1) + ": invalid cue text line '" + lines[line] + "'");
                }
                text.add(lines[line++]);
            }
            if (text.isEmpty()) {
                throw new IllegalArgumentException("cue at line " + line + " has no text");
            }
            if (line >= lines.length - 1) {
                throw new IllegalArgumentException("cue at line " + line + " is not followed by a blank line");
            }
            line++;
            cues.add(cue(start, end, String.join("\n", text)));
        }
        if (!lines[lines.length - 1].isEmpty()) {
            throw new IllegalArgumentException("the file does not end with a line feed after its last cue");
        }
        return cues;
    }

    private static Cue cue(final long start, final long end, final String markup) {
        final Matcher voice = VOICE.matcher(markup);
        final boolean hasVoice = voice.matches();
        final String text = hasVoice ? voice.group(2) : markup;
        return new Cue(start, end, hasVoice ? voice.group(1) : null, List.of(unescape(text).split("\n")));
    }

    private static String unescape(final String text) {
        final StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            final char c = text.charAt(i);
            if (c == '<' || c == '>') {
                throw new IllegalArgumentException("unexpected markup in cue text '" + text + "'");
            }
            if (c == '&') {
                final int semicolon = text.indexOf(';', i);
                final String reference = semicolon < 0 ? "" : text.substring(i, semicolon + 1);
                plain.append(switch (reference) {
                    case "&amp;" -> '&';
                    case "&lt;" -> '<';
                    case "&gt;" -> '>';
                    default -> throw new IllegalArgumentException("bad character reference in cue text '" + text + "'");
                });
                i = semicolon + 1;
            } else {
                plain.append(c);
                i++;
            }
        }
        return plain.toString();
    }
}
