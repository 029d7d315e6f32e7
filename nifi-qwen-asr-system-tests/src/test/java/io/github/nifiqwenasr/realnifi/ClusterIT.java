/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundle on a real 2-node NiFi 2.3.0 cluster on loopback ({@link NiFiCluster}), against the simulator, which
 * enforces one quota for the account the two nodes share: the example flows as shipped (listing on the primary node,
 * round robin after it), the account's quota held by the two nodes together with the load spread and with all of it on
 * one node, a node killed with tasks in flight, and the primary node stopped while files arrive.
 */
@ExtendWith(LocalSimulator.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final List<String> SHORT_SAMPLES = List.of(
            "hello-world.wav", "weather-report.mp3", "meeting-notes.ogg", "shipping-update.flac", "stereo-call.wav");
    private static final String CLIP = "meeting-notes.ogg";
    /** The account's quota in the quota tests: high enough that one minute is a fair sample, low enough for two cores. */
    private static final int QUOTA_RPM = 300;
    private static final double MIN_GOODPUT = 0.97;
    private static final double MAX_THROTTLED_SHARE = 0.01;

    @TempDir
    private Path data;

    private final SimulatorProcess simulator;
    private NiFiCluster cluster;
    private Thread shutdownHook;

    ClusterIT(final SimulatorProcess simulator) {
        this.simulator = simulator;
    }

    @BeforeAll
    void startCluster() {
        cluster = RealNiFi.freshCluster("cluster", 2);
        RealNiFi.bundleNars().forEach(cluster::installNar);
        shutdownHook = new Thread(cluster::stop, "stop the NiFi cluster");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        final Duration startup = cluster.start();
        System.out.printf("Cluster: 2 nodes connected %.1f s after launch; RSS %s MiB%n", startup.toMillis() / 1000.0,
                cluster.nodes().stream().map(node -> Long.toString(node.residentKiB() / 1024)).toList());
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            System.out.printf("Cluster at the end: RSS %s MiB%n", cluster.nodes().stream().filter(NiFiInstance::isRunning)
                    .map(node -> Long.toString(node.residentKiB() / 1024)).toList());
            cluster.stop();
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
    }

    @Test
    @Order(1)
    void bothExampleFlowsRunOnBothNodesWithCorrectTranscripts() {
        simulator.reset();
        final Path root = data.resolve("examples");
        final NiFiClient client = cluster.node(1).client();
        // Both share one parameter context, which NiFi changes only while no service using it is enabled.
        final ExampleFlow shortFlow = ExampleFlow.upload(client, simulator, RealNiFi.example("short-audio-transcription.json"), root);
        final ExampleFlow longFlow = ExampleFlow.upload(client, simulator, RealNiFi.example("long-audio-transcription.json"), root);
        shortFlow.start();
        longFlow.start();
        try {
            transcribeOnBothNodes(client, shortFlow, longFlow, root);
        } finally {
            shortFlow.stop();
            longFlow.stop();
        }
    }

    private void transcribeOnBothNodes(final NiFiClient client, final ExampleFlow shortFlow, final ExampleFlow longFlow, final Path root) {
        final Map<String, String> expected = new TreeMap<>();
        for (int copy = 1; copy <= 4; copy++) {
            for (final String sample : SHORT_SAMPLES) {
                final String name = "copy" + copy + "-" + sample;
                TestFiles.dropSampleAs(sample, shortFlow.directory("in/short-audio"), name);
                expected.put(name.substring(0, name.lastIndexOf('.')) + ".txt", TestFiles.spokenText(sample));
            }
        }
        final List<String> clips = IntStream.rangeClosed(1, 8).mapToObj(i -> "clip-" + i).toList();
        clips.forEach(clip -> TestFiles.dropSampleAs(CLIP, longFlow.directory("in/long-audio"), clip + ".ogg"));
        Await.until("every short and long recording written", Duration.ofMinutes(3), () ->
                TestFiles.list(root.resolve("out/transcripts")).size() == expected.size()
                        && TestFiles.list(root.resolve("out/subtitles")).size() == clips.size()
                        && TestFiles.list(root.resolve("out/records")).size() == clips.size()
                        || !TestFiles.list(root.resolve("out/failures")).isEmpty());

        assertEquals(List.of(), TestFiles.list(root.resolve("out/failures")));
        assertEquals(expected, TestFiles.list(root.resolve("out/transcripts")).stream().collect(Collectors.toMap(
                path -> path.getFileName().toString(), TestFiles::read, (a, b) -> a, TreeMap::new)));
        for (final Path subtitles : TestFiles.list(root.resolve("out/subtitles"))) {
            // Cues wrap long sentences over two lines.
            assertTrue(TestFiles.read(subtitles).replaceAll("\\s+", " ").contains(TestFiles.spokenText(CLIP)),
                    subtitles + ": " + TestFiles.read(subtitles));
        }
        final Map<Integer, Long> transcribed = client.nodewiseCount(shortFlow.processorId("Transcribe short audio"), "flowFilesIn");
        final Map<Integer, Long> submitted = client.nodewiseCount(longFlow.processorId("Submit transcription task"), "flowFilesIn");
        System.out.printf("Cluster example flows: TranscribeAudioShort took %s FlowFiles per node, SubmitAsrTask %s%n",
                transcribed, submitted);
        assertEquals(2, transcribed.size());
        assertTrue(transcribed.values().stream().allMatch(count -> count > 0), "short audio per node: " + transcribed);
        assertTrue(submitted.values().stream().allMatch(count -> count > 0), "long audio per node: " + submitted);
    }

    @Test
    @Order(2)
    void theNodesTogetherHoldTheAccountQuotaWithTheLoadSpread() {
        final ClusterQuotaRun.Result run = quotaRun("quota-balanced", true);
        assertTrue(run.perNode().values().stream().allMatch(count -> count > 0.3 * run.accepted()), "per node: " + run.perNode());
    }

    @Test
    @Order(3)
    void oneBusyNodeGetsTheAccountQuotaWhenAllLoadArrivesThere() {
        final ClusterQuotaRun.Result run = quotaRun("quota-one-node", false);
        assertTrue(run.perNode().values().stream().anyMatch(count -> count == 0), "per node: " + run.perNode());
    }

    @Test
    @Order(4)
    void aKilledNodesTasksCompleteExactlyOnceAndTheSurvivorTakesTheWholeQuota() {
        final int quotaRpm = 120;
        simulator.reset();
        // Tasks run long enough that 50 are in flight when the node dies.
        simulator.settings("{\"requestsPerMinute\":" + quotaRpm + ",\"taskRunningTimeBase\":\"30s\"}");
        // The node killed is not the primary: ListFile runs on the primary and hands FlowFiles to the other node, and a
        // SIGKILL of that sending node was seen to bring back FlowFiles it had already handed over when it restarted
        // (NiFi's load balancing is at-least-once for the sender), which SubmitAsrTask then submits as new tasks.
        makePrimary(cluster.node(1));
        final NiFiClient client = cluster.node(1).client();
        final ExampleFlow flow = ExampleFlow.upload(client, simulator, RealNiFi.example("long-audio-transcription.json"), data.resolve("node-loss"));
        flow.configureAsrClient(Map.of("Requests Per Minute", Integer.toString(quotaRpm)));
        whileRunning(flow, () -> loseANode(flow, quotaRpm));
    }

    private void loseANode(final ExampleFlow flow, final int quotaRpm) {
        final NiFiClient client = flow.client();
        final List<String> before = clips("early", 100);
        before.forEach(clip -> TestFiles.dropSampleAs(CLIP, flow.directory("in/long-audio"), clip + ".ogg"));
        final String submit = flow.processorId("Submit transcription task");
        Await.until("50 tasks in flight, submitted by both nodes", Duration.ofMinutes(3), () ->
                simulator.answered("SUBMIT", 200).size() >= 50 && client.nodewiseCount(submit, "flowFilesOut").values().stream().allMatch(count -> count > 0));
        final Map<Integer, Long> submittedPerNode = client.nodewiseCount(submit, "flowFilesOut");

        final NiFiInstance victim = cluster.node(2);
        final Instant killed = Instant.now();
        victim.kill();
        final List<String> after = clips("late", 140);
        after.forEach(clip -> TestFiles.dropSampleAs(CLIP, flow.directory("in/long-audio"), clip + ".ogg"));
        // The first 10 s window after the kill in which the survivor alone submitted at 90% of the quota or more.
        final double perTenSeconds = quotaRpm / 6.0;
        Await.until("the survivor submitting at the whole quota", Duration.ofSeconds(90), () -> {
            final Instant now = Instant.now();
            return now.minusSeconds(10).isAfter(killed)
                    && simulator.answeredBetween("SUBMIT", 200, now.minusSeconds(10), now) >= 0.9 * perTenSeconds;
        });
        final Duration takeover = Duration.between(killed, Instant.now());

        final Duration restart = victim.start();
        cluster.awaitConnected(2);
        final int clips = before.size() + after.size();
        Await.until("subtitles and records of every clip", Duration.ofMinutes(5), () ->
                TestFiles.list(flow.directory("out/subtitles")).size() == clips && TestFiles.list(flow.directory("out/records")).size() == clips
                        || !TestFiles.list(flow.directory("out/failures")).isEmpty());
        final long resubmitted = simulator.answered("SUBMIT", 200).size() - clips;
        final long throttled = simulator.answered("SUBMIT", 429).size();
        System.out.printf("Cluster node loss: SIGKILL of node 2 with %s tasks submitted per node; the survivor submitted at"
                        + " >= 90%% of the %d/min quota in the 10 s up to %.1f s after the kill; node 2 back in %.1f s; %d clips, %d submitted"
                        + " again, %d submits answered 429%n",
                submittedPerNode, quotaRpm, takeover.toMillis() / 1000.0, restart.toMillis() / 1000.0, clips, resubmitted, throttled);
        assertEquals(List.of(), TestFiles.list(flow.directory("out/failures")));
        assertTrue(takeover.compareTo(Duration.ofSeconds(60)) <= 0, "takeover took " + takeover);
        // Only a submit in flight at the kill can be sent again (SubmitAsrTask handles one FlowFile at a time per node).
        assertTrue(resubmitted >= 0 && resubmitted <= 1, "tasks submitted again: " + resubmitted);
        final Map<String, Long> expected = List.of(before, after).stream().flatMap(List::stream)
                .flatMap(clip -> List.of(clip + ".srt", clip + ".json").stream())
                .collect(Collectors.toMap(Function.identity(), file -> 1L));
        Await.until("every write in provenance", () -> flow.sendsByFilename("Write subtitles", "Write records").size() == expected.size());
        assertEquals(expected, flow.sendsByFilename("Write subtitles", "Write records"));
    }

    @Test
    @Order(5)
    void whenThePrimaryNodeStopsTheListingMovesAndNoFileIsListedTwiceOrLost() {
        simulator.reset();
        final NiFiClient client = cluster.node(1).client();
        makePrimary(cluster.node(2));
        final ExampleFlow flow = ExampleFlow.upload(client, simulator, RealNiFi.example("short-audio-transcription.json"), data.resolve("primary"));
        whileRunning(flow, () -> stopThePrimary(flow));
    }

    private void stopThePrimary(final ExampleFlow flow) {
        final List<String> first = clips("first", 30);
        first.forEach(name -> TestFiles.dropSampleAs("hello-world.wav", flow.directory("in/short-audio"), name + ".wav"));
        Await.until("the first files transcribed", Duration.ofMinutes(2), () -> TestFiles.list(flow.directory("out/transcripts")).size() == first.size());

        final NiFiInstance primary = cluster.node(2);
        primary.stop();
        Await.until("node 1 to become primary", Duration.ofMinutes(2),
                () -> cluster.primary(cluster.node(1)).map(node -> node == cluster.node(1)).orElse(false));
        final List<String> second = clips("second", 30);
        second.forEach(name -> TestFiles.dropSampleAs("hello-world.wav", flow.directory("in/short-audio"), name + ".wav"));
        Await.until("the second files transcribed by the new primary", Duration.ofMinutes(2),
                () -> TestFiles.list(flow.directory("out/transcripts")).size() == first.size() + second.size());
        primary.start();
        cluster.awaitConnected(2);

        final List<String> all = List.of(first, second).stream().flatMap(List::stream).toList();
        final Map<String, Long> expected = all.stream().collect(Collectors.toMap(name -> name + ".wav", name -> 1L));
        // A file listed twice would be fetched twice: FetchFile's FETCH events count the listings.
        Await.until("every listing in provenance", () -> flow.eventsByFilename("Fetch audio", "FETCH").size() == all.size());
        assertEquals(expected, flow.eventsByFilename("Fetch audio", "FETCH"), "files fetched after listing, by name, with how often each was fetched");
        assertEquals(all.stream().collect(Collectors.toMap(name -> name + ".txt", name -> 1L)),
                flow.sendsByFilename("Write transcripts"), "transcripts written, by name, with how often each was written");
        assertEquals(List.of(), TestFiles.list(flow.directory("out/failures")));
    }

    /** One minute of the account's quota on the cluster ({@link ClusterQuotaRun}), after 20 s of warm-up. */
    private ClusterQuotaRun.Result quotaRun(final String name, final boolean spread) {
        final ClusterQuotaRun.Result run = ClusterQuotaRun.measure(cluster.node(1).client(), simulator, RealNiFi.repoRoot(),
                data.resolve(name), QUOTA_RPM, spread, Duration.ofSeconds(20), Duration.ofSeconds(60));
        System.out.printf("Cluster quota (%s): %d recognitions in 60 s against a quota of %d/min = %.1f%%, %d answers 429"
                        + " (%.2f%%), FlowFiles out per node %s, accepted per 10 s %s%n", spread ? "load spread" : "all load on one node",
                run.accepted(), QUOTA_RPM, run.goodput() * 100, run.throttled(), run.throttledShare() * 100, run.perNode(),
                run.acceptedPerTenSeconds());
        assertTrue(run.goodput() >= MIN_GOODPUT, "goodput " + run.goodput());
        assertTrue(run.throttledShare() <= MAX_THROTTLED_SHARE, "429 share " + run.throttledShare());
        return run;
    }

    /** Starts the flow, runs {@code test}, and stops the flow again also when the test fails. */
    private static void whileRunning(final ExampleFlow flow, final Runnable test) {
        flow.start();
        try {
            test.run();
        } finally {
            flow.stop();
        }
    }

    /**
     * Makes {@code wanted} the primary node: the current primary is disconnected through the REST API (as an admin
     * would), so the role moves, and connected again. Node 1 embeds the cluster's ZooKeeper, so it is never stopped to
     * move the role.
     */
    private void makePrimary(final NiFiInstance wanted) {
        final NiFiInstance other = wanted == cluster.node(1) ? cluster.node(2) : cluster.node(1);
        if (cluster.primary(wanted).map(node -> node == wanted).orElse(false)) {
            return;
        }
        final NiFiClient client = wanted.client();
        final String otherId = nodeId(client, other);
        client.setNodeStatus(otherId, "DISCONNECTING");
        Await.until(wanted + " to become primary", Duration.ofMinutes(2),
                () -> cluster.primary(wanted).map(node -> node == wanted).orElse(false));
        client.setNodeStatus(otherId, "CONNECTING");
        cluster.awaitConnected(2);
    }

    private static String nodeId(final NiFiClient client, final NiFiInstance node) {
        return client.clusterNodes().stream()
                .filter(entry -> node.baseUrl().endsWith(":" + entry.path("apiPort").asInt()))
                .map(entry -> entry.path("nodeId").asText())
                .findFirst().orElseThrow();
    }

    private static List<String> clips(final String prefix, final int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> String.format("%s-%03d", prefix, i)).toList();
    }
}
