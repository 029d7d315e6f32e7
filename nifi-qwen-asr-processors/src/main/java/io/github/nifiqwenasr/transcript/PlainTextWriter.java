/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import io.github.nifiqwenasr.api.StreamSource;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes the plain text of every channel, in document order, separated by a blank line: the channel's {@code text},
 * or its sentences' texts joined by the {@link Spacing} rules when it has none.
 */
final class PlainTextWriter {

    private static final String CHANNEL_SEPARATOR = "\n\n";

    private PlainTextWriter() {
    }

    static void write(final StreamSource source, final List<ChannelInfo> channels, final Writer out)
            throws IOException, TranscriptFormatException {
        try (TranscriptCursor cursor = TranscriptCursor.open(source)) {
            final Sentence sentence = new Sentence();
            for (int i = 0; i < channels.size(); i++) {
                final ChannelInfo channel = channels.get(i);
                if (i > 0) {
                    out.write(CHANNEL_SEPARATOR);
                }
                cursor.enterChannel(channel);
                if (channel.hasText()) {
                    writeChannelText(cursor, channel, out);
                } else {
                    writeSentences(cursor, sentence, out);
                }
            }
        }
    }

    private static void writeChannelText(final TranscriptCursor cursor, final ChannelInfo channel, final Writer out)
            throws IOException, TranscriptFormatException {
        if (cursor.moveToChannelField(TranscriptFields.TEXT)) {
            out.write(JsonValues.readOptionalString(cursor.parser(), channel.id()));
        }
    }

    private static void writeSentences(final TranscriptCursor cursor, final Sentence sentence, final Writer out)
            throws IOException, TranscriptFormatException {
        if (!cursor.openSentences()) {
            return;
        }
        int previous = Spacing.NONE;
        while (cursor.nextSentence(sentence)) {
            final StringBuilder text = sentence.text();
            if (!text.isEmpty()) {
                if (Spacing.spaceBetween(previous, Spacing.firstCodePoint(text))) {
                    out.write(' ');
                }
                out.append(text);
                previous = Spacing.lastCodePoint(text);
            }
        }
    }
}
