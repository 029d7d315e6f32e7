/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import io.github.nifiqwenasr.api.StreamSource;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * A forward-only position in one stream of a transcript document: channel by channel, field by field, sentence by
 * sentence. Everything not asked for is skipped without being decoded into strings or numbers. Several cursors over
 * the same {@link StreamSource} read different channels at the same time.
 */
final class TranscriptCursor implements Closeable {

    private final JsonParser parser;
    private JsonStreamContext transcripts;
    private JsonStreamContext channel;
    private boolean inChannel;
    private boolean transcriptsEnded;
    private int channelIndex = -1;
    private int channelId = TranscriptJson.NO_CHANNEL;
    private int sentencePosition;

    private TranscriptCursor(final JsonParser parser) {
        this.parser = parser;
    }

    /**
     * Opens a stream of the source, checking that its bytes are well-formed UTF-8, and moves to the start of
     * {@code transcripts}: for the first pass over a document.
     */
    static TranscriptCursor openChecking(final StreamSource source) throws IOException, TranscriptFormatException {
        return open(parser(source.open(), true));
    }

    /** Opens a stream of a source whose bytes the first pass has checked and moves to the start of {@code transcripts}. */
    static TranscriptCursor open(final StreamSource source) throws IOException, TranscriptFormatException {
        return open(parser(source.open(), false));
    }

    /**
     * A parser over {@code in}, which is closed if the parser cannot be created: creating it reads the first bytes,
     * and those may already be malformed UTF-8. A stream left open would keep its FlowFile from being removed.
     */
    private static JsonParser parser(final InputStream in, final boolean checking) throws IOException {
        try {
            return checking ? TranscriptJson.createCheckingParser(in) : TranscriptJson.createParser(in);
        } catch (final IOException | RuntimeException e) {
            try {
                in.close();
            } catch (final IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /**
     * Opens a stream of a checked source at the start of one channel, skipping the bytes before it instead of parsing
     * them. The cursor reads that channel only.
     */
    static TranscriptCursor openChannel(final StreamSource source, final ChannelInfo target) throws IOException {
        final InputStream in = source.open();
        try {
            in.skipNBytes(target.offset());
        } catch (final IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        final TranscriptCursor cursor = new TranscriptCursor(TranscriptJson.createParser(in));
        try {
            if (cursor.parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("No channel where the first reading found channel " + target.id() + ": the source changed");
            }
            cursor.transcripts = cursor.parser.getParsingContext().getParent();
            cursor.transcriptsEnded = true;
            cursor.channelIndex = target.index();
            cursor.startChannel();
            cursor.identifyChannel(target);
            return cursor;
        } catch (final IOException | RuntimeException e) {
            closeAfterFailure(cursor, e);
            throw e;
        }
    }

    private static TranscriptCursor open(final JsonParser parser) throws IOException, TranscriptFormatException {
        final TranscriptCursor cursor = new TranscriptCursor(parser);
        try {
            cursor.enterTranscripts();
            return cursor;
        } catch (final IOException | TranscriptFormatException | RuntimeException e) {
            closeAfterFailure(cursor, e);
            throw e;
        }
    }

    private static void closeAfterFailure(final TranscriptCursor cursor, final Exception failure) {
        try {
            cursor.close();
        } catch (final IOException closeFailure) {
            failure.addSuppressed(closeFailure);
        }
    }

    JsonParser parser() {
        return parser;
    }

    /** A problem at the parser's current position in the current channel. */
    TranscriptFormatException invalid(final String problem) {
        return TranscriptJson.invalid(parser, channelId, problem);
    }

    /** Moves to the start of the next channel, skipping what is left of the current one; false after the last. */
    boolean nextChannel() throws IOException, TranscriptFormatException {
        if (transcriptsEnded) {
            return false;
        }
        skipTo(transcripts);
        inChannel = false;
        channelId = TranscriptJson.NO_CHANNEL;
        if (parser.nextToken() == JsonToken.END_ARRAY) {
            transcriptsEnded = true;
            return false;
        }
        channelIndex++;
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw invalid("expected a channel object, found " + JsonValues.found(parser));
        }
        startChannel();
        return true;
    }

    /** Where the current token starts, in bytes from the start of the stream. */
    long tokenOffset() {
        return parser.currentTokenLocation().getByteOffset();
    }

    /**
     * Moves forward to the start of the channel that the first pass described. The channel's context remembers it, so
     * that messages give the channel's path also when the stream started at the channel.
     */
    void enterChannel(final ChannelInfo target) throws IOException, TranscriptFormatException {
        while (channelIndex < target.index()) {
            if (!nextChannel()) {
                throw new IllegalStateException("The transcript has fewer channels than its first reading found: the source changed");
            }
        }
        identifyChannel(target);
    }

    /** The current channel's id, or {@link TranscriptJson#NO_CHANNEL} while it is not known. */
    int channelId() {
        return channelId;
    }

    /** Records the channel's id once the caller has read it, so that messages name the channel. */
    void setChannelId(final int channelId) {
        this.channelId = channelId;
    }

    /** Moves to the value of the channel's next field and returns the field's name, or null after its last field. */
    String nextChannelField() throws IOException {
        if (!inChannel) {
            return null;
        }
        skipTo(channel);
        if (parser.nextToken() != JsonToken.FIELD_NAME) {
            inChannel = false;
            return null;
        }
        final String name = parser.currentName();
        parser.nextToken();
        return name;
    }

    /** Moves to the value of the named field of the current channel; false when the channel has no such non-null value. */
    boolean moveToChannelField(final String name) throws IOException {
        String field;
        while ((field = nextChannelField()) != null) {
            if (field.equals(name) && parser.currentToken() != JsonToken.VALUE_NULL) {
                return true;
            }
        }
        return false;
    }

    /** Moves into the channel's {@code sentences}; false when the channel has none. */
    boolean openSentences() throws IOException, TranscriptFormatException {
        if (!moveToChannelField(TranscriptFields.SENTENCES)) {
            return false;
        }
        requireSentencesArray();
        return true;
    }

    /** Checks the current value, the channel's {@code sentences}, is an array. */
    void requireSentencesArray() throws IOException, TranscriptFormatException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw invalid("expected an array of sentences, found " + JsonValues.found(parser));
        }
    }

    /** Reads the next sentence of the open {@code sentences} into the given one; false after the last. */
    boolean nextSentence(final Sentence sentence) throws IOException, TranscriptFormatException {
        final JsonToken token = parser.nextToken();
        if (token == JsonToken.END_ARRAY) {
            return false;
        }
        if (token != JsonToken.START_OBJECT) {
            throw invalid("expected a sentence object, found " + JsonValues.found(parser));
        }
        sentence.reset(channelId, sentencePosition++);
        SentenceReader.read(parser, sentence);
        return true;
    }

    /** After the last channel: checks that nothing but the rest of the top-level object follows {@code transcripts}. */
    void finishDocument() throws IOException, TranscriptFormatException {
        if (!transcriptsEnded) {
            throw new IllegalStateException("The document can only be finished after its last channel");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            parser.nextToken();
            parser.skipChildren();
        }
        if (parser.nextToken() != null) {
            throw invalid("unexpected content after the end of the JSON document, at line "
                    + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr());
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private void enterTranscripts() throws IOException, TranscriptFormatException {
        if (parser.nextToken() == null) {
            throw new TranscriptFormatException("Invalid transcript: the document is empty");
        }
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw invalid("expected a JSON object with a transcripts array, found " + JsonValues.found(parser));
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            final boolean isTranscripts = TranscriptFields.TRANSCRIPTS.equals(parser.currentName());
            parser.nextToken();
            if (isTranscripts) {
                if (parser.currentToken() != JsonToken.START_ARRAY) {
                    throw invalid("expected an array of channels, found " + JsonValues.found(parser));
                }
                transcripts = parser.getParsingContext();
                return;
            }
            parser.skipChildren();
        }
        throw new TranscriptFormatException(
                "Invalid transcript: the document has no transcripts array, so it is not a qwen3-asr-flash-filetrans result");
    }

    private void identifyChannel(final ChannelInfo target) {
        channelId = target.id();
        channel.setCurrentValue(target);
    }

    private void startChannel() {
        channel = parser.getParsingContext();
        inChannel = true;
        sentencePosition = 0;
    }

    /** Skips forward until the parser is back at the level of the given context: at a value in it or at its end. */
    private void skipTo(final JsonStreamContext level) throws IOException {
        while (parser.getParsingContext() != level) {
            if (parser.currentToken().isStructStart()) {
                parser.skipChildren();
            } else {
                parser.nextToken();
            }
        }
    }
}
