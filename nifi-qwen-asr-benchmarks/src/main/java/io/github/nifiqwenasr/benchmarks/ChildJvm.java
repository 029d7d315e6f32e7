/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.io.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one contender in a JVM of its own: its own class path, a heap and JIT that nothing else has touched, and
 * allocation counters that see only its work. The child prints one line {@code RESULT <json>}; everything else it
 * writes goes to a log file named after the run.
 */
public final class ChildJvm {

    private static final String RESULT_PREFIX = "RESULT ";

    private final Path logDirectory;
    private final List<String> jvmOptions;

    public ChildJvm(final Path logDirectory, final List<String> jvmOptions) {
        this.logDirectory = logDirectory;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** Called by the child's main method: hands the result to the parent. */
    public static void emit(final JsonNode result) {
        System.out.println(RESULT_PREFIX + result);
        System.out.flush();
    }

    public JsonNode run(final String name, final String classpath, final Class<?> mainClass, final List<String> args,
                        final Duration timeout) throws IOException, InterruptedException {
        final Path log = logDirectory.resolve(name + ".log");
        Files.createDirectories(logDirectory);
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass.getName());
        command.addAll(args);
        final Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        final AtomicReference<String> result = new AtomicReference<>();
        final Thread reader = Thread.ofVirtual().start(() -> result.set(readResult(process)));
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException(name + " did not finish within " + timeout + "; see " + log);
        }
        reader.join();
        if (process.exitValue() != 0 || result.get() == null) {
            throw new IOException(name + " failed (exit " + process.exitValue() + "); see " + log + ":\n" + tail(log));
        }
        return Json.MAPPER.readTree(result.get());
    }

    /** The child's result line; null when it printed none (or its output could not be read). */
    private static String readResult(final Process process) {
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(RESULT_PREFIX)) {
                    result = line.substring(RESULT_PREFIX.length());
                }
            }
        } catch (final IOException e) {
            return null;
        }
        return result;
    }

    private static String tail(final Path log) throws IOException {
        final List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
