/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.audio;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioSnifferTest {

    @Test
    void recognisesEachSupportedContainer() {
        assertEquals(AudioFormat.WAV, detect(wav(1, 16000, 32000)));
        assertEquals(AudioFormat.MP3, detect(ascii("ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000")));
        assertEquals(AudioFormat.MP3, detect(bytes(0xFF, 0xFB, 0x90, 0x64)));
        assertEquals(AudioFormat.AAC, detect(bytes(0xFF, 0xF1, 0x50, 0x80)));
        assertEquals(AudioFormat.FLAC, detect(ascii("fLaC\u0000\u0000\u0000\"")));
        assertEquals(AudioFormat.OGG, detect(ascii("OggS\u0000\u0002\u0000\u0000")));
        assertEquals(AudioFormat.M4A, detect(ascii("\u0000\u0000\u0000\u0020ftypM4A \u0000\u0000\u0000\u0000")));
        assertEquals(AudioFormat.MP4, detect(ascii("\u0000\u0000\u0000\u0020ftypisom\u0000\u0000\u0002\u0000")));
        assertEquals(AudioFormat.AMR, detect(ascii("#!AMR\n\u003c")));
        assertEquals(AudioFormat.AMR_WB, detect(ascii("#!AMR-WB\n\u0000")));
        assertEquals(AudioFormat.AIFF, detect(ascii("FORM\u0000\u0000\u0010\u0000AIFFCOMM")));
        assertEquals(AudioFormat.WEBM, detect(concat(bytes(0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01), ascii("B\u0082\u0084webm"))));
        assertEquals(AudioFormat.MKV, detect(concat(bytes(0x1A, 0x45, 0xDF, 0xA3, 0x9F), ascii("B\u0082\u0088matroska"))));
        assertEquals(AudioFormat.ASF, detect(bytes(0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9)));
        assertEquals(AudioFormat.AVI, detect(ascii("RIFF\u0000\u0000\u0000\u0000AVI LIST")));
        assertEquals(AudioFormat.FLV, detect(ascii("FLV\u0001\u0005")));
        assertEquals(AudioFormat.MPEG, detect(bytes(0x00, 0x00, 0x01, 0xBA, 0x44)));
    }

    @Test
    void rejectsAndNamesNonAudio() {
        final byte[] pdf = ascii("%PDF-1.7\n%\u00e2\u00e3");
        assertEquals(Optional.empty(), AudioSniffer.detect(pdf, pdf.length));
        assertEquals(Optional.of("a PDF document"), AudioSniffer.describeNonAudio(pdf, pdf.length));
        final byte[] png = bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
        assertEquals(Optional.empty(), AudioSniffer.detect(png, png.length));
        assertEquals(Optional.of("a PNG image"), AudioSniffer.describeNonAudio(png, png.length));
        final byte[] jpeg = bytes(0xFF, 0xD8, 0xFF, 0xE0);
        assertEquals(Optional.empty(), AudioSniffer.detect(jpeg, jpeg.length));
        assertEquals(Optional.empty(), AudioSniffer.detect(new byte[] {7}, 1));
        assertEquals(Optional.empty(), AudioSniffer.detect(new byte[0], 0));
    }

    @Test
    void wavHeaderGivesDurationAndEmptiness() {
        final byte[] oneSecond = wav(1, 16000, 32000);
        final WavHeader header = WavHeader.parse(oneSecond, oneSecond.length).orElseThrow();
        assertEquals(1, header.channels());
        assertEquals(16000, header.sampleRate());
        assertEquals(OptionalDouble.of(1.0), header.durationSeconds());
        final byte[] empty = wav(2, 8000, 0);
        assertTrue(WavHeader.parse(empty, empty.length).orElseThrow().hasNoSamples());
    }

    @Test
    void wavHeaderSkipsChunksBeforeData() {
        final byte[] plain = wav(2, 8000, 64000);
        final byte[] list = concat(ascii("LIST"), le32(5), ascii("INFOx"), new byte[1]);
        final byte[] withList = concat(Arrays.copyOf(plain, 36), list, Arrays.copyOfRange(plain, 36, plain.length));
        final WavHeader header = WavHeader.parse(withList, withList.length).orElseThrow();
        assertEquals(2, header.channels());
        assertEquals(OptionalDouble.of(2.0), header.durationSeconds());
    }

    static byte[] wav(final int channels, final int sampleRate, final int dataBytes) {
        final int byteRate = sampleRate * channels * 2;
        final ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) channels).putInt(sampleRate).putInt(byteRate)
                .putShort((short) (channels * 2)).putShort((short) 16);
        b.put(ascii("data")).putInt(dataBytes);
        return b.array();
    }

    private static AudioFormat detect(final byte[] head) {
        return AudioSniffer.detect(head, head.length).orElseThrow();
    }

    private static byte[] ascii(final String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] le32(final int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static byte[] bytes(final int... values) {
        final byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(final byte[]... parts) {
        final ByteBuffer b = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (final byte[] part : parts) {
            b.put(part);
        }
        return b.array();
    }
}
