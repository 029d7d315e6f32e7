/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.cluster;

import io.github.nifiqwenasr.benchmarks.Benchmark;
import io.github.nifiqwenasr.benchmarks.Format;
import io.github.nifiqwenasr.benchmarks.Row;
import io.github.nifiqwenasr.benchmarks.Section;
import io.github.nifiqwenasr.benchmarks.SuiteContext;
import io.github.nifiqwenasr.benchmarks.Verdict;
import io.github.nifiqwenasr.quota.SimulatedCluster;
import io.github.nifiqwenasr.realnifi.BundleNars;
import io.github.nifiqwenasr.realnifi.ClusterQuotaRun;
import io.github.nifiqwenasr.realnifi.Directories;
import io.github.nifiqwenasr.realnifi.NiFiAssembly;
import io.github.nifiqwenasr.realnifi.NiFiCluster;
import io.github.nifiqwenasr.realnifi.SimulatorProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Issue 12: the account's quota shared by a NiFi cluster. Two real NiFi 2.3.0 nodes on loopback run the short-audio
 * example flow against the simulator, which enforces one quota for both, with the load spread and with all of it on
 * one node; and the cluster quota's own code runs with 8 simulated nodes on a virtual clock sharing one in-memory
 * cluster state, past what these machines can host.
 */
public final class ClusterQuotaBenchmark implements Benchmark {

    private static final String SIMULATOR_JAR = "qwen-asr-simulator/target/qwen-asr-simulator-0.1.0-SNAPSHOT.jar";
    private static final int REAL_QUOTA_RPM = 300;
    private static final int SIMULATED_NODES = 8;
    private static final int SIMULATED_QUOTA_RPM = 100;
    private static final double TARGET_GOODPUT = 0.97;
    private static final double TARGET_THROTTLED = 0.01;
    private static final Duration TARGET_TAKEOVER = Duration.ofSeconds(60);

    private final SuiteContext suite;

    public ClusterQuotaBenchmark(final SuiteContext suite) {
        this.suite = suite;
    }

    @Override
    public String id() {
        return "cluster-quota";
    }

    @Override
    public Section run() throws Exception {
        final List<Row> rows = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        realCluster(rows, notes);
        simulatedCluster(rows, notes);
        return new Section("7. Cluster: one account quota for every node",
                """
                Real cluster: two NiFi %s nodes on 127.0.0.1 (NiFiCluster: the system tests' assembly, unsecured \
                cluster protocol, embedded ZooKeeper on node 1, cluster state in it), the bundle's NAR on both, the \
                simulator as a process of its own enforcing %d requests per minute for the account (one token bucket for \
                both nodes: %d per second, burst %d, 429 Throttling.RateQuota beyond). examples/short-audio-transcription.json \
                as shipped (ListFile on the primary node, round robin after it), its client service's Requests Per Minute \
                set to the account's quota and TranscribeAudioShort at 2 concurrent tasks (the service docs' N x d / 60), \
                more recordings than the window can take; once as shipped (load spread) and \
                once with the connection after ListFile not load-balanced (all load on the primary node). After a 20 s \
                warm-up, the simulator's answers to the flash endpoint in a 60 s window are counted (ClusterQuotaRun, the \
                same code as ClusterIT). Simulated cluster: the bundle's ClusterQuota and RequestRateLimiter, %d nodes on \
                a virtual clock in 10 ms steps, each ticking once a second (spread over the second), one in-memory \
                compare-and-set state, and the service's token bucket at %d requests per minute (burst %d) answering 429, \
                after which a node's limiter pauses for 2 s as the client does (SimulatedCluster, the same code as \
                ClusterQuotaTest). Goodput: accepted requests over what the quota allows in the window."""
                        .formatted(NiFiAssembly.NIFI_VERSION, REAL_QUOTA_RPM, REAL_QUOTA_RPM / 60, burst(REAL_QUOTA_RPM),
                                SIMULATED_NODES, SIMULATED_QUOTA_RPM, burst(SIMULATED_QUOTA_RPM)),
                rows, notes);
    }

    private void realCluster(final List<Row> rows, final List<String> notes) throws Exception {
        final Path repoRoot = Path.of("").toAbsolutePath();
        final Path base = suite.work().resolve("cluster").toAbsolutePath();
        Directories.deleteRecursively(base);
        final NiFiAssembly assembly = NiFiAssembly.ensure(repoRoot, line -> System.out.println("[cluster-quota] " + line));
        final Duration warmUp = Duration.ofSeconds(suite.quick() ? 5 : 20);
        final Duration window = Duration.ofSeconds(suite.quick() ? 15 : 60);
        try (SimulatorProcess simulator = SimulatorProcess.start(repoRoot.resolve(SIMULATOR_JAR), base.resolve("simulator"),
                "sk-benchmark-" + UUID.randomUUID(), List.of("--no-record-bodies"));
             NiFiCluster cluster = NiFiCluster.create(assembly, repoRoot, base.resolve("nifi"), 2)) {
            final Thread stopOnExit = new Thread(() -> {
                cluster.stop();
                simulator.stop();
            }, "stop the benchmark's cluster and simulator");
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            try {
                BundleNars.in(repoRoot).forEach(cluster::installNar);
                final Duration startup = cluster.start();
                final long resident = cluster.nodes().stream().mapToLong(node -> node.residentKiB() * 1024).sum();
                for (final boolean spread : List.of(true, false)) {
                    final ClusterQuotaRun.Result run = ClusterQuotaRun.measure(cluster.node(1).client(), simulator, repoRoot,
                            base.resolve(spread ? "spread" : "one-node"), REAL_QUOTA_RPM, spread, warmUp, window);
                    final String label = "2 real nodes, " + (spread ? "load spread (round robin)" : "all load on one node");
                    rows.add(goodputRow(label, run.goodput(), run.accepted(), run.quotaPerMinute() * window.toSeconds() / 60));
                    rows.add(throttledRow(label, run.throttled(), run.accepted() + run.throttled()));
                    notes.add(label + ": recognitions per node (API port) " + run.perNode() + ".");
                }
                notes.add("The cluster connected " + Format.number(startup.toMillis() / 1000.0, 1) + " s after launch; both"
                        + " nodes together " + Format.bytes(resident) + " resident after start.");
            } finally {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            }
        }
    }

    private void simulatedCluster(final List<Row> rows, final List<String> notes) {
        final Duration window = Duration.ofSeconds(suite.quick() ? 60 : 300);
        final String label = SIMULATED_NODES + " simulated nodes";

        final SimulatedCluster.Window spread = warmedUp(SIMULATED_NODES, 0).run(window);
        rows.add(goodputRow(label + ", every node busy", spread.goodput(), spread.accepted(), expected(window)));
        rows.add(throttledRow(label + ", every node busy", spread.throttled(), spread.accepted() + spread.throttled()));
        rows.add(Row.context(label + ", every node busy: cluster-state writes per minute (all nodes)",
                Format.number(spread.stateWritesPerMinute(), 1)));

        final SimulatedCluster.Window oneNode = warmedUp(1, SIMULATED_NODES - 1).run(window);
        rows.add(goodputRow(label + ", all load on one node", oneNode.goodput(), oneNode.accepted(), expected(window)));
        rows.add(throttledRow(label + ", all load on one node", oneNode.throttled(), oneNode.accepted() + oneNode.throttled()));
        rows.add(Row.context(label + ", all load on one node: cluster-state writes per minute (all nodes)",
                Format.number(oneNode.stateWritesPerMinute(), 1)));

        final SimulatedCluster losing = warmedUp(SIMULATED_NODES, 0);
        losing.nodes().subList(SIMULATED_NODES / 2, SIMULATED_NODES).forEach(SimulatedCluster.Node::kill);
        int seconds = 0;
        while (losing.sumOfShares() < TARGET_GOODPUT * losing.quotaPerSecond() && seconds < 120) {
            losing.run(Duration.ofSeconds(1));
            seconds++;
        }
        rows.add(new Row(label + ", half of them killed: time until the survivors hold the whole quota", seconds + " s", "", "",
                "<= " + TARGET_TAKEOVER.toSeconds() + " s", Verdict.of(seconds <= TARGET_TAKEOVER.toSeconds())));

        final SimulatedCluster joining = warmedUp(SIMULATED_NODES - 1, 0);
        joining.addNode().offer(Double.POSITIVE_INFINITY);
        final SimulatedCluster.Window join = joining.run(Duration.ofSeconds(60));
        rows.add(throttledRow(label + ", one node joining busy", join.throttled(), join.accepted() + join.throttled()));
        notes.add("Simulated windows: " + window.toSeconds() + " s after a 30 s warm-up; the joining run counts the 60 s"
                + " after the eighth node joined.");
    }

    /** A simulated cluster of {@code busy} nodes with more load than the quota and {@code idle} ones, after 30 s. */
    private static SimulatedCluster warmedUp(final int busy, final int idle) {
        final SimulatedCluster cluster = new SimulatedCluster(SIMULATED_QUOTA_RPM);
        for (int i = 0; i < busy; i++) {
            cluster.addNode().offer(Double.POSITIVE_INFINITY);
        }
        for (int i = 0; i < idle; i++) {
            cluster.addNode();
        }
        cluster.run(Duration.ofSeconds(30));
        return cluster;
    }

    private static long expected(final Duration window) {
        return SIMULATED_QUOTA_RPM * window.toSeconds() / 60;
    }

    private static Row goodputRow(final String label, final double goodput, final long accepted, final long allowed) {
        return new Row(label + ": goodput", accepted + " accepted", allowed + " (the quota)", Format.percent(goodput) + " of the quota",
                ">= " + Format.percent(TARGET_GOODPUT), Verdict.of(goodput >= TARGET_GOODPUT));
    }

    private static Row throttledRow(final String label, final long throttled, final long answers) {
        final double share = answers == 0 ? 0 : (double) throttled / answers;
        return new Row(label + ": answers 429", throttled + " of " + answers, "", Format.percent(share),
                "<= " + Format.percent(TARGET_THROTTLED), Verdict.of(share <= TARGET_THROTTLED));
    }

    private static int burst(final int requestsPerMinute) {
        return Math.max(3, (requestsPerMinute + 19) / 20);
    }
}
