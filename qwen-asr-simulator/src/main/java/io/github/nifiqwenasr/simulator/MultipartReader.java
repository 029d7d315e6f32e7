/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Streams the parts of a multipart/form-data body (RFC 7578) without holding any part in memory: the caller reads
 * each part's bytes with {@link #read} until -1, then asks for the {@link #next} part.
 */
final class MultipartReader {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer;
    private int start;
    private int end;
    /** False at first: the preamble before the first delimiter is skipped like the rest of a part. */
    private boolean partEnded;
    private boolean finished;

    MultipartReader(final InputStream in, final String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buffer = new byte[BUFFER_SIZE + delimiter.length];
        // The first delimiter has no CRLF in front of it: pretend one was there.
        buffer[0] = '\r';
        buffer[1] = '\n';
        end = 2;
    }

    /** The boundary parameter of a multipart/form-data Content-Type, or null. */
    static String boundary(final String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        for (final String parameter : contentType.split(";")) {
            final String trimmed = parameter.trim();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                final String value = trimmed.substring("boundary=".length());
                return value.startsWith("\"") && value.endsWith("\"") && value.length() > 1 ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    /** Moves to the next part (skipping what is left of the current one); null after the closing delimiter. */
    Part next() throws IOException {
        final byte[] skip = new byte[8192];
        while (!partEnded) {
            read(skip, 0, skip.length);
        }
        if (finished) {
            return null;
        }
        partEnded = false;
        final String afterDelimiter = new String(take(2), StandardCharsets.ISO_8859_1);
        if ("--".equals(afterDelimiter)) {
            finished = true;
            partEnded = true;
            return null;
        }
        if (!"\r\n".equals(afterDelimiter)) {
            throw new IOException("Malformed multipart body: garbage after a boundary");
        }
        String name = null;
        String filename = null;
        String line;
        while (!(line = headerLine()).isEmpty()) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                name = dispositionParameter(line, "name");
                filename = dispositionParameter(line, "filename");
            }
        }
        if (name == null) {
            throw new IOException("Malformed multipart body: a part without a name");
        }
        return new Part(name, filename);
    }

    /** Reads the current part's bytes; -1 at its end. */
    int read(final byte[] target, final int offset, final int length) throws IOException {
        if (partEnded) {
            return -1;
        }
        while (true) {
            final int found = indexOfDelimiter();
            if (found == start) {
                start += delimiter.length;
                partEnded = true;
                return -1;
            }
            final int safeEnd = found >= 0 ? found : end - delimiter.length + 1;
            if (safeEnd > start) {
                final int count = Math.min(length, safeEnd - start);
                System.arraycopy(buffer, start, target, offset, count);
                start += count;
                return count;
            }
            if (!fill()) {
                throw new IOException("Malformed multipart body: it ends inside a part");
            }
        }
    }

    /** Reads a whole (small) part as UTF-8 text, at most {@code limit} bytes. */
    String readText(final int limit) throws IOException {
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        final byte[] chunk = new byte[1024];
        int read;
        while ((read = read(chunk, 0, chunk.length)) >= 0) {
            if (text.size() + read > limit) {
                throw new IOException("Form field longer than " + limit + " bytes");
            }
            text.write(chunk, 0, read);
        }
        return text.toString(StandardCharsets.UTF_8);
    }

    private int indexOfDelimiter() {
        final int last = end - delimiter.length;
        for (int i = start; i <= last; i++) {
            if (buffer[i] == '\r' && matchesAt(i)) {
                return i;
            }
        }
        return -1;
    }

    private boolean matchesAt(final int position) {
        for (int j = 1; j < delimiter.length; j++) {
            if (buffer[position + j] != delimiter[j]) {
                return false;
            }
        }
        return true;
    }

    private boolean fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            return true;
        }
        final int read = in.read(buffer, end, buffer.length - end);
        if (read < 0) {
            return false;
        }
        end += read;
        return true;
    }

    private byte[] take(final int count) throws IOException {
        while (end - start < count) {
            if (!fill()) {
                throw new IOException("Malformed multipart body: truncated");
            }
        }
        final byte[] taken = new byte[count];
        System.arraycopy(buffer, start, taken, 0, count);
        start += count;
        return taken;
    }

    private String headerLine() throws IOException {
        final StringBuilder line = new StringBuilder();
        while (true) {
            final byte b = take(1)[0];
            if (b == '\n') {
                final int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
            if (line.length() > 8192) {
                throw new IOException("Malformed multipart body: part header too long");
            }
            line.append((char) (b & 0xFF));
        }
    }

    private static String dispositionParameter(final String line, final String parameter) {
        for (final String piece : line.split(";")) {
            final String trimmed = piece.trim();
            if (trimmed.startsWith(parameter + "=")) {
                final String value = trimmed.substring(parameter.length() + 1);
                return value.startsWith("\"") && value.endsWith("\"") && value.length() > 1 ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    /** A part's name and, for file parts, its filename. */
    record Part(String name, String filename) {
    }
}
