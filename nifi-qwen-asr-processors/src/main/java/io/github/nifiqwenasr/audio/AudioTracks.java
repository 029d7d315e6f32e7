/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.audio;

import java.nio.charset.StandardCharsets;

/**
 * Tells from the first bytes of a container that it holds no audio track at all (a screen recording, a silent video),
 * so that it is rejected before it is sent and paid for. It answers only what the head proves: an MP4 or QuickTime
 * file whose {@code moov} box lies entirely within the head, and an AVI file whose {@code hdrl} list does. Anything
 * else (a {@code moov} box at the end of the file, other containers) is left to the service to judge.
 */
public final class AudioTracks {

    private static final int BOX_HEADER = 8;
    private static final int HANDLER_TYPE_OFFSET = 12;
    private static final int AVI_HEADER_LIST = 12;
    private static final int STREAM_TYPE_OFFSET = 8;

    private AudioTracks() {
    }

    /** True only when the head shows every track of the file and none of them is audio. */
    public static boolean provablyNone(final AudioFormat format, final byte[] head, final int length) {
        return switch (format) {
            case MP4, MOV, M4A -> isoMediaWithoutSound(head, length);
            case AVI -> aviWithoutAudio(head, length);
            default -> false;
        };
    }

    /** Walks the top-level boxes to {@code moov}; every track's {@code hdlr} box names its kind ({@code soun} for audio). */
    private static boolean isoMediaWithoutSound(final byte[] head, final int length) {
        long offset = 0;
        while (offset + BOX_HEADER <= length) {
            final long size = uint32BigEndian(head, (int) offset);
            if (size < BOX_HEADER) {
                return false;
            }
            if (is(head, (int) offset + 4, "moov")) {
                return offset + size <= length && handlersWithoutSound(head, (int) offset + BOX_HEADER, (int) (offset + size));
            }
            offset += size;
        }
        return false;
    }

    private static boolean handlersWithoutSound(final byte[] head, final int from, final int to) {
        boolean handler = false;
        for (int i = from; i + HANDLER_TYPE_OFFSET + 4 <= to; i++) {
            if (is(head, i, "hdlr")) {
                handler = true;
                if (is(head, i + HANDLER_TYPE_OFFSET, "soun")) {
                    return false;
                }
            }
        }
        return handler;
    }

    /** The {@code hdrl} list comes first in an AVI file; each stream's {@code strh} chunk names its type ({@code auds}). */
    private static boolean aviWithoutAudio(final byte[] head, final int length) {
        if (length < AVI_HEADER_LIST + 12 || !is(head, AVI_HEADER_LIST, "LIST") || !is(head, AVI_HEADER_LIST + 8, "hdrl")) {
            return false;
        }
        final long end = AVI_HEADER_LIST + 8 + uint32LittleEndian(head, AVI_HEADER_LIST + 4);
        if (end > length) {
            return false;
        }
        boolean stream = false;
        for (int i = AVI_HEADER_LIST + 12; i + STREAM_TYPE_OFFSET + 4 <= end; i++) {
            if (is(head, i, "strh")) {
                stream = true;
                if (is(head, i + STREAM_TYPE_OFFSET, "auds")) {
                    return false;
                }
            }
        }
        return stream;
    }

    private static boolean is(final byte[] head, final int offset, final String fourCc) {
        final byte[] expected = fourCc.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < expected.length; i++) {
            if (head[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static long uint32BigEndian(final byte[] b, final int offset) {
        return (b[offset] & 0xFFL) << 24 | (b[offset + 1] & 0xFFL) << 16 | (b[offset + 2] & 0xFFL) << 8 | (b[offset + 3] & 0xFFL);
    }

    private static long uint32LittleEndian(final byte[] b, final int offset) {
        return (b[offset] & 0xFFL) | (b[offset + 1] & 0xFFL) << 8 | (b[offset + 2] & 0xFFL) << 16 | (b[offset + 3] & 0xFFL) << 24;
    }
}
