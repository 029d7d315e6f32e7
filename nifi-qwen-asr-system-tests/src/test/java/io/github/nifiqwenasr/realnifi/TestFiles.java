/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The sample audio and the files the example flows write, as the system tests read them. */
final class TestFiles {

    private static final Pattern MARKER = Pattern.compile("QWENSIM-TEXT:([^\\x00\\r\\n]*)");

    private TestFiles() {
    }

    /** Copies a sample into {@code directory} under a hidden name first, so ListFile never lists it half-written. */
    static void dropSample(final String sample, final Path directory) {
        dropSampleAs(sample, directory, sample);
    }

    /** Copies a sample into {@code directory} as {@code name}, under a hidden name first like {@link #dropSample}. */
    static void dropSampleAs(final String sample, final Path directory, final String name) {
        try {
            Directories.dropFile(sample(sample), directory, name);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sentence a sample carries in its QWENSIM-TEXT marker, as samples/make-samples.sh wrote it. */
    static String spokenText(final String sample) {
        try {
            final Matcher matcher = MARKER.matcher(new String(Files.readAllBytes(sample(sample)), StandardCharsets.ISO_8859_1));
            if (!matcher.find()) {
                throw new IllegalStateException(sample + " has no QWENSIM-TEXT marker");
            }
            return matcher.group(1);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The regular files in {@code directory}, sorted; none when it does not exist (yet). */
    static List<Path> list(final Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.filter(Files::isRegularFile).sorted().toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(final Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether any file under {@code directory} (but not under {@code excluded}) contains {@code text}. */
    static List<Path> filesContaining(final Path directory, final Path excluded, final String text) {
        final byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(path -> !path.startsWith(excluded))
                    .filter(path -> contains(path, needle))
                    .toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(final Path file, final byte[] needle) {
        try {
            final byte[] haystack = Files.readAllBytes(file);
            for (int start = 0; start + needle.length <= haystack.length; start++) {
                if (Arrays.equals(haystack, start, start + needle.length, needle, 0, needle.length)) {
                    return true;
                }
            }
            return false;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path sample(final String name) {
        return RealNiFi.repoRoot().resolve("samples").resolve(name);
    }
}
