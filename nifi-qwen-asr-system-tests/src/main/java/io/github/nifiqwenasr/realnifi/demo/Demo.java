/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi.demo;

import io.github.nifiqwenasr.realnifi.BundleNars;
import io.github.nifiqwenasr.realnifi.Await;
import io.github.nifiqwenasr.realnifi.Directories;
import io.github.nifiqwenasr.realnifi.ExampleParameters;
import io.github.nifiqwenasr.realnifi.ManagedProcess;
import io.github.nifiqwenasr.realnifi.NiFiAssembly;
import io.github.nifiqwenasr.realnifi.NiFiClient;
import io.github.nifiqwenasr.realnifi.NiFiCluster;
import io.github.nifiqwenasr.realnifi.NiFiInstance;
import io.github.nifiqwenasr.realnifi.SimulatorProcess;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The one-command demo behind {@code bin/demo} and {@code bin/demo-stop}: a real NiFi on 127.0.0.1 running the example
 * flows on the sample audio, left running for the user to explore. Talks to DashScope when {@code DASHSCOPE_API_KEY}
 * is set (region from {@code DASHSCOPE_REGION}), otherwise to the local simulator, and says which.
 * Everything lives in {@code .nifi/demo} (recreated by every start); stop removes nothing, so outputs stay readable.
 * With {@code --cluster} the flows run on a 2-node NiFi cluster on 127.0.0.1 instead ({@link NiFiCluster}), and the
 * summary says which node did what.
 *
 * <p>Usage: {@code Demo start <repository root> [--cluster]} or {@code Demo stop <repository root>}.
 */
public final class Demo {

    private static final String SIMULATOR_JAR = "qwen-asr-simulator/target/qwen-asr-simulator-0.1.0-SNAPSHOT.jar";
    private static final String SHORT_FLOW = "examples/short-audio-transcription.json";
    private static final String LONG_FLOW = "examples/long-audio-transcription.json";
    private static final List<String> SHORT_SAMPLES = List.of(
            "hello-world.wav", "weather-report.mp3", "meeting-notes.ogg", "shipping-update.flac", "stereo-call.wav");
    private static final List<String> LONG_SAMPLES = List.of("long-story.mp3");
    private static final Duration OUTPUT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);
    private static final String CLUSTER_FLAG = "--cluster";
    private static final int CLUSTER_NODES = 2;
    private static final List<String> ASR_PROCESSORS = List.of(
            "Transcribe short audio", "Submit transcription task", "Poll transcription task", "Fetch subtitles (SRT)");

    private final Path repoRoot;
    private final Path home;
    private final PrintStream out;

    private Demo(final Path repoRoot, final PrintStream out) {
        this.repoRoot = repoRoot;
        this.home = repoRoot.resolve(".nifi/demo");
        this.out = out;
    }

    public static void main(final String[] args) {
        final boolean valid = args.length == 2 && List.of("start", "stop").contains(args[0])
                || args.length == 3 && args[0].equals("start") && args[2].equals(CLUSTER_FLAG);
        if (!valid) {
            System.err.println("Usage: Demo start <repository root> [" + CLUSTER_FLAG + "] | Demo stop <repository root>");
            System.exit(2);
        }
        final Demo demo = new Demo(Path.of(args[1]).toAbsolutePath().normalize(), System.out);
        if (args[0].equals("start")) {
            demo.start(args.length == 3);
        } else {
            demo.stop();
        }
    }

    private void start(final boolean cluster) {
        final long started = System.nanoTime();
        final List<NiFiInstance> running = runningNodes();
        if (!running.isEmpty()) {
            out.println("The demo NiFi is already running at " + running.stream().map(NiFiInstance::uiUrl).toList()
                    + " (bin/demo-stop stops it).");
            return;
        }
        stopSimulator();
        final NiFiAssembly assembly = NiFiAssembly.ensure(repoRoot, this::step);
        recreateHome();
        try {
            final List<NiFiInstance> nodes = cluster ? startCluster(assembly) : List.of(startInstance(assembly));
            run(nodes, started);
        } catch (final RuntimeException e) {
            out.println("[demo] FAILED: " + e.getMessage());
            out.println("[demo] Stopping what the demo started; its files stay in " + home + ".");
            stop();
            throw e;
        }
    }

    private NiFiInstance startInstance(final NiFiAssembly assembly) {
        final NiFiInstance nifi = NiFiInstance.create(assembly, repoRoot, home);
        BundleNars.in(repoRoot).forEach(nifi::installNar);
        step("Starting NiFi " + NiFiAssembly.NIFI_VERSION + " on 127.0.0.1 (about 15-30 s)...");
        final Duration startup = nifi.start();
        step(String.format("NiFi is up after %.1f s (pid %d, %d MiB resident). UI: %s",
                startup.toMillis() / 1000.0, nifi.pid(), nifi.residentKiB() / 1024, nifi.uiUrl()));
        return nifi;
    }

    /** Two nodes on 127.0.0.1 sharing one flow; node 1 embeds the cluster's ZooKeeper. */
    private List<NiFiInstance> startCluster(final NiFiAssembly assembly) {
        final NiFiCluster cluster = NiFiCluster.create(assembly, repoRoot, clusterHome(), CLUSTER_NODES);
        BundleNars.in(repoRoot).forEach(cluster::installNar);
        step("Starting a " + CLUSTER_NODES + "-node NiFi " + NiFiAssembly.NIFI_VERSION + " cluster on 127.0.0.1 (about 40-90 s"
                + " until both nodes are connected)...");
        final Duration startup = cluster.start();
        step(String.format("The cluster is up after %.1f s, %d of %d nodes connected.", startup.toMillis() / 1000.0,
                cluster.connectedNodes().orElse(0), CLUSTER_NODES));
        for (final NiFiInstance node : cluster.nodes()) {
            step(String.format("  node %s: pid %d, %d MiB resident, UI %s", node.directory().getFileName(), node.pid(),
                    node.residentKiB() / 1024, node.uiUrl()));
        }
        return cluster.nodes();
    }

    private void run(final List<NiFiInstance> nodes, final long started) {
        final NiFiInstance nifi = nodes.getFirst();
        final NiFiClient client = nifi.client();
        final String shortGroup = importFlow(client, SHORT_FLOW, "Qwen3-ASR short audio");
        final String longGroup = importFlow(client, LONG_FLOW, "Qwen3-ASR long audio");
        final List<String> missing = missingProcessors(client, List.of(shortGroup, longGroup));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("NiFi found no processor class for " + missing + " in " + BundleNars.in(repoRoot)
                    + ": rebuild it with ./mvnw -DskipTests package");
        }
        final Service service = connectService();
        configure(client, shortGroup, service);
        for (final String group : List.of(shortGroup, longGroup)) {
            client.enableControllerServices(group);
            client.startGroup(group);
        }
        step("Both flows are running.");

        feed(LONG_SAMPLES, "in/long-audio");
        feed(SHORT_SAMPLES, "in/short-audio");
        final Map<String, Integer> expected = new TreeMap<>(Map.of(
                "out/transcripts", SHORT_SAMPLES.size(), "out/subtitles", LONG_SAMPLES.size(), "out/records", LONG_SAMPLES.size()));
        if (!awaitOutputs(expected)) {
            step("Not every result arrived within " + OUTPUT_TIMEOUT.toMinutes() + " minutes; see the UI's bulletins and queues.");
        }
        if (nodes.size() > 1) {
            whoDidWhat(client, nodes, List.of(shortGroup, longGroup));
        }
        summary(nodes, Duration.ofNanos(System.nanoTime() - started));
    }

    /** How many FlowFiles each node's ASR processors took, from NiFi's nodewise status. */
    private void whoDidWhat(final NiFiClient client, final List<NiFiInstance> nodes, final List<String> groups) {
        out.println();
        out.println("Which node did what (FlowFiles each node's processors took, as NiFi's cluster status reports):");
        for (final String group : groups) {
            StreamSupport.stream(client.groupFlow(group).path("processors").spliterator(), false)
                    .filter(processor -> ASR_PROCESSORS.contains(processor.path("component").path("name").asText()))
                    .forEach(processor -> {
                        final StringBuilder line = new StringBuilder("  " + processor.path("component").path("name").asText() + ":");
                        client.nodewiseStatus(processor.path("id").asText()).forEach((port, status) -> line.append(' ')
                                .append(nodeName(nodes, port)).append(' ').append(status.path("flowFilesIn").asLong()));
                        out.println(line);
                    });
        }
    }

    private static String nodeName(final List<NiFiInstance> nodes, final int apiPort) {
        return nodes.stream().filter(node -> node.baseUrl().endsWith(":" + apiPort))
                .map(node -> node.directory().getFileName().toString()).findFirst().orElse("port " + apiPort);
    }

    private void stop() {
        for (final NiFiInstance nifi : runningNodes()) {
            out.println("Stopping NiFi " + nifi.directory().getFileName() + " (pid " + nifi.pid() + ")...");
            nifi.stop();
        }
        stopSimulator();
        out.println("The demo is stopped. Its files stay in " + home + " until the next bin/demo.");
    }

    /** Where the flows send their requests: the real DashScope service, or the simulator started here. */
    private record Service(String region, String apiKey, String endpointOverride) {
    }

    private Service connectService() {
        final String apiKey = System.getenv("DASHSCOPE_API_KEY");
        if (apiKey != null && !apiKey.isBlank()) {
            final String region = Optional.ofNullable(System.getenv("DASHSCOPE_REGION")).filter(value -> !value.isBlank()).orElse("ap-southeast-1");
            step("DASHSCOPE_API_KEY is set: the flows call Alibaba Cloud Model Studio (region " + region + "). Audio is uploaded to the service.");
            return new Service(region, apiKey, "");
        }
        final Path jar = repoRoot.resolve(SIMULATOR_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The simulator jar is missing: " + jar + " (./mvnw -DskipTests package builds it)");
        }
        final byte[] key = new byte[12];
        new SecureRandom().nextBytes(key);
        final SimulatorProcess simulator = SimulatorProcess.start(jar, home.resolve("run"), "sk-demo-" + HexFormat.of().formatHex(key), List.of());
        step("DASHSCOPE_API_KEY is not set, so the flows talk to the LOCAL DASHSCOPE SIMULATOR at " + simulator.apiBaseUrl()
                + " (pid " + simulator.pid() + "). Transcripts are simulated: each sample carries its own sentence. "
                + "Set DASHSCOPE_API_KEY (and DASHSCOPE_REGION) to use the real service.");
        return new Service("ap-southeast-1", simulator.apiKey(), simulator.apiBaseUrl());
    }

    private String importFlow(final NiFiClient client, final String definition, final String name) {
        try {
            final String groupId = client.uploadFlowDefinition(client.rootGroupId(), name, Files.readAllBytes(repoRoot.resolve(definition)));
            step("Imported " + definition + " as process group \"" + name + "\".");
            return groupId;
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not read " + definition, e);
        }
    }

    /** Both flows share the Qwen3-ASR parameter context: the service's three values plus the demo's directories. */
    private void configure(final NiFiClient client, final String groupId, final Service service) {
        client.setParameters(client.parameterContextId(groupId),
                ExampleParameters.of(service.region(), service.apiKey(), service.endpointOverride(), data("")));
        step("Set the Qwen3-ASR parameters: Region " + service.region() + ", API Key (sensitive), Endpoint Override URL "
                + (service.endpointOverride().isEmpty() ? "(none)" : service.endpointOverride()) + ", directories under " + data(""));
    }

    /** Copies samples in under a hidden name first, so ListFile never sees a half-written file. */
    private void feed(final List<String> samples, final String directory) {
        try {
            final Path target = data(directory);
            for (final String sample : samples) {
                Directories.dropFile(repoRoot.resolve("samples").resolve(sample), target, sample);
            }
            step("Dropped " + String.join(", ", samples) + " into " + target);
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not copy the samples into " + directory, e);
        }
    }

    /** Waits until each output directory holds its expected number of files, printing the counts as they change. */
    private boolean awaitOutputs(final Map<String, Integer> expected) {
        final long deadline = System.nanoTime() + OUTPUT_TIMEOUT.toNanos();
        String last = "";
        while (!done(expected) && System.nanoTime() < deadline) {
            final StringBuilder progress = new StringBuilder();
            expected.forEach((directory, count) -> progress.append(directory.substring("out/".length())).append(' ')
                    .append(count(directory)).append('/').append(count).append(", "));
            progress.append("failures ").append(count("out/failures"));
            if (!progress.toString().equals(last)) {
                step("Waiting for results: " + progress);
                last = progress.toString();
            }
            Await.sleep(PROGRESS_INTERVAL);
        }
        return done(expected);
    }

    private static List<String> missingProcessors(final NiFiClient client, final List<String> groupIds) {
        return groupIds.stream()
                .flatMap(groupId -> StreamSupport.stream(client.groupFlow(groupId).path("processors").spliterator(), false))
                .map(processor -> processor.path("component"))
                .filter(component -> component.path("extensionMissing").asBoolean())
                .map(component -> component.path("name").asText())
                .distinct()
                .toList();
    }

    /** The demo's NiFi instances (one, or the cluster's nodes) that are running now. */
    private List<NiFiInstance> runningNodes() {
        final List<NiFiInstance> nodes = NiFiCluster.exists(clusterHome()) ? NiFiCluster.open(clusterHome()).nodes()
                : Files.isRegularFile(home.resolve("instance.properties")) ? List.of(NiFiInstance.open(home)) : List.of();
        return nodes.stream().filter(NiFiInstance::isRunning).toList();
    }

    private Path clusterHome() {
        return home.resolve("cluster");
    }

    private void summary(final List<NiFiInstance> nodes, final Duration elapsed) {
        out.println();
        out.println("Transcripts (" + data("out/transcripts") + "):");
        for (final Path transcript : files("out/transcripts")) {
            out.println("  " + transcript.getFileName() + ": " + read(transcript).strip().replace("\n", " / "));
        }
        out.println("Subtitles: " + files("out/subtitles").stream().map(Path::toString).toList());
        out.println("Sentence records (JSON): " + files("out/records").stream().map(Path::toString).toList());
        if (count("out/failures") > 0) {
            out.println("Failures (see bulletins and provenance in the UI for why): " + files("out/failures"));
        }
        out.println();
        out.printf("Done in %.0f s. NiFi keeps running: %s (logs: %s).%n", elapsed.toMillis() / 1000.0,
                String.join(", ", nodes.stream().map(NiFiInstance::uiUrl).toList()),
                String.join(", ", nodes.stream().map(node -> node.appLog().toString()).toList()));
        out.println("Drop more audio into " + data("in/short-audio") + " or " + data("in/long-audio") + ". Stop with bin/demo-stop.");
    }

    private boolean done(final Map<String, Integer> expected) {
        return expected.entrySet().stream().allMatch(entry -> count(entry.getKey()) >= entry.getValue());
    }

    private int count(final String directory) {
        return files(directory).size();
    }

    private List<Path> files(final String directory) {
        final Path path = data(directory);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(path)) {
            return listing.filter(Files::isRegularFile).sorted().toList();
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not list " + path, e);
        }
    }

    private static String read(final Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    private Path data(final String relative) {
        return home.resolve("data").resolve(relative);
    }

    private void recreateHome() {
        try {
            Directories.deleteRecursively(home);
            Files.createDirectories(home.resolve("run"));
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not prepare " + home, e);
        }
    }

    private void stopSimulator() {
        ManagedProcess.fromPidFile("DashScope simulator", home.resolve("run/simulator.pid"), home.resolve("run/simulator.log"), "qwen-asr-simulator")
                .ifPresent(simulator -> {
                    out.println("Stopping the DashScope simulator (pid " + simulator.pid() + ")...");
                    simulator.stop();
                });
    }

    private void step(final String message) {
        out.println("[demo] " + message);
    }
}
