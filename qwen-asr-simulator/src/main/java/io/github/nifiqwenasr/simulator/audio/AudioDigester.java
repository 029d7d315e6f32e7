/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator.audio;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Builds an {@link AudioDigest} from bytes fed in pieces, holding only the first 64 KiB. */
public final class AudioDigester {
    static final int HEAD_SIZE = 64 * 1024;

    private final MessageDigest sha256;
    private final TextMarkerScanner marker = new TextMarkerScanner();
    private final byte[] head = new byte[HEAD_SIZE];
    private int headLength;
    private long size;

    public AudioDigester() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    public void update(final byte[] bytes, final int offset, final int length) {
        sha256.update(bytes, offset, length);
        marker.update(bytes, offset, length);
        final int copied = Math.min(length, HEAD_SIZE - headLength);
        if (copied > 0) {
            System.arraycopy(bytes, offset, head, headLength, copied);
            headLength += copied;
        }
        size += length;
    }

    public long size() {
        return size;
    }

    public AudioDigest finish() {
        final AudioFormat format = AudioFormat.sniff(head, headLength);
        final AudioHeader header = AudioHeader.parse(format, head, headLength, size);
        return new AudioDigest(size, AudioDigest.hex(sha256.digest()), format, header.durationSeconds(), header.channels(),
                header.sampleRate(), marker.text());
    }
}
