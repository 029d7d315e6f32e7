/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator.audio;

/** Duration, channels and sample rate read from the head of a file (see {@link AudioDigest} for the rules). */
record AudioHeader(double durationSeconds, int channels, int sampleRate) {
    private static final int DEFAULT_SAMPLE_RATE = 16_000;
    private static final int[][] MP3_BITRATES_KBPS = {
        {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
    };
    private static final int[] MPEG1_SAMPLE_RATES = {44_100, 48_000, 32_000};

    static AudioHeader parse(final AudioFormat format, final byte[] head, final int length, final long size) {
        final AudioHeader parsed = switch (format) {
            case WAV -> wav(head, length, size);
            case MP3 -> mp3(head, length, size);
            case FLAC -> flac(head, length);
            default -> null;
        };
        return parsed != null ? parsed : estimate(format, size);
    }

    private static AudioHeader estimate(final AudioFormat format, final long size) {
        final int bytesPerSecond = format.estimatedBytesPerSecond() > 0 ? format.estimatedBytesPerSecond() : 16_000;
        return new AudioHeader((double) size / bytesPerSecond, 0, DEFAULT_SAMPLE_RATE);
    }

    private static AudioHeader wav(final byte[] head, final int length, final long size) {
        int position = 12;
        int channels = 0;
        int sampleRate = 0;
        long byteRate = 0;
        while (position + 8 <= length) {
            final long chunkSize = le32(head, position + 4);
            if (matches(head, position, "fmt ") && position + 24 <= length) {
                channels = le16(head, position + 10);
                sampleRate = (int) le32(head, position + 12);
                byteRate = le32(head, position + 16);
            } else if (matches(head, position, "data")) {
                if (byteRate == 0) {
                    return null;
                }
                final long dataOffset = position + 8L;
                final long dataSize = chunkSize == 0 || chunkSize == 0xFFFF_FFFFL ? size - dataOffset : chunkSize;
                return new AudioHeader((double) dataSize / byteRate, channels, sampleRate);
            }
            position += 8 + (int) Math.min(chunkSize + (chunkSize & 1), Integer.MAX_VALUE - 16);
        }
        return byteRate == 0 ? null : new AudioHeader((double) Math.max(0, size - 44) / byteRate, channels, sampleRate);
    }

    private static AudioHeader mp3(final byte[] head, final int length, final long size) {
        int start = 0;
        if (matches(head, 0, "ID3") && length >= 10) {
            final int tagSize = (head[6] & 0x7F) << 21 | (head[7] & 0x7F) << 14 | (head[8] & 0x7F) << 7 | (head[9] & 0x7F);
            start = 10 + tagSize + ((head[5] & 0x10) != 0 ? 10 : 0);
        }
        for (int i = start; i + 4 <= length; i++) {
            if ((head[i] & 0xFF) == 0xFF && (head[i + 1] & 0xE0) == 0xE0) {
                final AudioHeader frame = mp3Frame(head, i, size);
                if (frame != null) {
                    return frame;
                }
            }
        }
        return null;
    }

    private static AudioHeader mp3Frame(final byte[] head, final int offset, final long size) {
        final int version = (head[offset + 1] >> 3) & 0x03;
        final int layer = (head[offset + 1] >> 1) & 0x03;
        final int bitrateIndex = (head[offset + 2] >> 4) & 0x0F;
        final int sampleRateIndex = (head[offset + 2] >> 2) & 0x03;
        if (version == 1 || layer == 0 || bitrateIndex == 0 || bitrateIndex == 15 || sampleRateIndex == 3) {
            return null;
        }
        final boolean mpeg1 = version == 3;
        final int table = mpeg1 ? 3 - layer : (layer == 3 ? 3 : 4);
        final int bitrate = MP3_BITRATES_KBPS[table][bitrateIndex] * 1000;
        final int sampleRate = MPEG1_SAMPLE_RATES[sampleRateIndex] >> (mpeg1 ? 0 : version == 2 ? 1 : 2);
        final int channels = ((head[offset + 3] >> 6) & 0x03) == 3 ? 1 : 2;
        return new AudioHeader((size - offset) * 8.0 / bitrate, channels, sampleRate);
    }

    private static AudioHeader flac(final byte[] head, final int length) {
        if (length < 26) {
            return null;
        }
        final int sampleRate = (head[18] & 0xFF) << 12 | (head[19] & 0xFF) << 4 | (head[20] & 0xF0) >> 4;
        final int channels = ((head[20] >> 1) & 0x07) + 1;
        final long totalSamples = (long) (head[21] & 0x0F) << 32 | (head[22] & 0xFFL) << 24 | (head[23] & 0xFFL) << 16
                | (head[24] & 0xFFL) << 8 | (head[25] & 0xFFL);
        if (sampleRate == 0 || totalSamples == 0) {
            return null;
        }
        return new AudioHeader((double) totalSamples / sampleRate, channels, sampleRate);
    }

    private static boolean matches(final byte[] head, final int offset, final String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (head[offset + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int le16(final byte[] bytes, final int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
    }

    private static long le32(final byte[] bytes, final int offset) {
        return (bytes[offset] & 0xFFL) | (bytes[offset + 1] & 0xFFL) << 8 | (bytes[offset + 2] & 0xFFL) << 16
                | (bytes[offset + 3] & 0xFFL) << 24;
    }
}
