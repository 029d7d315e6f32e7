/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * JUnit extension: one real NiFi for the whole system-test run, assembled if needed, started fresh with the bundle's
 * NAR installed, and stopped by its own pid when the run ends (also when a test fails, and from a JVM shutdown hook
 * if the run is aborted). Test methods and constructors get the {@link NiFiInstance} or its {@link NiFiClient}.
 */
public final class RealNiFi implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealNiFi.class);

    @Override
    public void beforeAll(final ExtensionContext context) {
        shared(context);
    }

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
        final Class<?> type = parameter.getParameter().getType();
        return type == NiFiInstance.class || type == NiFiClient.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
        final NiFiInstance nifi = shared(context);
        return parameter.getParameter().getType() == NiFiInstance.class ? nifi : nifi.client();
    }

    /** The repository root (mvnw, nifi-assembly/, examples/, samples/). */
    static Path repoRoot() {
        return Path.of(System.getProperty("nifiqwenasr.repo.root", "..")).toAbsolutePath().normalize();
    }

    /** One of the example flow definitions in {@code examples/}. */
    static Path example(final String name) {
        return repoRoot().resolve("examples").resolve(name);
    }

    /** Where this run's NiFi instances live (under target/, so {@code mvn clean} removes them). */
    static Path instancesDirectory() {
        return Path.of(System.getProperty("nifiqwenasr.instances", "target/nifi-instances")).toAbsolutePath();
    }

    /** The bundle's processors NAR as the reactor built it. */
    static Path bundleNar() {
        return builtNar("nifiqwenasr.nar", "target/nar/nifi-qwen-asr-nar.nar");
    }

    /** The NAR of the client service's API, the parent of {@link #bundleNar()}. */
    static Path apiNar() {
        return builtNar("nifiqwenasr.api.nar", "target/nar/nifi-qwen-asr-service-api-nar.nar");
    }

    /** Both NARs a NiFi needs to run the bundle: the API NAR and the processors NAR. */
    static List<Path> bundleNars() {
        return List.of(apiNar(), bundleNar());
    }

    private static Path builtNar(final String property, final String fallback) {
        final Path nar = Path.of(System.getProperty(property, fallback));
        if (!Files.isRegularFile(nar)) {
            throw new IllegalStateException("The NAR under test is missing: " + nar + " (run the system tests through Maven: verify)");
        }
        return nar;
    }

    /**
     * A new, empty NiFi instance directory named {@code name}. A leftover from an earlier run is removed, after
     * stopping its NiFi if that run was aborted before it could (found by the pid file the instance keeps).
     */
    static NiFiInstance freshInstance(final String name) {
        final NiFiAssembly assembly = NiFiAssembly.ensure(repoRoot(), System.out::println);
        final Path directory = instancesDirectory().resolve(name);
        if (Files.isRegularFile(directory.resolve("instance.properties"))) {
            NiFiInstance.open(directory).stop();
        }
        try {
            Directories.deleteRecursively(directory);
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not remove " + directory, e);
        }
        return NiFiInstance.create(assembly, repoRoot(), directory);
    }

    /** A new cluster of {@code nodes} named {@code name}, after stopping and removing a leftover like {@link #freshInstance}. */
    static NiFiCluster freshCluster(final String name, final int nodes) {
        final NiFiAssembly assembly = NiFiAssembly.ensure(repoRoot(), System.out::println);
        final Path directory = instancesDirectory().resolve(name);
        if (NiFiCluster.exists(directory)) {
            NiFiCluster.open(directory).stop();
        }
        try {
            Directories.deleteRecursively(directory);
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not remove " + directory, e);
        }
        return NiFiCluster.create(assembly, repoRoot(), directory, nodes);
    }

    private static NiFiInstance shared(final ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedNiFi.class, key -> SharedNiFi.start(), SharedNiFi.class)
                .nifi();
    }

    /** Closed by JUnit at the end of the run: stops NiFi. */
    private record SharedNiFi(NiFiInstance nifi, Thread shutdownHook) implements AutoCloseable {

        static SharedNiFi start() {
            final NiFiInstance nifi = freshInstance("shared");
            bundleNars().forEach(nifi::installNar);
            final Thread shutdownHook = new Thread(nifi::stop, "stop NiFi " + nifi.directory());
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            final Duration startup = nifi.start();
            System.out.printf("NiFi started in %.1f s at %s (pid %d, RSS %d MiB)%n",
                    startup.toMillis() / 1000.0, nifi.baseUrl(), nifi.pid(), nifi.residentKiB() / 1024);
            return new SharedNiFi(nifi, shutdownHook);
        }

        @Override
        public void close() {
            if (nifi.isRunning()) {
                System.out.printf("Stopping NiFi (pid %d, RSS %d MiB)%n", nifi.pid(), nifi.residentKiB() / 1024);
            }
            nifi.stop();
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
    }
}
