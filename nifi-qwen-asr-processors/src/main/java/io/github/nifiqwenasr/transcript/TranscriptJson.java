/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;

/**
 * The one place that creates parsers for transcript documents and turns parser failures into messages for users.
 */
final class TranscriptJson {

    /**
     * A transcript needs 7 levels (document, transcripts, channel, sentences, sentence, words, word); the rest leaves
     * room for unknown fields while refusing documents built to exhaust the stack.
     */
    static final int MAX_NESTING_DEPTH = 64;

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();

    /** The channel id to pass while it is not known yet. */
    static final int NO_CHANNEL = -1;

    private TranscriptJson() {
    }

    /**
     * Creates a parser over the stream that fails on any byte sequence that is not well-formed UTF-8, instead of
     * decoding it into a wrong character. The first pass over a document uses it; later passes read the same bytes
     * with {@link #createParser}. Closing the parser closes the stream.
     */
    static JsonParser createCheckingParser(final InputStream in) throws IOException {
        return FACTORY.createParser(new Utf8CheckingInputStream(in));
    }

    /** Creates a parser over bytes that the first pass has proven to be well-formed UTF-8. */
    static JsonParser createParser(final InputStream in) throws IOException {
        return FACTORY.createParser(in);
    }

    /** A problem with a value the parser has just read or the structure it has just finished. */
    static TranscriptFormatException invalid(final JsonParser parser, final int channelId, final String problem) {
        final String path = path(parser.getParsingContext());
        final String channel = channelId == NO_CHANNEL ? "" : " (channel " + channelId + ")";
        final String where = path.isEmpty() ? "" : " at " + path + channel;
        return new TranscriptFormatException("Invalid transcript" + where + ": " + problem);
    }

    static TranscriptFormatException invalid(final JsonParser parser, final String problem) {
        return invalid(parser, NO_CHANNEL, problem);
    }

    /** Describes a failure of the parser or of the UTF-8 decoder; other I/O failures are not about the document. */
    static TranscriptFormatException describe(final IOException failure) {
        return switch (failure) {
            case final JsonEOFException e -> new TranscriptFormatException(
                    "Invalid transcript: the document ends unexpectedly" + location(e) + "; it is truncated", e);
            case final StreamReadException e -> new TranscriptFormatException(
                    "Invalid transcript: not valid JSON" + location(e) + ": " + e.getOriginalMessage(), e);
            case final StreamConstraintsException e -> new TranscriptFormatException(
                    "Invalid transcript: the document exceeds a safety limit of the JSON parser: " + e.getOriginalMessage(), e);
            case final CharacterCodingException e -> new TranscriptFormatException(
                    "Invalid transcript: the document is not valid UTF-8 text (a malformed or truncated byte sequence)", e);
            default -> throw new IllegalArgumentException("Not a problem of the document: " + failure, failure);
        };
    }

    private static String location(final StreamReadException e) {
        final JsonLocation location = e.getLocation();
        final String lineAndColumn = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        final JsonParser parser = e.getProcessor();
        final String path = parser == null ? "" : path(parser.getParsingContext());
        return path.isEmpty() ? lineAndColumn : lineAndColumn + " (in " + path + ")";
    }

    /**
     * The path of the value the context points at, such as {@code transcripts[0].sentences[12].begin_time}. A channel's
     * context may hold its {@link ChannelInfo}, which stands for the levels above it: a stream that starts at a channel
     * has no others.
     */
    static String path(final JsonStreamContext context) {
        final StringBuilder path = new StringBuilder();
        for (JsonStreamContext level = context; level != null && !level.inRoot(); level = level.getParent()) {
            if (level.inArray()) {
                if (level.hasCurrentIndex()) {
                    path.insert(0, "[" + level.getCurrentIndex() + "]");
                }
            } else if (level.getCurrentName() != null) {
                path.insert(0, "." + level.getCurrentName());
            }
            if (level.getCurrentValue() instanceof final ChannelInfo channel) {
                path.insert(0, TranscriptFields.TRANSCRIPTS + "[" + channel.index() + "]");
                break;
            }
        }
        return path.isEmpty() || path.charAt(0) != '.' ? path.toString() : path.substring(1);
    }
}
