/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.nifiqwenasr.api.StreamSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The first pass over a document: checks that it is complete, well-formed JSON with a {@code transcripts} array and
 * learns its {@link TranscriptLayout}. Sentences are skipped, not decoded; only the first sentence's language is read.
 */
final class TranscriptScanner {

    private final TranscriptCursor cursor;
    private final JsonParser parser;
    private final List<ChannelInfo> channels = new ArrayList<>();
    private boolean wordTimestamps;
    private boolean sentenceSeen;
    private String language;

    private TranscriptScanner(final TranscriptCursor cursor) {
        this.cursor = cursor;
        this.parser = cursor.parser();
    }

    static TranscriptLayout scan(final StreamSource source) throws IOException, TranscriptFormatException {
        try (TranscriptCursor cursor = TranscriptCursor.openChecking(source)) {
            return new TranscriptScanner(cursor).scan();
        }
    }

    private TranscriptLayout scan() throws IOException, TranscriptFormatException {
        while (cursor.nextChannel()) {
            channels.add(scanChannel(channels.size(), cursor.tokenOffset()));
        }
        cursor.finishDocument();
        return new TranscriptLayout(List.copyOf(channels), wordTimestamps, language);
    }

    private ChannelInfo scanChannel(final int index, final long offset) throws IOException, TranscriptFormatException {
        Integer channelId = null;
        boolean hasText = false;
        String field;
        while ((field = cursor.nextChannelField()) != null) {
            switch (field) {
                case TranscriptFields.CHANNEL_ID -> {
                    channelId = JsonValues.readId(parser, TranscriptJson.NO_CHANNEL);
                    cursor.setChannelId(channelId);
                }
                case TranscriptFields.TEXT -> hasText = JsonValues.isString(parser, cursor.channelId());
                case TranscriptFields.SENTENCES -> scanSentences();
                default -> parser.skipChildren();
            }
        }
        if (channelId == null) {
            throw TranscriptJson.invalid(parser, "channel_id is missing");
        }
        return new ChannelInfo(index, channelId, hasText, offset);
    }

    private void scanSentences() throws IOException, TranscriptFormatException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        cursor.requireSentencesArray();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                throw cursor.invalid("expected a sentence object, found " + JsonValues.found(parser));
            }
            scanSentence();
            sentenceSeen = true;
        }
    }

    private void scanSentence() throws IOException, TranscriptFormatException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            final String field = parser.currentName();
            final JsonToken value = parser.nextToken();
            if (TranscriptFields.WORDS.equals(field) && value == JsonToken.START_ARRAY) {
                wordTimestamps = true;
            } else if (TranscriptFields.LANGUAGE.equals(field) && !sentenceSeen) {
                language = JsonValues.readOptionalString(parser, cursor.channelId());
            }
            parser.skipChildren();
        }
    }
}
