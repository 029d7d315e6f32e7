/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Utf8CheckingInputStreamTest {

    private static final byte[] TEXT = "Hello 欢迎使用阿里云 😀 ñ".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8192})
    void passesWellFormedTextThroughWhateverTheReadSize(final int readSize) throws IOException {
        assertArrayEquals(TEXT, readAll(new Utf8CheckingInputStream(new ByteArrayInputStream(TEXT)), readSize));
    }

    @Test
    void passesSingleBytesThrough() throws IOException {
        final InputStream in = new Utf8CheckingInputStream(new ByteArrayInputStream(TEXT));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            out.write(b);
        }
        assertArrayEquals(TEXT, out.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 8192})
    void failsOnAnOverlongFormSplitAcrossReads(final int readSize) {
        final byte[] overlong = {'a', (byte) 0xC0, (byte) 0xAF, 'b'};

        assertThrows(CharacterCodingException.class, () -> readAll(new Utf8CheckingInputStream(new ByteArrayInputStream(overlong)), readSize));
    }

    @Test
    void failsOnASequenceCutOffByTheEnd() {
        final byte[] cut = {'a', (byte) 0xE6, (byte) 0xAC};

        assertThrows(CharacterCodingException.class, () -> readAll(new Utf8CheckingInputStream(new ByteArrayInputStream(cut)), 8192));
    }

    private static byte[] readAll(final InputStream in, final int readSize) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] buffer = new byte[readSize];
        int count;
        while ((count = in.read(buffer, 0, readSize)) >= 0) {
            out.write(buffer, 0, count);
        }
        return out.toByteArray();
    }
}
