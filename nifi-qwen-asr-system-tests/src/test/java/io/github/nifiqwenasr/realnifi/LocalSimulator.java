/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * JUnit extension: one DashScope simulator process for the whole system-test run (the jar the reactor built),
 * with a key of its own, stopped by its pid when the run ends or the JVM exits. Tests get the {@link SimulatorProcess}.
 */
public final class LocalSimulator implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalSimulator.class);
    private static final String JAR = "qwen-asr-simulator/target/qwen-asr-simulator-0.1.0-SNAPSHOT.jar";

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
        return parameter.getParameter().getType() == SimulatorProcess.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedSimulator.class, key -> SharedSimulator.start(), SharedSimulator.class)
                .simulator();
    }

    private record SharedSimulator(SimulatorProcess simulator, Thread shutdownHook) implements AutoCloseable {

        static SharedSimulator start() {
            final Path jar = RealNiFi.repoRoot().resolve(JAR);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("The simulator jar is missing: " + jar + " (run the system tests through Maven: verify)");
            }
            final SimulatorProcess simulator = SimulatorProcess.start(jar, RealNiFi.instancesDirectory().resolve("simulator"),
                    "sk-systemtest-" + UUID.randomUUID(), List.of());
            final Thread shutdownHook = new Thread(simulator::stop, "stop the DashScope simulator");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            return new SharedSimulator(simulator, shutdownHook);
        }

        @Override
        public void close() {
            simulator.stop();
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
    }
}
