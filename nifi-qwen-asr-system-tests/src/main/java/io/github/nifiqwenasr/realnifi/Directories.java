/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-tree helpers the harness needs and the JDK lacks. */
public final class Directories {

    private Directories() {
    }

    /** Deletes {@code directory} and everything in it; nothing happens when it does not exist. */
    public static void deleteRecursively(final Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /**
     * Copies {@code source} into {@code directory} (created if needed) as {@code name}, under a hidden name first and
     * then renamed atomically, so a listing processor never sees a half-written file.
     */
    public static void dropFile(final Path source, final Path directory, final String name) throws IOException {
        Files.createDirectories(directory);
        final Path hidden = directory.resolve("." + name);
        Files.copy(source, hidden, StandardCopyOption.REPLACE_EXISTING);
        Files.move(hidden, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
