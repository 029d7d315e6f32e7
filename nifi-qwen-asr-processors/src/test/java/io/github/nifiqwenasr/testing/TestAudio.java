/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** Small, valid audio and non-audio files generated in memory for tests. */
public final class TestAudio {

    private TestAudio() {
    }

    /** A PCM WAV file of the given length, filled with seeded noise so that different seeds give different bytes. */
    public static byte[] wav(final int sampleRate, final int channels, final int bitsPerSample, final double seconds, final long seed) {
        final int blockAlign = channels * bitsPerSample / 8;
        final int dataBytes = (int) Math.round(seconds * sampleRate) * blockAlign;
        final ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) bitsPerSample);
        b.put(ascii("data")).putInt(dataBytes);
        final byte[] samples = new byte[dataBytes];
        new Random(seed).nextBytes(samples);
        b.put(samples);
        return b.array();
    }

    /** Two seconds of 16 kHz mono 16-bit speech-sized WAV. */
    public static byte[] wav(final long seed) {
        return wav(16000, 1, 16, 2.0, seed);
    }

    /** A WAV header that announces no samples at all. */
    public static byte[] emptyWav() {
        return wav(16000, 1, 16, 0, 0);
    }

    /** An MP3 file: an ID3v2 tag followed by MPEG-1 Layer III frames (128 kbps, 44.1 kHz, ~26 ms each). */
    public static byte[] mp3(final int frames, final long seed) {
        final int frameLength = 417;
        final ByteBuffer b = ByteBuffer.allocate(10 + frames * frameLength);
        b.put(ascii("ID3")).put((byte) 3).put((byte) 0).put((byte) 0).putInt(0);
        final Random random = new Random(seed);
        for (int i = 0; i < frames; i++) {
            final byte[] frame = new byte[frameLength];
            random.nextBytes(frame);
            frame[0] = (byte) 0xFF;
            frame[1] = (byte) 0xFB;
            frame[2] = (byte) 0x90;
            frame[3] = (byte) 0x64;
            b.put(frame);
        }
        return b.array();
    }

    public static byte[] pdf() {
        return ascii("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    }

    public static byte[] png() {
        final byte[] png = new byte[64];
        final byte[] signature = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        System.arraycopy(signature, 0, png, 0, signature.length);
        return png;
    }

    /**
     * An MP4 file with one track per handler type ({@code vide}, {@code soun}): ftyp, moov, then an mdat of
     * {@code mediaBytes}; with {@code moovLast} the mdat comes first, as many recorders write it.
     */
    public static byte[] mp4(final boolean moovLast, final int mediaBytes, final String... handlers) {
        final ByteBuffer tracks = ByteBuffer.allocate(handlers.length * 64);
        for (final String handler : handlers) {
            final byte[] hdlr = box("hdlr", ByteBuffer.allocate(25).putInt(0).putInt(0).put(ascii(handler)).array());
            tracks.put(box("trak", box("mdia", hdlr)));
        }
        final byte[] ftyp = box("ftyp", ascii("isom\0\0\2\0isommp41"));
        final byte[] moov = box("moov", Arrays.copyOf(tracks.array(), tracks.position()));
        final byte[] mdat = box("mdat", new byte[mediaBytes]);
        final ByteBuffer file = ByteBuffer.allocate(ftyp.length + moov.length + mdat.length).put(ftyp);
        return (moovLast ? file.put(mdat).put(moov) : file.put(moov).put(mdat)).array();
    }

    /** An AVI file whose header list has one stream per type ({@code vids}, {@code auds}), then a movi list. */
    public static byte[] avi(final String... streamTypes) {
        final ByteBuffer streams = ByteBuffer.allocate(streamTypes.length * 80).order(ByteOrder.LITTLE_ENDIAN);
        for (final String type : streamTypes) {
            final byte[] strh = ByteBuffer.allocate(56).put(ascii(type)).array();
            streams.put(riffList("strl", riffChunk("strh", strh)));
        }
        final byte[] hdrl = riffList("hdrl", concat(riffChunk("avih", new byte[56]), Arrays.copyOf(streams.array(), streams.position())));
        final byte[] movi = riffList("movi", riffChunk("00dc", new byte[512]));
        final byte[] body = concat(ascii("AVI "), concat(hdrl, movi));
        return concat(ascii("RIFF"), concat(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.length).array(), body));
    }

    private static byte[] box(final String type, final byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putInt(8 + payload.length).put(ascii(type)).put(payload).array();
    }

    private static byte[] riffChunk(final String id, final byte[] data) {
        return ByteBuffer.allocate(8 + data.length).order(ByteOrder.LITTLE_ENDIAN).put(ascii(id)).putInt(data.length).put(data).array();
    }

    private static byte[] riffList(final String type, final byte[] content) {
        return riffChunk("LIST", concat(ascii(type), content));
    }

    private static byte[] concat(final byte[] first, final byte[] second) {
        final byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] ascii(final String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
