/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Small, valid audio files for tests. Each carries {@code QWENSIM-TEXT:<text>} (NUL-terminated) in its metadata so
 * the simulator answers with {@code text} as the transcript. Content is silence.
 */
public final class SampleAudio {
    private static final int BITS_PER_SAMPLE = 16;
    private static final int MP3_FRAME_BYTES = 417;
    private static final int MP3_SAMPLES_PER_FRAME = 1152;
    private static final int MP3_SAMPLE_RATE = 44_100;

    private SampleAudio() {
    }

    /** A 16-bit PCM WAV of exactly {@code duration}; its text rides in a LIST/INFO/ICMT chunk before the data. */
    public static byte[] wav(final Duration duration, final int sampleRate, final int channels, final String text) {
        final long dataSize = (long) sampleRate * channels * (BITS_PER_SAMPLE / 8) * duration.toMillis() / 1000;
        return wavWithData(dataSize, dataSize, sampleRate, channels, text);
    }

    /**
     * A WAV whose header announces {@code claimedDuration} but which carries only one second of samples: lets a test
     * present a 13-hour file without allocating it (the simulator trusts the WAV header, like a decoder would).
     */
    public static byte[] wavClaiming(final Duration claimedDuration, final int sampleRate, final int channels, final String text) {
        final long bytesPerSecond = (long) sampleRate * channels * (BITS_PER_SAMPLE / 8);
        return wavWithData(bytesPerSecond * claimedDuration.toSeconds(), bytesPerSecond, sampleRate, channels, text);
    }

    /** An MPEG-1 Layer III file at 128 kbit/s, 44.1 kHz, preceded by an ID3v2.4 tag carrying the text. */
    public static byte[] mp3(final Duration duration, final String text) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] comment = ("\u0003eng\u0000QWENSIM-TEXT:" + text + "\u0000").getBytes(StandardCharsets.UTF_8);
        final int frameSize = 10 + comment.length;
        out.writeBytes(new byte[] {'I', 'D', '3', 4, 0, 0});
        out.writeBytes(syncSafe(frameSize));
        out.writeBytes("COMM".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(syncSafe(comment.length));
        out.writeBytes(new byte[] {0, 0});
        out.writeBytes(comment);
        final long frames = duration.toMillis() * MP3_SAMPLE_RATE / 1000 / MP3_SAMPLES_PER_FRAME;
        final byte[] frame = new byte[MP3_FRAME_BYTES];
        frame[0] = (byte) 0xFF;
        frame[1] = (byte) 0xFB;
        frame[2] = (byte) 0x90;
        frame[3] = (byte) 0x64;
        for (long i = 0; i < frames; i++) {
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    private static byte[] wavWithData(final long declaredDataSize, final long actualDataSize, final int sampleRate,
            final int channels, final String text) {
        final byte[] info = text == null ? new byte[0] : infoChunk(text);
        final int headerSize = 12 + 24 + info.length + 8;
        final ByteBuffer header = ByteBuffer.allocate(headerSize).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) Math.min(0xFFFF_FFFFL, declaredDataSize + headerSize - 8));
        header.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        header.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) channels);
        header.putInt(sampleRate).putInt(sampleRate * channels * BITS_PER_SAMPLE / 8);
        header.putShort((short) (channels * BITS_PER_SAMPLE / 8)).putShort((short) BITS_PER_SAMPLE);
        header.put(info);
        header.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) declaredDataSize);
        final byte[] wav = new byte[Math.toIntExact(headerSize + actualDataSize)];
        System.arraycopy(header.array(), 0, wav, 0, headerSize);
        return wav;
    }

    private static byte[] infoChunk(final String text) {
        final byte[] comment = ("QWENSIM-TEXT:" + text + "\u0000").getBytes(StandardCharsets.UTF_8);
        final int padded = comment.length + (comment.length & 1);
        final ByteBuffer chunk = ByteBuffer.allocate(8 + 4 + 8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(4 + 8 + padded);
        chunk.put("INFO".getBytes(StandardCharsets.US_ASCII));
        chunk.put("ICMT".getBytes(StandardCharsets.US_ASCII)).putInt(comment.length);
        chunk.put(comment);
        return chunk.array();
    }

    private static byte[] syncSafe(final int value) {
        return new byte[] {(byte) (value >> 21 & 0x7F), (byte) (value >> 14 & 0x7F), (byte) (value >> 7 & 0x7F), (byte) (value & 0x7F)};
    }
}
