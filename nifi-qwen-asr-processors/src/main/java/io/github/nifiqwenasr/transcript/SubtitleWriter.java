/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import io.github.nifiqwenasr.api.StreamSource;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the cues of all channels as one subtitle file, merged by start time. Each channel is read by a stream of its
 * own, so memory holds one sentence per channel, whatever the length of the document.
 */
final class SubtitleWriter {

    private static final String CHANNEL_LABEL = "Channel ";
    private static final int BUFFER_SIZE = 16 * 1024;

    private SubtitleWriter() {
    }

    /** Writes the file and returns the number of cues in it. */
    static int write(final StreamSource source, final List<ChannelInfo> channels, final SubtitleFormat format, final Writer out)
            throws IOException, TranscriptFormatException {
        final boolean labelled = channels.size() > 1;
        final List<ChannelCues> channelCues = new ArrayList<>(channels.size());
        final String[] labels = new String[channels.size()];
        try {
            for (int i = 0; i < channels.size(); i++) {
                labels[i] = labelled ? CHANNEL_LABEL + channels.get(i).id() : null;
                channelCues.add(ChannelCues.open(source, channels.get(i), format.labelColumns(labels[i])));
            }
            return merge(channelCues, labels, format, out);
        } finally {
            closeAll(channelCues);
        }
    }

    /** A k-way merge: always writes the earliest of the channels' next cues; on equal starts, the earlier channel. */
    private static int merge(final List<ChannelCues> channels, final String[] labels, final SubtitleFormat format, final Writer out)
            throws IOException, TranscriptFormatException {
        final Cue[] heads = new Cue[channels.size()];
        for (int i = 0; i < heads.length; i++) {
            heads[i] = channels.get(i).next();
        }
        final StringBuilder buffer = new StringBuilder(BUFFER_SIZE);
        buffer.append(format.header());
        int written = 0;
        int earliest;
        while ((earliest = earliest(heads)) >= 0) {
            format.appendCue(buffer, ++written, heads[earliest], labels[earliest]);
            if (buffer.length() >= BUFFER_SIZE) {
                writeAndClear(buffer, out);
            }
            heads[earliest] = channels.get(earliest).next();
        }
        writeAndClear(buffer, out);
        return written;
    }

    /** Writes cues in chunks of about {@value #BUFFER_SIZE} characters rather than one by one. */
    private static void writeAndClear(final StringBuilder buffer, final Writer out) throws IOException {
        out.append(buffer);
        buffer.setLength(0);
    }

    private static int earliest(final Cue[] heads) {
        int earliest = -1;
        for (int i = 0; i < heads.length; i++) {
            if (heads[i] != null && (earliest < 0 || heads[i].start() < heads[earliest].start())) {
                earliest = i;
            }
        }
        return earliest;
    }

    private static void closeAll(final List<ChannelCues> channels) throws IOException {
        IOException failure = null;
        for (final ChannelCues channel : channels) {
            try {
                channel.close();
            } catch (final IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
