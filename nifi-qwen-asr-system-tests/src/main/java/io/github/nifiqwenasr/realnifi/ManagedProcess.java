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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process this harness started (NiFi, the simulator), known by its own process id and stopped only through it:
 * never by name. Its output goes to a log file, so it can outlive the JVM that started it (the demo) and so a failed
 * start can be explained from the log's tail. Its pid is also written to a file, so another JVM ({@code bin/demo-stop})
 * can stop exactly this process later.
 */
public final class ManagedProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;

    private final String name;
    private final ProcessHandle handle;
    private final Path logFile;
    private final Path pidFile;

    private ManagedProcess(final String name, final ProcessHandle handle, final Path logFile, final Path pidFile) {
        this.name = name;
        this.handle = handle;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    /** Starts {@code command} in {@code workDir}, stdout and stderr appended to {@code logFile}, pid to {@code pidFile}. */
    public static ManagedProcess start(final String name, final List<String> command, final Path workDir,
                                       final Map<String, String> environment, final Path logFile, final Path pidFile) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(pidFile.getParent());
            final ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            final Process process = builder.start();
            Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.US_ASCII);
            return new ManagedProcess(name, process.toHandle(), logFile, pidFile);
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not start " + name + ": " + String.join(" ", command), e);
        }
    }

    /**
     * The process whose pid {@code pidFile} holds, if it is still running and its command line mentions
     * {@code commandMarker} (so a pid the OS has since reused for something else is never touched).
     */
    public static Optional<ManagedProcess> fromPidFile(final String name, final Path pidFile, final Path logFile,
                                                       final String commandMarker) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            final long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().commandLine().map(line -> line.contains(commandMarker)).orElse(false))
                    .map(handle -> new ManagedProcess(name, handle, logFile, pidFile));
        } catch (final IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return handle.pid();
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Resident set size in KiB, from /proc (Linux). */
    public long residentKiB() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            throw new IllegalStateException("No VmRSS for " + this);
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not read the memory of " + this, e);
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited within the grace period. Returns once the process is gone. */
    public void stop() {
        if (handle.isAlive()) {
            handle.destroy();
            if (!awaitExit(STOP_GRACE)) {
                handle.destroyForcibly();
                awaitExit(STOP_GRACE);
            }
        }
        deletePidFile();
    }

    /** SIGKILL (kill -9): no shutdown of any kind, as in a crash. Returns once the process is gone. */
    public void kill() {
        handle.destroyForcibly();
        awaitExit(STOP_GRACE);
        deletePidFile();
    }

    /** The last lines of a log file, to explain a failure. */
    public static String tail(final Path log) {
        try {
            final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (final IOException e) {
            return "(no log at " + log + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }

    private boolean awaitExit(final Duration timeout) {
        final CompletableFuture<ProcessHandle> exit = handle.onExit();
        try {
            exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (final TimeoutException e) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (final ExecutionException e) {
            throw new IllegalStateException("Waiting for " + this + " to exit failed", e);
        }
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not delete " + pidFile, e);
        }
    }
}
