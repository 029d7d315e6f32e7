/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

/**
 * How pieces of text (words, sentences) are joined and how wide they are on screen.
 * <p>
 * Joining: a space goes between two pieces unless the character on either side of the join is whitespace, or belongs
 * to a script written without spaces between words (Han, Hiragana, Katakana, Bopomofo, CJK symbols and punctuation,
 * fullwidth forms, Thai, Lao, Khmer, Myanmar), or the right piece starts with closing punctuation
 * ({@code , . ! ? ; : % …}, closing brackets and quotes), or the left piece ends with opening punctuation (opening
 * brackets and quotes). So Chinese and Japanese characters join directly, Latin words get one space, and punctuation
 * stays attached to its word. Korean is written with spaces between words, so Hangul joins like Latin.
 * <p>
 * Width: East Asian wide and fullwidth characters (Han, Kana, Hangul, fullwidth forms, most emoji) take two columns,
 * combining marks and format characters none, everything else one.
 */
final class Spacing {

    static final int NONE = -1;

    private Spacing() {
    }

    /** Whether a space goes between a piece ending with {@code left} and one starting with {@code right} ({@link #NONE} for nothing). */
    static boolean spaceBetween(final int left, final int right) {
        if (left == NONE || right == NONE || Character.isWhitespace(left) || Character.isWhitespace(right)) {
            return false;
        }
        if (writtenWithoutSpaces(left) || writtenWithoutSpaces(right)) {
            return false;
        }
        return !isClosingPunctuation(right) && !isOpeningPunctuation(left);
    }

    /** Whether the character is punctuation, such as the end of a phrase or clause: where a cue may break. */
    static boolean isPunctuation(final int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.OTHER_PUNCTUATION, Character.END_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.DASH_PUNCTUATION -> true;
            default -> false;
        };
    }

    static int firstCodePoint(final CharSequence text) {
        return text.isEmpty() ? NONE : Character.codePointAt(text, 0);
    }

    static int lastCodePoint(final CharSequence text) {
        return text.isEmpty() ? NONE : Character.codePointBefore(text, text.length());
    }

    /** The number of columns the text takes on screen. */
    static int columns(final CharSequence text) {
        int columns = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c < 0x300) {
                columns++;
            } else {
                final int codePoint = Character.codePointAt(text, i);
                columns += columns(codePoint);
                i += Character.charCount(codePoint) - 1;
            }
        }
        return columns;
    }

    private static int columns(final int codePoint) {
        if (isWide(codePoint)) {
            return 2;
        }
        return switch (Character.getType(codePoint)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.FORMAT -> 0;
            default -> 1;
        };
    }

    private static boolean isWide(final int codePoint) {
        return codePoint >= 0x1100 && codePoint <= 0x115F
                || codePoint >= 0x2E80 && codePoint <= 0x303E
                || codePoint >= 0x3041 && codePoint <= 0x33FF
                || codePoint >= 0x3400 && codePoint <= 0x4DBF
                || codePoint >= 0x4E00 && codePoint <= 0x9FFF
                || codePoint >= 0xA000 && codePoint <= 0xA4CF
                || codePoint >= 0xAC00 && codePoint <= 0xD7A3
                || codePoint >= 0xF900 && codePoint <= 0xFAFF
                || codePoint >= 0xFE30 && codePoint <= 0xFE4F
                || codePoint >= 0xFF00 && codePoint <= 0xFF60
                || codePoint >= 0xFFE0 && codePoint <= 0xFFE6
                || codePoint >= 0x1F300 && codePoint <= 0x1F64F
                || codePoint >= 0x1F900 && codePoint <= 0x1F9FF
                || codePoint >= 0x20000 && codePoint <= 0x3FFFD;
    }

    private static boolean writtenWithoutSpaces(final int codePoint) {
        if (codePoint < 0x0E00) {
            return false;
        }
        if (codePoint >= 0x3000 && codePoint <= 0x30FF || codePoint >= 0x4E00 && codePoint <= 0x9FFF
                || codePoint >= 0xFF00 && codePoint <= 0xFFEF) {
            return true;
        }
        return switch (Character.UnicodeScript.of(codePoint)) {
            case HAN, HIRAGANA, KATAKANA, BOPOMOFO, THAI, LAO, KHMER, MYANMAR -> true;
            default -> false;
        };
    }

    private static boolean isClosingPunctuation(final int codePoint) {
        return switch (codePoint) {
            case ',', '.', '!', '?', ';', ':', '%', '\u2026' -> true;
            default -> {
                final int type = Character.getType(codePoint);
                yield type == Character.END_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION;
            }
        };
    }

    private static boolean isOpeningPunctuation(final int codePoint) {
        final int type = Character.getType(codePoint);
        return type == Character.START_PUNCTUATION || type == Character.INITIAL_QUOTE_PUNCTUATION;
    }
}
