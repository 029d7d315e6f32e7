package io.github.nifiqwenasr.realnifi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
