/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.audio;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The facts a RIFF/WAVE header states exactly: channel count, byte rate and the size of the sample data.
 * Used to reject a WAV file that holds no samples and to know a WAV file's duration without decoding it.
 */
public record WavHeader(int channels, int sampleRate, long byteRate, long dataBytes) {

    /** The data size WAV writers use when they stream and cannot know the length in advance. */
    private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;

    /** Parses the chunks in {@code head} up to the start of the {@code data} chunk. */
    public static Optional<WavHeader> parse(final byte[] head, final int length) {
        if (length < 12 || AudioSniffer.detect(head, length).orElse(null) != AudioFormat.WAV) {
            return Optional.empty();
        }
        int offset = 12;
        int channels = -1;
        int sampleRate = -1;
        long byteRate = -1;
        while (offset + 8 <= length) {
            final long chunkSize = uint32(head, offset + 4);
            if (chunkId(head, offset, "fmt ") && offset + 24 <= length) {
                channels = uint16(head, offset + 10);
                sampleRate = (int) uint32(head, offset + 12);
                byteRate = uint32(head, offset + 16);
            } else if (chunkId(head, offset, "data")) {
                return channels < 0 ? Optional.empty() : Optional.of(new WavHeader(channels, sampleRate, byteRate, chunkSize));
            }
            offset += 8 + chunkSize + (chunkSize & 1);
        }
        return Optional.empty();
    }

    /** Seconds of audio the data chunk holds, when the header states it. */
    public OptionalDouble durationSeconds() {
        if (byteRate <= 0 || dataBytes == UNKNOWN_SIZE) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) dataBytes / byteRate);
    }

    public boolean hasNoSamples() {
        return dataBytes == 0;
    }

    private static boolean chunkId(final byte[] head, final int offset, final String id) {
        for (int i = 0; i < 4; i++) {
            if (head[offset + i] != id.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int uint16(final byte[] b, final int offset) {
        return (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8;
    }

    private static long uint32(final byte[] b, final int offset) {
        return (b[offset] & 0xFFL) | (b[offset + 1] & 0xFFL) << 8 | (b[offset + 2] & 0xFFL) << 16 | (b[offset + 3] & 0xFFL) << 24;
    }
}
