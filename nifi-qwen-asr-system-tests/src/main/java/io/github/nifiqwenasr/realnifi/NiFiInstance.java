/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * One NiFi instance: a directory holding its configuration, repositories, extensions and logs, run on the assembled
 * NiFi's libraries without NiFi's bootstrap ({@code java ... org.apache.nifi.NiFi}), bound to 127.0.0.1 on an HTTP
 * port and a management port chosen free when the directory is created and kept afterwards (a restarted instance
 * answers where it did before). Several instances can share one assembly.
 *
 * <p>Start waits until {@code /nifi-api/flow/about} answers 200. Stop is SIGTERM to the instance's own pid (SIGKILL
 * after a grace period); {@link #kill()} is SIGKILL, for crash tests. The flow, queued FlowFiles and provenance live in
 * the directory, so a restart continues where the instance stopped.
 */
public final class NiFiInstance implements AutoCloseable {

    private static final String INSTANCE_FILE = "instance.properties";
    private static final String CONF_TEMPLATES = "nifi-assembly/conf";
    private static final List<String> CONF_FILES = List.of(
            "nifi.properties", "logback.xml", "state-management.xml", "authorizers.xml", "login-identity-providers.xml");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final Path directory;
    private final Path nifiHome;
    private final int httpPort;
    private final int managementPort;
    private final NiFiClient client;
    private Optional<ManagedProcess> process;

    private NiFiInstance(final Path directory, final Path nifiHome, final int httpPort, final int managementPort) {
        this.directory = directory;
        this.nifiHome = nifiHome;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.client = new NiFiClient(baseUrl());
        this.process = ManagedProcess.fromPidFile("NiFi", pidFile(), consoleLog(), propertiesFile().toString());
    }

    /**
     * The instance in {@code directory}: created there (configuration from {@code nifi-assembly/conf}, free ports, a
     * fresh sensitive properties key) unless the directory already holds one, which is then reused as it is.
     */
    public static NiFiInstance create(final NiFiAssembly assembly, final Path repoRoot, final Path directory) {
        final Path absolute = directory.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute.resolve(INSTANCE_FILE))) {
            writeConfiguration(assembly, repoRoot, absolute);
        }
        return open(absolute);
    }

    /** The instance created earlier in {@code directory}, running or not (e.g. to stop a demo from another JVM). */
    public static NiFiInstance open(final Path directory) {
        final Path absolute = directory.toAbsolutePath().normalize();
        final Properties instance = new Properties();
        try (Reader reader = Files.newBufferedReader(absolute.resolve(INSTANCE_FILE), StandardCharsets.UTF_8)) {
            instance.load(reader);
        } catch (final IOException e) {
            throw new UncheckedIOException("No NiFi instance in " + absolute, e);
        }
        return new NiFiInstance(absolute, Path.of(instance.getProperty("nifi.home")),
                Integer.parseInt(instance.getProperty("http.port")), Integer.parseInt(instance.getProperty("management.port")));
    }

    /** Copies a NAR into {@code extensions/}; a running NiFi loads it within seconds, a stopped one when it starts. */
    public void installNar(final Path nar) {
        try {
            final Path extensions = Files.createDirectories(directory.resolve("extensions"));
            Files.copy(nar, extensions.resolve(nar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not install " + nar + " into " + directory, e);
        }
    }

    /**
     * Sets properties in {@code conf/nifi.properties} (replacing a property's line where it has one, appending it
     * otherwise), for an instance that is not running; e.g. to make it a cluster node.
     */
    public void configure(final Map<String, String> properties) {
        final Map<String, String> remaining = new LinkedHashMap<>(properties);
        try {
            final List<String> lines = new ArrayList<>();
            for (final String line : Files.readAllLines(propertiesFile(), StandardCharsets.UTF_8)) {
                final int equals = line.indexOf('=');
                final String key = line.startsWith("#") || equals < 0 ? null : line.substring(0, equals);
                lines.add(key != null && remaining.containsKey(key) ? key + "=" + remaining.remove(key) : line);
            }
            remaining.forEach((key, value) -> lines.add(key + "=" + value));
            Files.write(propertiesFile(), lines, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not configure " + propertiesFile(), e);
        }
    }

    /** Writes a file under {@code conf/} (replacing it), for an instance that is not running. */
    public void writeConfFile(final String name, final String text) {
        try {
            Files.writeString(directory.resolve("conf").resolve(name), text, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not write conf/" + name + " of " + directory, e);
        }
    }

    /** Starts NiFi and returns once its REST API answers; the time that took. Fails if it exits or does not answer in time. */
    public Duration start() {
        if (isRunning()) {
            throw new IllegalStateException("NiFi in " + directory + " is already running: " + process.orElseThrow());
        }
        final long started = System.nanoTime();
        final ManagedProcess nifi = ManagedProcess.start("NiFi", command(), directory, Map.of(), consoleLog(), pidFile());
        process = Optional.of(nifi);
        while (!client.isUp()) {
            final Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (!nifi.isAlive() || elapsed.compareTo(START_TIMEOUT) > 0) {
                final String reason = nifi.isAlive() ? "did not answer within " + START_TIMEOUT.toSeconds() + " s" : "exited";
                nifi.stop();
                throw new IllegalStateException("NiFi in " + directory + " " + reason + ". Last lines of " + appLog() + ":"
                        + System.lineSeparator() + ManagedProcess.tail(appLog()) + System.lineSeparator()
                        + "Console:" + System.lineSeparator() + ManagedProcess.tail(nifi.logFile()));
            }
            Await.sleep(POLL_INTERVAL);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** SIGTERM to this instance's pid (SIGKILL after a grace period); returns once the process is gone. */
    public void stop() {
        process.ifPresent(ManagedProcess::stop);
        process = Optional.empty();
    }

    /** SIGKILL to this instance's pid, as in a crash; returns once the process is gone. */
    public void kill() {
        process.ifPresent(ManagedProcess::kill);
        process = Optional.empty();
    }

    public boolean isRunning() {
        return process.map(ManagedProcess::isAlive).orElse(false);
    }

    public long pid() {
        return runningProcess().pid();
    }

    public long residentKiB() {
        return runningProcess().residentKiB();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String uiUrl() {
        return baseUrl() + "/nifi/";
    }

    public NiFiClient client() {
        return client;
    }

    public Path directory() {
        return directory;
    }

    public Path appLog() {
        return directory.resolve("logs/nifi-app.log");
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "NiFi at " + baseUrl() + " in " + directory;
    }

    private List<String> command() {
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-Djava.awt.headless=true",
                "-Dnifi.properties.file.path=" + propertiesFile(),
                "-Dorg.apache.nifi.management.server.address=127.0.0.1:" + managementPort,
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/java.net=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp", directory.resolve("conf") + ":" + nifiHome.resolve("lib") + "/*",
                "org.apache.nifi.NiFi");
    }

    private static void writeConfiguration(final NiFiAssembly assembly, final Path repoRoot, final Path directory) {
        final List<Integer> ports = FreePorts.distinct(2);
        final int httpPort = ports.get(0);
        final int managementPort = ports.get(1);
        final byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        final Map<String, String> tokens = Map.of(
                "@nifi.home@", assembly.home().toString(),
                "@http.port@", Integer.toString(httpPort),
                "@sensitive.props.key@", HexFormat.of().formatHex(key));
        try {
            final Path conf = Files.createDirectories(directory.resolve("conf"));
            for (final String file : CONF_FILES) {
                Files.writeString(conf.resolve(file), confTemplate(repoRoot, file, tokens), StandardCharsets.UTF_8);
            }
            final Properties instance = new Properties();
            instance.setProperty("nifi.home", assembly.home().toString());
            instance.setProperty("http.port", Integer.toString(httpPort));
            instance.setProperty("management.port", Integer.toString(managementPort));
            try (Writer writer = Files.newBufferedWriter(directory.resolve(INSTANCE_FILE), StandardCharsets.UTF_8)) {
                instance.store(writer, "NiFi instance created by NiFiInstance");
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not write the configuration of a NiFi instance in " + directory, e);
        }
    }

    /** The text of {@code nifi-assembly/conf/<name>} with its {@code @tokens@} filled in. */
    static String confTemplate(final Path repoRoot, final String name, final Map<String, String> tokens) throws IOException {
        final String template = Files.readString(repoRoot.resolve(CONF_TEMPLATES).resolve(name), StandardCharsets.UTF_8);
        return tokens.entrySet().stream()
                .reduce(template, (filled, token) -> filled.replace(token.getKey(), token.getValue()), (first, second) -> second);
    }

    private ManagedProcess runningProcess() {
        return process.filter(ManagedProcess::isAlive)
                .orElseThrow(() -> new IllegalStateException("NiFi in " + directory + " is not running"));
    }

    private Path propertiesFile() {
        return directory.resolve("conf/nifi.properties");
    }

    private Path pidFile() {
        return directory.resolve("run/nifi.pid");
    }

    private Path consoleLog() {
        return directory.resolve("logs/nifi-console.log");
    }
}
