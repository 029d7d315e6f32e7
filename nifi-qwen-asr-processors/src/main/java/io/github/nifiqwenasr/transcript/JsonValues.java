/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Reads the typed values of a transcript at the parser's current token, strictly: a value of the wrong type, a
 * negative or oversized time, or text that is not valid Unicode is an error naming the place, never a guess.
 */
final class JsonValues {

    private static final int MAX_QUOTED_LENGTH = 40;

    private JsonValues() {
    }

    /** A time in milliseconds: a whole, non-negative number. */
    static long readMillis(final JsonParser parser, final int channelId) throws IOException, TranscriptFormatException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw TranscriptJson.invalid(parser, channelId, "expected a whole number of milliseconds, found " + found(parser));
        }
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw TranscriptJson.invalid(parser, channelId, "the time " + parser.getText() + " ms is too large");
        }
        final long millis = parser.getLongValue();
        if (millis < 0) {
            throw TranscriptJson.invalid(parser, channelId, "a time cannot be negative, found " + millis);
        }
        return millis;
    }

    /** An identifier such as {@code channel_id} or {@code sentence_id}: a whole, non-negative number that fits an int. */
    static int readId(final JsonParser parser, final int channelId) throws IOException, TranscriptFormatException {
        final boolean valid = parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                && parser.getNumberType() == JsonParser.NumberType.INT
                && parser.getIntValue() >= 0;
        if (!valid) {
            throw TranscriptJson.invalid(parser, channelId, "expected a whole number from 0 to " + Integer.MAX_VALUE + ", found " + found(parser));
        }
        return parser.getIntValue();
    }

    /** A string, or null when the value is JSON null. */
    static String readOptionalString(final JsonParser parser, final int channelId) throws IOException, TranscriptFormatException {
        final JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw TranscriptJson.invalid(parser, channelId, "expected a string, found " + found(parser));
        }
        final String text = parser.getText();
        requireWellFormed(text, 0, parser, channelId);
        return text;
    }

    /** Whether the value is a string rather than JSON null, without decoding it. */
    static boolean isString(final JsonParser parser, final int channelId) throws IOException, TranscriptFormatException {
        final JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NULL) {
            throw TranscriptJson.invalid(parser, channelId, "expected a string, found " + found(parser));
        }
        return token == JsonToken.VALUE_STRING;
    }

    /**
     * Appends a string value to the target without creating a String; returns false, appending nothing, when the
     * value is JSON null.
     */
    static boolean appendOptionalString(final JsonParser parser, final StringBuilder target, final int channelId)
            throws IOException, TranscriptFormatException {
        final JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw TranscriptJson.invalid(parser, channelId, "expected a string, found " + found(parser));
        }
        final int start = target.length();
        target.append(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        requireWellFormed(target, start, parser, channelId);
        return true;
    }

    /** Describes the current value for a message: its type, and the value itself when it is short. */
    static String found(final JsonParser parser) throws IOException {
        final JsonToken token = parser.currentToken();
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "the string \"" + shortened(parser.getText()) + "\"";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + shortened(parser.getText());
            default -> shortened(parser.getText());
        };
    }

    private static String shortened(final String text) {
        return text.length() <= MAX_QUOTED_LENGTH ? text : text.substring(0, MAX_QUOTED_LENGTH) + "...";
    }

    /**
     * JSON escapes can spell a lone UTF-16 surrogate (<code>"&#92;ud800"</code>), which is not a character: no UTF-8 output
     * could carry it without substitution.
     */
    private static void requireWellFormed(final CharSequence text, final int start, final JsonParser parser, final int channelId)
            throws TranscriptFormatException {
        final int length = text.length();
        for (int i = start; i < length; i++) {
            final char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    throw TranscriptJson.invalid(parser, channelId,
                            String.format("the text contains \\u%04X, half of a surrogate pair, which is not a character", (int) c));
                }
            }
        }
    }
}
