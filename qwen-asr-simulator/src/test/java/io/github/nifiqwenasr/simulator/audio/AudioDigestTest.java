/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AudioDigestTest {

    @Test
    void readsWavDurationChannelsAndRateFromTheHeader() {
        final AudioDigest digest = AudioDigest.of(SampleAudio.wav(Duration.ofMillis(2500), 22_050, 2, "Stereo talk."));

        assertEquals(AudioFormat.WAV, digest.format());
        assertEquals(2.5, digest.durationSeconds(), 1e-9);
        assertEquals(2, digest.channels());
        assertEquals(22_050, digest.sampleRate());
        assertEquals(3, digest.billedSeconds());
        assertEquals("Stereo talk.", digest.transcript());
    }

    @Test
    void trustsTheWavHeaderUnlessItIsAStreamingPlaceholder() {
        assertEquals(13 * 3600, AudioDigest.of(SampleAudio.wavClaiming(Duration.ofHours(13), 8_000, 1, null)).durationSeconds(), 1e-6);

        final byte[] streaming = SampleAudio.wav(Duration.ofSeconds(3), 8_000, 1, null);
        ByteBuffer.wrap(streaming).order(ByteOrder.LITTLE_ENDIAN).putInt(streaming.length - 16_000 * 3 - 4, 0xFFFF_FFFF);
        assertEquals(3, AudioDigest.of(streaming).durationSeconds(), 1e-9);
    }

    @Test
    void estimatesMp3DurationFromTheFirstFramesBitrate() {
        final AudioDigest digest = AudioDigest.of(SampleAudio.mp3(Duration.ofSeconds(10), "Hello from an MP3."));

        assertEquals(AudioFormat.MP3, digest.format());
        assertEquals(10, digest.durationSeconds(), 0.1);
        assertEquals(44_100, digest.sampleRate());
        assertEquals("Hello from an MP3.", digest.embeddedText());
    }

    @Test
    void readsFlacStreamInfo() {
        final ByteBuffer flac = ByteBuffer.allocate(64);
        flac.put("fLaC".getBytes(StandardCharsets.US_ASCII)).put(new byte[] {(byte) 0x80, 0, 0, 34});
        flac.position(18);
        final long sampleRate = 48_000;
        final long totalSamples = 480_000;
        final long packed = sampleRate << 44 | 1L << 41 | 15L << 36 | totalSamples;
        flac.putLong(packed);

        final AudioDigest digest = AudioDigest.of(flac.array());

        assertEquals(AudioFormat.FLAC, digest.format());
        assertEquals(10, digest.durationSeconds(), 1e-9);
        assertEquals(2, digest.channels());
        assertEquals(48_000, digest.sampleRate());
    }

    static Stream<Arguments> containers() {
        return Stream.of(
                Arguments.of("OggS", AudioFormat.OGG),
                Arguments.of("\0\0\0\u0020ftypM4A ", AudioFormat.MP4),
                Arguments.of("#!AMR\n", AudioFormat.AMR),
                Arguments.of("FORM\0\0\0\0AIFF", AudioFormat.AIFF),
                Arguments.of("FORM\0\0\0\0AIFC", AudioFormat.AIFF),
                Arguments.of("\u001A\u0045\u00DF\u00A3", AudioFormat.WEBM),
                Arguments.of("\u0030\u0026\u00B2\u0075\u008E\u0066\u00CF\u0011", AudioFormat.ASF),
                Arguments.of("\u00FF\u00F1\u0050\u0080", AudioFormat.AAC),
                Arguments.of("\u00FF\u00FB\u0090\u0064", AudioFormat.MP3),
                Arguments.of("RIFF\0\0\0\0AVI ", AudioFormat.AVI),
                Arguments.of("FLV\u0001", AudioFormat.FLV),
                Arguments.of("\0\0\u0001\u00BA", AudioFormat.MPEG),
                Arguments.of("RIFF\0\0\0\0WEBP", AudioFormat.UNSUPPORTED),
                Arguments.of("<html>", AudioFormat.UNSUPPORTED),
                Arguments.of("", AudioFormat.UNSUPPORTED));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("containers")
    void sniffsContainersByMagicBytes(final String head, final AudioFormat expected) {
        final byte[] bytes = new byte[160_000];
        final byte[] magic = head.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(magic, 0, bytes, 0, magic.length);

        final AudioDigest digest = AudioDigest.of(bytes);

        assertEquals(expected, digest.format());
        if (expected == AudioFormat.OGG) {
            assertEquals(10, digest.durationSeconds(), 1e-9, "estimated at 16,000 bytes per second");
        }
    }

    @Test
    void takesTheTranscriptFromTheMarkerUpToTheFirstTerminator() {
        assertEquals("Hello", transcript("junk QWENSIM-TEXT:Hello\0more"));
        assertEquals("Hello", transcript("QWENSIM-TEXT:Hello\r\nmore"));
        assertEquals("Hello", transcript("QWENSIM-TEXT:Hello\nmore"));
        assertEquals("Hello to the end", transcript("QQWENSIM-QWENSIM-TEXT:Hello to the end"));
        assertEquals("", transcript("QWENSIM-TEXT:\0"));
        assertEquals("欢迎使用阿里云。", transcript("QWENSIM-TEXT:欢迎使用阿里云。\0QWENSIM-TEXT:second"));
    }

    @Test
    void findsAMarkerSplitAcrossPieces() {
        final byte[] bytes = "....QWENSIM-TEXT:Split marker\0".getBytes(StandardCharsets.UTF_8);
        final AudioDigester digester = new AudioDigester();
        for (final byte b : bytes) {
            digester.update(new byte[] {b}, 0, 1);
        }

        assertEquals("Split marker", digester.finish().embeddedText());
    }

    @Test
    void namesAudioWithoutMarkerByItsHash() throws NoSuchAlgorithmException {
        final byte[] audio = SampleAudio.wav(Duration.ofSeconds(1), 8_000, 1, null);
        final String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(audio));

        final AudioDigest digest = AudioDigest.of(audio);

        assertNull(digest.embeddedText());
        assertEquals(sha256, digest.sha256());
        assertEquals("Simulated transcript " + sha256.substring(0, 8) + ".", digest.transcript());
    }

    private static String transcript(final String content) {
        return AudioDigest.of(content.getBytes(StandardCharsets.UTF_8)).transcript();
    }
}
