/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator.audio;

/**
 * Containers the simulated service accepts (dashscope-api.md section 8.2 lists aac, amr, avi, aiff, flac, flv, m4a,
 * mkv, mov, mp3, mp4, mpeg, ogg, opus, wav, webm, wma, wmv), recognised by their magic bytes.
 * {@code estimatedBytesPerSecond} is used to estimate the duration of formats whose header is not parsed; it is the
 * byte rate of a typical encoding (128 kbit/s for lossy formats, 12.8 kbit/s for AMR-NB, 16-bit 44.1 kHz stereo for AIFF).
 */
public enum AudioFormat {
    WAV("wav", 0),
    MP3("mp3", 0),
    FLAC("flac", 0),
    OGG("ogg", 16_000),
    MP4("m4a", 16_000),
    AAC("aac", 16_000),
    AMR("amr", 1_600),
    AIFF("aiff", 176_400),
    WEBM("webm", 16_000),
    ASF("wma", 16_000),
    AVI("avi", 16_000),
    FLV("flv", 16_000),
    MPEG("mpeg", 16_000),
    UNSUPPORTED("unknown", 16_000);

    private final String label;
    private final int estimatedBytesPerSecond;

    AudioFormat(final String label, final int estimatedBytesPerSecond) {
        this.label = label;
        this.estimatedBytesPerSecond = estimatedBytesPerSecond;
    }

    /** The name used in {@code audio_info.format} of a transcript document. */
    public String label() {
        return label;
    }

    int estimatedBytesPerSecond() {
        return estimatedBytesPerSecond;
    }

    /** Sniffs the container from the first bytes of a file. */
    public static AudioFormat sniff(final byte[] head, final int length) {
        if (startsWith(head, length, 0, "RIFF") && startsWith(head, length, 8, "WAVE")) {
            return WAV;
        }
        if (startsWith(head, length, 0, "RIFF") && startsWith(head, length, 8, "AVI ")) {
            return AVI;
        }
        if (startsWith(head, length, 0, "ID3")) {
            return MP3;
        }
        if (startsWith(head, length, 0, "fLaC")) {
            return FLAC;
        }
        if (startsWith(head, length, 0, "OggS")) {
            return OGG;
        }
        if (startsWith(head, length, 4, "ftyp")) {
            return MP4;
        }
        if (startsWith(head, length, 0, "#!AMR")) {
            return AMR;
        }
        if (startsWith(head, length, 0, "FORM") && (startsWith(head, length, 8, "AIFF") || startsWith(head, length, 8, "AIFC"))) {
            return AIFF;
        }
        if (startsWith(head, length, 0, "FLV")) {
            return FLV;
        }
        if (matches(head, length, 0x1A, 0x45, 0xDF, 0xA3)) {
            return WEBM;
        }
        if (matches(head, length, 0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11)) {
            return ASF;
        }
        if (matches(head, length, 0x00, 0x00, 0x01, 0xBA)) {
            return MPEG;
        }
        if (length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0) {
            return (head[1] & 0x06) == 0 ? AAC : MP3;
        }
        return UNSUPPORTED;
    }

    private static boolean startsWith(final byte[] head, final int length, final int offset, final String ascii) {
        if (length < offset + ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (head[offset + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(final byte[] head, final int length, final int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
