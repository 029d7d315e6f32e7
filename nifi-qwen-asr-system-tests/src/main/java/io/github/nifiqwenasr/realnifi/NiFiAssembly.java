/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * NiFi 2.3.0 assembled from Maven Central by {@code nifi-assembly/pom.xml} into {@code .nifi/nifi-2.3.0} at the
 * repository root, once: later calls find it there. A change to the assembly poms assembles it again. The directory is
 * only written by this class, as a whole (built beside it, then renamed), under a file lock, so a half-assembled NiFi
 * is never used and two builds never assemble at the same time.
 */
public final class NiFiAssembly {

    public static final String NIFI_VERSION = "2.3.0";

    private static final List<String> RECIPE = List.of("nifi-assembly/pom.xml", "nifi-assembly/nifi-standard-nar/pom.xml",
            "nifi-assembly/nifi-update-attribute-nar/pom.xml");
    private static final String RECIPE_DIGEST_FILE = "assembly.sha256";
    private static final long ASSEMBLY_TIMEOUT_MINUTES = 20;

    private final Path home;

    private NiFiAssembly(final Path home) {
        this.home = home;
    }

    /** The assembled NiFi, assembling it first when it is missing or its recipe changed. */
    public static NiFiAssembly ensure(final Path repoRoot, final Consumer<String> progress) {
        final Path cache = repoRoot.resolve(".nifi");
        final Path home = cache.resolve("nifi-" + NIFI_VERSION);
        try {
            Files.createDirectories(cache);
            try (FileChannel lockChannel = FileChannel.open(cache.resolve("assembly.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockChannel.lock()) {
                final String digest = recipeDigest(repoRoot);
                final Path digestFile = home.resolve(RECIPE_DIGEST_FILE);
                if (Files.isRegularFile(digestFile) && Files.readString(digestFile, StandardCharsets.US_ASCII).equals(digest)) {
                    progress.accept("NiFi " + NIFI_VERSION + " already assembled in " + home);
                } else {
                    assemble(repoRoot, cache, home, progress);
                    Files.writeString(digestFile, digest, StandardCharsets.US_ASCII);
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not assemble NiFi in " + home, e);
        }
        return new NiFiAssembly(home);
    }

    public Path home() {
        return home;
    }

    /** The jars NiFi starts with and the NARs it loads at startup. */
    public Path lib() {
        return home.resolve("lib");
    }

    private static void assemble(final Path repoRoot, final Path cache, final Path home, final Consumer<String> progress) throws IOException {
        final Path staging = cache.resolve("nifi-" + NIFI_VERSION + ".staging");
        final Path log = cache.resolve("assembly.log");
        Directories.deleteRecursively(staging);
        progress.accept("Assembling NiFi " + NIFI_VERSION + " from Maven Central into " + home
                + " (first run only; a few minutes with an empty ~/.m2). Log: " + log);
        final long started = System.nanoTime();
        final ProcessBuilder builder = new ProcessBuilder(mavenCommand(repoRoot, staging))
                .directory(repoRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        final Process maven = builder.start();
        try {
            if (!maven.waitFor(ASSEMBLY_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                maven.destroyForcibly();
                throw new IllegalStateException("Assembling NiFi took more than " + ASSEMBLY_TIMEOUT_MINUTES + " minutes; see " + log);
            }
        } catch (final InterruptedException e) {
            maven.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while assembling NiFi", e);
        }
        if (maven.exitValue() != 0) {
            throw new IllegalStateException("Assembling NiFi failed (exit " + maven.exitValue() + "); see " + log);
        }
        Directories.deleteRecursively(home);
        Files.move(staging, home);
        progress.accept("NiFi " + NIFI_VERSION + " assembled in " + (System.nanoTime() - started) / 1_000_000_000 + " s");
    }

    /**
     * {@code mvnw package} of nifi-assembly. A Maven build that runs this (the system tests) passes its local repository
     * as the system property {@code nifiqwenasr.maven.repo.local}, so both builds share one.
     */
    private static List<String> mavenCommand(final Path repoRoot, final Path staging) {
        final List<String> command = new ArrayList<>(List.of(
                repoRoot.resolve("mvnw").toString(), "-B", "-ntp",
                "-f", repoRoot.resolve("nifi-assembly/pom.xml").toString(),
                // Resolve the many POMs of the standard processors' dependency tree in parallel.
                "-Daether.dependencyCollector.impl=bf",
                "-Dnifi.home=" + staging));
        final String localRepository = System.getProperty("nifiqwenasr.maven.repo.local", "");
        if (!localRepository.isBlank()) {
            command.add("-Dmaven.repo.local=" + localRepository);
        }
        command.add("package");
        return command;
    }

    private static String recipeDigest(final Path repoRoot) throws IOException {
        try {
            final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (final String file : RECIPE) {
                sha256.update(Files.readAllBytes(repoRoot.resolve(file)));
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
