/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import io.github.nifiqwenasr.simulator.audio.AudioDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * What the simulated flash model "hears": the transcript of the audio, its language (the requested one, else zh when
 * the text has Han characters, else en), emotion neutral, and billed seconds.
 */
record Recognition(String text, String language, String emotion, long seconds) {
    static final String EMOTION = "neutral";

    static Recognition of(final AudioDigest digest, final String requestedLanguage) {
        final String text = digest.transcript();
        return new Recognition(text, requestedLanguage != null ? requestedLanguage : detectLanguage(text), EMOTION,
                digest.billedSeconds());
    }

    static String detectLanguage(final String text) {
        return hasHan(text) ? "zh" : "en";
    }

    /** [I] Output tokens: one per two characters (rounded up), at least one; the doc gives no formula. */
    static int tokens(final String text) {
        return Math.max(1, (text.codePointCount(0, text.length()) + 1) / 2);
    }

    /**
     * The pieces streaming events carry: two characters at a time for text with Han characters (as in the section 3.3
     * example), otherwise one word with its following whitespace at a time. Concatenated they give the text.
     */
    List<String> pieces() {
        final List<String> pieces = new ArrayList<>();
        if (hasHan(text)) {
            int start = 0;
            while (start < text.length()) {
                final int end = text.offsetByCodePoints(start, Math.min(2, text.codePointCount(start, text.length())));
                pieces.add(text.substring(start, end));
                start = end;
            }
        } else {
            int start = 0;
            for (int i = 1; i <= text.length(); i++) {
                if (i == text.length() || Character.isWhitespace(text.charAt(i - 1)) && !Character.isWhitespace(text.charAt(i))) {
                    pieces.add(text.substring(start, i));
                    start = i;
                }
            }
        }
        if (pieces.isEmpty()) {
            pieces.add("");
        }
        return pieces;
    }

    private static boolean hasHan(final String text) {
        return text.codePoints().anyMatch(codePoint -> Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN);
    }
}
