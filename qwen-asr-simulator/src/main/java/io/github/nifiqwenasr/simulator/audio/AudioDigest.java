/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator.audio;

import java.util.HexFormat;

/**
 * What the simulated service knows about an audio file after reading it once: never the bytes themselves.
 *
 * @param size            bytes
 * @param sha256          lowercase hex SHA-256 of all bytes
 * @param format          sniffed container
 * @param durationSeconds exact for WAV (data size / byte rate) and FLAC (STREAMINFO), from the first frame's bitrate
 *                        for MP3, otherwise size / {@link AudioFormat} typical byte rate
 * @param channels        channel count from the WAV, FLAC or MP3 header, 0 when the format's header is not parsed
 * @param sampleRate      from the WAV, FLAC or MP3 header, else 16000
 * @param embeddedText    the text after a {@code QWENSIM-TEXT:} marker, or null
 */
public record AudioDigest(long size, String sha256, AudioFormat format, double durationSeconds, int channels,
        int sampleRate, String embeddedText) {

    private static final int CHANNELS_ASSUMED_WHEN_UNKNOWN = 2;

    public static AudioDigest of(final byte[] audio) {
        final AudioDigester digester = new AudioDigester();
        digester.update(audio, 0, audio.length);
        return digester.finish();
    }

    /** {@code embeddedText}, else "Simulated transcript " + the first 8 hex characters of the SHA-256 + ".". */
    public String transcript() {
        return embeddedText != null ? embeddedText : "Simulated transcript " + sha256.substring(0, 8) + ".";
    }

    /** Billed seconds: the duration rounded up, at least 1. */
    public long billedSeconds() {
        return Math.max(1, (long) Math.ceil(durationSeconds));
    }

    /** How many channels a {@code channel_id} may address: the header's count, or 2 when it is not known. */
    public int addressableChannels() {
        return channels > 0 ? channels : CHANNELS_ASSUMED_WHEN_UNKNOWN;
    }

    static String hex(final byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
