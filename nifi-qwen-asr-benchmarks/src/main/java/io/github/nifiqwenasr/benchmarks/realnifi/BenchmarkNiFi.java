/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.realnifi;

import io.github.nifiqwenasr.benchmarks.SuiteContext;
import io.github.nifiqwenasr.realnifi.BundleNars;
import io.github.nifiqwenasr.realnifi.Directories;
import io.github.nifiqwenasr.realnifi.NiFiAssembly;
import io.github.nifiqwenasr.realnifi.NiFiInstance;
import io.github.nifiqwenasr.realnifi.SimulatorProcess;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What every real-NiFi benchmark starts with: the system tests' NiFi assembly in a fresh directory of the suite's work
 * directory, both bundle NARs installed, and the simulator as a process of its own (zero latency, no bodies kept).
 * Both processes are stopped on close, and also when the benchmark JVM is interrupted.
 */
final class BenchmarkNiFi implements AutoCloseable {

    private static final String SIMULATOR_JAR = "qwen-asr-simulator/target/qwen-asr-simulator-0.1.0-SNAPSHOT.jar";

    private final Path repoRoot;
    private final Path base;
    private final SimulatorProcess simulator;
    private final NiFiInstance nifi;
    private final Thread stopOnExit;
    private final Duration startup;

    private BenchmarkNiFi(final Path repoRoot, final Path base, final SimulatorProcess simulator, final NiFiInstance nifi) {
        this.repoRoot = repoRoot;
        this.base = base;
        this.simulator = simulator;
        this.nifi = nifi;
        this.stopOnExit = new Thread(() -> {
            nifi.stop();
            simulator.stop();
        }, "stop the benchmark's NiFi and simulator");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        BundleNars.in(repoRoot).forEach(nifi::installNar);
        this.startup = nifi.start();
    }

    /** Starts both for benchmark {@code id}; {@code simulatorArguments} come after {@code --no-record-bodies}. */
    static BenchmarkNiFi start(final SuiteContext suite, final String id, final List<String> simulatorArguments) throws IOException {
        final Path repoRoot = Path.of("").toAbsolutePath();
        final Path base = suite.work().resolve(id).toAbsolutePath();
        Directories.deleteRecursively(base);
        final NiFiAssembly assembly = NiFiAssembly.ensure(repoRoot, line -> System.out.println("[" + id + "] " + line));
        final List<String> arguments = new ArrayList<>(List.of("--no-record-bodies"));
        arguments.addAll(simulatorArguments);
        final SimulatorProcess simulator = SimulatorProcess.start(repoRoot.resolve(SIMULATOR_JAR), base.resolve("simulator"),
                "sk-benchmark-" + UUID.randomUUID(), arguments);
        NiFiInstance nifi = null;
        try {
            nifi = NiFiInstance.create(assembly, repoRoot, base.resolve("nifi"));
            return new BenchmarkNiFi(repoRoot, base, simulator, nifi);
        } catch (final RuntimeException e) {
            if (nifi != null) {
                nifi.close();
            }
            simulator.close();
            throw e;
        }
    }

    Path repoRoot() {
        return repoRoot;
    }

    /** Where the data directories of this benchmark's flows go. */
    Path data(final String name) {
        return base.resolve("data").resolve(name);
    }

    SimulatorProcess simulator() {
        return simulator;
    }

    NiFiInstance nifi() {
        return nifi;
    }

    /** How long NiFi took to start. */
    Duration startup() {
        return startup;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (final IllegalStateException e) {
            // The JVM is already exiting: the hook stops both.
        }
        try {
            nifi.close();
        } finally {
            simulator.close();
        }
    }
}
