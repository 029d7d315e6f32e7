/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import io.github.nifiqwenasr.api.StreamSource;

import java.io.Closeable;
import java.io.IOException;

/** The cues of one channel in time order, read from a stream of its own that starts at the channel; holds one sentence at a time. */
final class ChannelCues implements Closeable {

    private final TranscriptCursor cursor;
    private final CueSplitter splitter;
    private final Sentence sentence = new Sentence();
    private final Cues cues = new Cues();
    private boolean hasSentences;
    private int next;
    private long previousBegin;

    private ChannelCues(final TranscriptCursor cursor, final CueSplitter splitter) {
        this.cursor = cursor;
        this.splitter = splitter;
    }

    static ChannelCues open(final StreamSource source, final ChannelInfo channel, final int labelColumns)
            throws IOException, TranscriptFormatException {
        final ChannelCues channelCues = new ChannelCues(TranscriptCursor.openChannel(source, channel), new CueSplitter(labelColumns));
        try {
            channelCues.hasSentences = channelCues.cursor.openSentences();
            return channelCues;
        } catch (final IOException | TranscriptFormatException | RuntimeException e) {
            try {
                channelCues.close();
            } catch (final IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /** The channel's next cue, valid until the next call; null after the last. */
    Cue next() throws IOException, TranscriptFormatException {
        while (next == cues.size()) {
            if (!hasSentences || !cursor.nextSentence(sentence)) {
                hasSentences = false;
                return null;
            }
            if (sentence.begin() < previousBegin) {
                throw cursor.invalid("begin_time " + sentence.begin() + " is before the begin_time " + previousBegin
                        + " of the sentence before it; subtitles need each channel's sentences in time order");
            }
            previousBegin = sentence.begin();
            splitter.split(sentence, cues);
            next = 0;
        }
        return cues.get(next++);
    }

    @Override
    public void close() throws IOException {
        cursor.close();
    }
}
