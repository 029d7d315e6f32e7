/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/** Reads one sentence object, with its words, into a reusable {@link Sentence}, checking what the outputs rely on. */
final class SentenceReader {

    private SentenceReader() {
    }

    /** Reads the sentence whose START_OBJECT is the parser's current token, up to and including its END_OBJECT. */
    static void read(final JsonParser parser, final Sentence sentence) throws IOException, TranscriptFormatException {
        final int channelId = sentence.channelId();
        boolean hasText = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            final String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case TranscriptFields.SENTENCE_ID -> sentence.setSentenceId(JsonValues.readId(parser, channelId));
                case TranscriptFields.BEGIN_TIME -> sentence.setBegin(JsonValues.readMillis(parser, channelId));
                case TranscriptFields.END_TIME -> sentence.setEnd(JsonValues.readMillis(parser, channelId));
                case TranscriptFields.LANGUAGE -> sentence.setLanguage(JsonValues.readOptionalString(parser, channelId));
                case TranscriptFields.EMOTION -> sentence.setEmotion(JsonValues.readOptionalString(parser, channelId));
                case TranscriptFields.TEXT -> hasText = JsonValues.appendOptionalString(parser, sentence.text(), channelId);
                case TranscriptFields.WORDS -> readWords(parser, sentence);
                default -> parser.skipChildren();
            }
        }
        requireTimes(parser, channelId, sentence.begin(), sentence.end());
        if (!hasText) {
            joinWords(sentence);
        }
    }

    private static void readWords(final JsonParser parser, final Sentence sentence) throws IOException, TranscriptFormatException {
        final JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token != JsonToken.START_ARRAY) {
            throw TranscriptJson.invalid(parser, sentence.channelId(), "expected an array of words, found " + JsonValues.found(parser));
        }
        sentence.markHasWords();
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (element != JsonToken.START_OBJECT) {
                throw TranscriptJson.invalid(parser, sentence.channelId(), "expected a word object, found " + JsonValues.found(parser));
            }
            readWord(parser, sentence.addWord(), sentence.channelId());
        }
    }

    private static void readWord(final JsonParser parser, final Word word, final int channelId) throws IOException, TranscriptFormatException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            final String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case TranscriptFields.BEGIN_TIME -> word.setBegin(JsonValues.readMillis(parser, channelId));
                case TranscriptFields.END_TIME -> word.setEnd(JsonValues.readMillis(parser, channelId));
                case TranscriptFields.TEXT -> JsonValues.appendOptionalString(parser, word.text(), channelId);
                case TranscriptFields.PUNCTUATION -> JsonValues.appendOptionalString(parser, word.punctuation(), channelId);
                default -> parser.skipChildren();
            }
        }
        requireTimes(parser, channelId, word.begin(), word.end());
    }

    /** Called on the END_OBJECT of a sentence or word, where the parser's path points at that sentence or word. */
    private static void requireTimes(final JsonParser parser, final int channelId, final long begin, final long end)
            throws TranscriptFormatException {
        if (begin == Sentence.ABSENT) {
            throw TranscriptJson.invalid(parser, channelId, "begin_time is missing");
        }
        if (end == Sentence.ABSENT) {
            throw TranscriptJson.invalid(parser, channelId, "end_time is missing");
        }
        if (end < begin) {
            throw TranscriptJson.invalid(parser, channelId, "end_time " + end + " is before begin_time " + begin);
        }
    }

    private static void joinWords(final Sentence sentence) {
        final StringBuilder text = sentence.text();
        for (int i = 0; i < sentence.wordCount(); i++) {
            final Word word = sentence.word(i);
            if (Spacing.spaceBetween(Spacing.lastCodePoint(text), word.firstCodePoint())) {
                text.append(' ');
            }
            text.append(word.text()).append(word.punctuation());
        }
    }
}
