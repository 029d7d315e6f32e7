/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * Passes bytes through unchanged while the JDK's UTF-8 decoder, set to report errors, checks them: a malformed or
 * truncated sequence, an overlong form, an encoded surrogate or a code point beyond U+10FFFF fails the read with a
 * {@link java.nio.charset.CharacterCodingException}. Jackson's byte parser, which is faster than decoding to chars
 * first, lets some of these through and decodes them into wrong characters.
 */
final class Utf8CheckingInputStream extends FilterInputStream {

    private static final int MAX_SEQUENCE_LENGTH = 4;

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    private final CharBuffer discarded = CharBuffer.allocate(8192);
    private final ByteBuffer incomplete = ByteBuffer.allocate(MAX_SEQUENCE_LENGTH);
    private final byte[] single = new byte[1];
    private ByteBuffer window = ByteBuffer.allocate(8192 + MAX_SEQUENCE_LENGTH);

    Utf8CheckingInputStream(final InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        return read(single, 0, 1) < 0 ? -1 : single[0] & 0xFF;
    }

    @Override
    public int read(final byte[] bytes, final int offset, final int length) throws IOException {
        final int count = in.read(bytes, offset, length);
        if (count < 0) {
            check(ByteBuffer.allocate(0), true);
        } else {
            check(ByteBuffer.wrap(bytes, offset, count), false);
        }
        return count;
    }

    @Override
    public long skip(final long count) throws IOException {
        final byte[] skipped = new byte[(int) Math.min(count, 8192)];
        final int read = read(skipped, 0, skipped.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Decodes the bytes after those left over from the last read; keeps an incomplete sequence at the end for the next. */
    private void check(final ByteBuffer bytes, final boolean endOfInput) throws IOException {
        incomplete.flip();
        final int needed = incomplete.remaining() + bytes.remaining();
        if (window.capacity() < needed) {
            window = ByteBuffer.allocate(needed);
        }
        window.clear();
        window.put(incomplete).put(bytes).flip();
        CoderResult result;
        do {
            discarded.clear();
            result = decoder.decode(window, discarded, endOfInput);
            if (result.isError()) {
                result.throwException();
            }
        } while (result.isOverflow());
        incomplete.clear();
        incomplete.put(window);
    }
}
