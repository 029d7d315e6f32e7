/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

/**
 * A NiFi cluster on the loopback interface: {@code node-1}, {@code node-2}, ... under one directory, each a
 * {@link NiFiInstance} of the same assembly with cluster settings: plain HTTP and an unsecured cluster protocol
 * (NiFi 2.3.0 allows both), one explicit sensitive properties key for all, the embedded ZooKeeper started by node 1
 * only, cluster state in that ZooKeeper, and a flow election that waits for all nodes at most 20 seconds. Every port is
 * chosen free when the cluster is created and kept afterwards, so a node restarted later rejoins where it was.
 *
 * <p>{@link #start()} returns once {@code /nifi-api/flow/cluster/summary} reports every node connected. Flows are
 * deployed through any node and replicated to all. Nodes stop and die by their own pids, like single instances.
 */
public final class NiFiCluster implements AutoCloseable {

    private static final String CLUSTER_FILE = "cluster.properties";
    private static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(4);

    private final Path directory;
    private final List<NiFiInstance> nodes;

    private NiFiCluster(final Path directory, final List<NiFiInstance> nodes) {
        this.directory = directory;
        this.nodes = List.copyOf(nodes);
    }

    /**
     * The cluster in {@code directory}: created there with {@code size} nodes unless the directory already holds a
     * cluster, which is then reused as it is.
     */
    public static NiFiCluster create(final NiFiAssembly assembly, final Path repoRoot, final Path directory, final int size) {
        final Path absolute = directory.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute.resolve(CLUSTER_FILE))) {
            writeCluster(assembly, repoRoot, absolute, size);
        }
        return open(absolute);
    }

    /** The cluster created earlier in {@code directory}, running or not. */
    public static NiFiCluster open(final Path directory) {
        final Path absolute = directory.toAbsolutePath().normalize();
        final Properties cluster = new Properties();
        try (Reader reader = Files.newBufferedReader(absolute.resolve(CLUSTER_FILE), StandardCharsets.UTF_8)) {
            cluster.load(reader);
        } catch (final IOException e) {
            throw new UncheckedIOException("No NiFi cluster in " + absolute, e);
        }
        final int size = Integer.parseInt(cluster.getProperty("nodes"));
        final List<NiFiInstance> nodes = IntStream.rangeClosed(1, size)
                .mapToObj(index -> NiFiInstance.open(absolute.resolve(nodeName(index)))).toList();
        return new NiFiCluster(absolute, nodes);
    }

    /** Whether {@code directory} holds a cluster created by this class. */
    public static boolean exists(final Path directory) {
        return Files.isRegularFile(directory.resolve(CLUSTER_FILE));
    }

    /** Installs a NAR on every node. */
    public void installNar(final Path nar) {
        nodes.forEach(node -> node.installNar(nar));
    }

    /** Starts every node at once and returns once all are connected to the cluster; the time that took. */
    public Duration start() {
        final long started = System.nanoTime();
        final List<CompletableFuture<Duration>> starts = nodes.stream()
                .map(node -> CompletableFuture.supplyAsync(node::start)).toList();
        starts.forEach(CompletableFuture::join);
        awaitConnected(nodes.size());
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Waits until {@code expected} nodes are connected, as the running nodes see it. */
    public void awaitConnected(final int expected) {
        Await.until(expected + " of " + nodes.size() + " nodes connected", CONNECT_TIMEOUT,
                () -> connectedNodes().orElse(-1) == expected);
    }

    /** How many nodes the cluster reports connected, asked of the first running node; empty if none answers. */
    public Optional<Integer> connectedNodes() {
        for (final NiFiInstance node : nodes) {
            if (node.isRunning()) {
                try {
                    final JsonNode summary = node.client().get("/flow/cluster/summary").path("clusterSummary");
                    if (summary.path("connectedToCluster").asBoolean()) {
                        return Optional.of(summary.path("connectedNodeCount").asInt());
                    }
                } catch (final RuntimeException e) {
                    // not answering yet: ask the next node
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The node that the cluster reports as primary, asked of {@code through}; empty while there is none, or while the
     * cluster cannot answer (a node is connecting or disconnecting: NiFi answers 409 then).
     */
    public Optional<NiFiInstance> primary(final NiFiInstance through) {
        final List<JsonNode> members;
        try {
            members = through.client().clusterNodes();
        } catch (final NiFiRestException e) {
            return Optional.empty();
        }
        return members.stream()
                .filter(node -> "CONNECTED".equals(node.path("status").asText()))
                .filter(node -> StreamSupport.stream(node.path("roles").spliterator(), false)
                        .anyMatch(role -> "Primary Node".equals(role.asText())))
                .map(node -> node.path("apiPort").asInt())
                .flatMap(port -> nodes.stream().filter(candidate -> candidate.baseUrl().endsWith(":" + port)))
                .findFirst();
    }

    public List<NiFiInstance> nodes() {
        return nodes;
    }

    /** Node {@code index}, counted from 1 as the directories are named. */
    public NiFiInstance node(final int index) {
        return nodes.get(index - 1);
    }

    /** Stops every node (SIGTERM, SIGKILL after a grace period). */
    public void stop() {
        nodes.forEach(NiFiInstance::stop);
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "NiFi cluster of " + nodes.size() + " nodes in " + directory;
    }

    private static String nodeName(final int index) {
        return "node-" + index;
    }

    private static void writeCluster(final NiFiAssembly assembly, final Path repoRoot, final Path directory, final int size) {
        final List<Integer> ports = FreePorts.distinct(3 + 2 * size);
        final int zookeeperClient = ports.get(0);
        final String zookeeperConnect = "127.0.0.1:" + zookeeperClient;
        final byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        final String sensitiveKey = HexFormat.of().formatHex(key);
        try {
            for (int index = 1; index <= size; index++) {
                final NiFiInstance node = NiFiInstance.create(assembly, repoRoot, directory.resolve(nodeName(index)));
                final boolean first = index == 1;
                final Map<String, String> properties = new LinkedHashMap<>();
                properties.put("nifi.sensitive.props.key", sensitiveKey);
                properties.put("nifi.cluster.is.node", "true");
                properties.put("nifi.cluster.protocol.is.secure", "false");
                properties.put("nifi.cluster.node.address", "127.0.0.1");
                properties.put("nifi.cluster.node.protocol.port", Integer.toString(ports.get(1 + 2 * index)));
                properties.put("nifi.cluster.load.balance.host", "127.0.0.1");
                properties.put("nifi.cluster.load.balance.port", Integer.toString(ports.get(2 + 2 * index)));
                properties.put("nifi.cluster.flow.election.max.candidates", Integer.toString(size));
                properties.put("nifi.cluster.flow.election.max.wait.time", "20 secs");
                properties.put("nifi.state.management.provider.cluster", "zk-provider");
                properties.put("nifi.state.management.embedded.zookeeper.start", Boolean.toString(first));
                properties.put("nifi.state.management.embedded.zookeeper.properties", "./conf/zookeeper.properties");
                properties.put("nifi.zookeeper.connect.string", zookeeperConnect);
                properties.put("nifi.zookeeper.root.node", "/nifi");
                node.configure(properties);
                node.writeConfFile("state-management.xml", NiFiInstance.confTemplate(repoRoot, "state-management-cluster.xml",
                        Map.of("@zookeeper.connect@", zookeeperConnect)));
                if (first) {
                    node.writeConfFile("zookeeper.properties", NiFiInstance.confTemplate(repoRoot, "zookeeper.properties", Map.of(
                            "@zookeeper.client.port@", Integer.toString(zookeeperClient),
                            "@zookeeper.quorum.port@", Integer.toString(ports.get(1)),
                            "@zookeeper.election.port@", Integer.toString(ports.get(2)))));
                    final Path zookeeperData = Files.createDirectories(node.directory().resolve("state/zookeeper"));
                    Files.writeString(zookeeperData.resolve("myid"), "1", StandardCharsets.UTF_8);
                }
            }
            final Properties cluster = new Properties();
            cluster.setProperty("nodes", Integer.toString(size));
            try (Writer writer = Files.newBufferedWriter(directory.resolve(CLUSTER_FILE), StandardCharsets.UTF_8)) {
                cluster.store(writer, "NiFi cluster created by NiFiCluster");
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not write the configuration of a NiFi cluster in " + directory, e);
        }
    }
}
