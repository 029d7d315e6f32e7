/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.audio;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Recognises audio containers by their first bytes, so that content which is not audio is rejected before it is
 * uploaded and paid for. Also names common non-audio types, so the error a user sees says what the content looks like.
 */
public final class AudioSniffer {

    /** How many leading bytes {@link #detect} and {@link WavHeader#parse} look at. */
    public static final int HEAD_LENGTH = 16 * 1024;

    private static final byte[] ASF_GUID = {
        0x30, 0x26, (byte) 0xB2, 0x75, (byte) 0x8E, 0x66, (byte) 0xCF, 0x11
    };
    private static final byte[] EBML = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};
    private static final byte[] MPEG_PACK = {0x00, 0x00, 0x01, (byte) 0xBA};
    private static final int EBML_DOCTYPE_SCAN = 64;

    private AudioSniffer() {
    }

    public static Optional<AudioFormat> detect(final byte[] head, final int length) {
        if (startsWith(head, length, 0, "RIFF") && startsWith(head, length, 8, "WAVE")) {
            return Optional.of(AudioFormat.WAV);
        }
        if (startsWith(head, length, 0, "RIFF") && startsWith(head, length, 8, "AVI ")) {
            return Optional.of(AudioFormat.AVI);
        }
        if (startsWith(head, length, 0, "FORM") && (startsWith(head, length, 8, "AIFF") || startsWith(head, length, 8, "AIFC"))) {
            return Optional.of(AudioFormat.AIFF);
        }
        if (startsWith(head, length, 0, "fLaC")) {
            return Optional.of(AudioFormat.FLAC);
        }
        if (startsWith(head, length, 0, "OggS")) {
            return Optional.of(AudioFormat.OGG);
        }
        if (startsWith(head, length, 0, "#!AMR-WB\n")) {
            return Optional.of(AudioFormat.AMR_WB);
        }
        if (startsWith(head, length, 0, "#!AMR\n")) {
            return Optional.of(AudioFormat.AMR);
        }
        if (startsWith(head, length, 0, "ID3")) {
            return Optional.of(AudioFormat.MP3);
        }
        if (startsWith(head, length, 0, "FLV")) {
            return Optional.of(AudioFormat.FLV);
        }
        if (startsWith(head, length, 4, "ftyp")) {
            return Optional.of(isoBrand(head, length));
        }
        if (startsWith(head, length, 0, ASF_GUID)) {
            return Optional.of(AudioFormat.ASF);
        }
        if (startsWith(head, length, 0, EBML)) {
            return Optional.of(contains(head, Math.min(length, EBML_DOCTYPE_SCAN), "webm") ? AudioFormat.WEBM : AudioFormat.MKV);
        }
        if (startsWith(head, length, 0, MPEG_PACK)) {
            return Optional.of(AudioFormat.MPEG);
        }
        return mpegAudioFrame(head, length);
    }

    /** A short description of well-known non-audio content ("a PDF document"), for error messages. */
    public static Optional<String> describeNonAudio(final byte[] head, final int length) {
        if (startsWith(head, length, 0, "%PDF")) {
            return Optional.of("a PDF document");
        }
        if (startsWith(head, length, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G'})) {
            return Optional.of("a PNG image");
        }
        if (startsWith(head, length, 0, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return Optional.of("a JPEG image");
        }
        if (startsWith(head, length, 0, "GIF8")) {
            return Optional.of("a GIF image");
        }
        if (startsWith(head, length, 0, new byte[] {'P', 'K', 3, 4})) {
            return Optional.of("a ZIP archive (or an Office document)");
        }
        if (length > 0 && (head[0] == '{' || head[0] == '[' || head[0] == '<')) {
            return Optional.of("text (JSON, XML or HTML)");
        }
        return Optional.empty();
    }

    private static AudioFormat isoBrand(final byte[] head, final int length) {
        if (startsWith(head, length, 8, "M4A ") || startsWith(head, length, 8, "M4B ")) {
            return AudioFormat.M4A;
        }
        if (startsWith(head, length, 8, "qt  ")) {
            return AudioFormat.MOV;
        }
        return AudioFormat.MP4;
    }

    /** An MPEG audio frame header (MP3 without an ID3 tag) or an ADTS header (raw AAC): 11 or 12 sync bits. */
    private static Optional<AudioFormat> mpegAudioFrame(final byte[] head, final int length) {
        if (length < 4 || (head[0] & 0xFF) != 0xFF || (head[1] & 0xE0) != 0xE0) {
            return Optional.empty();
        }
        final int layer = (head[1] >> 1) & 0x03;
        final boolean adts = (head[1] & 0xF0) == 0xF0 && layer == 0;
        if (adts) {
            return Optional.of(AudioFormat.AAC);
        }
        final int version = (head[1] >> 3) & 0x03;
        final int bitrateIndex = (head[2] >> 4) & 0x0F;
        final int sampleRateIndex = (head[2] >> 2) & 0x03;
        final boolean validHeader = layer != 0 && version != 1 && bitrateIndex != 0x0F && sampleRateIndex != 0x03;
        return validHeader ? Optional.of(AudioFormat.MP3) : Optional.empty();
    }

    private static boolean startsWith(final byte[] head, final int length, final int offset, final String ascii) {
        return startsWith(head, length, offset, ascii.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean startsWith(final byte[] head, final int length, final int offset, final byte[] expected) {
        if (offset + expected.length > length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (head[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(final byte[] head, final int length, final String ascii) {
        final byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + needle.length <= length; i++) {
            if (startsWith(head, length, i, needle)) {
                return true;
            }
        }
        return false;
    }
}
