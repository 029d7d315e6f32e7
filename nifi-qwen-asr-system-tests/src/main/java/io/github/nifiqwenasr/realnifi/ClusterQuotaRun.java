/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One minute of the short-audio example flow on a cluster against an account quota that the simulator enforces for
 * every node together: the flow gets the account's quota as its client service's Requests Per Minute (as a user sets
 * it), more recordings than the window can take, and either round robin after the listing (the example as shipped) or
 * all FlowFiles kept on the primary node that lists them. After a warm-up the simulator's answers in the window are
 * counted. Used by the cluster system test and the cluster benchmark.
 */
public final class ClusterQuotaRun {

    private static final String SAMPLE = "samples/meeting-notes.ogg";
    private static final String TRANSCRIBE = "Transcribe short audio";
    private static final int CONCURRENT_TASKS = 2;

    private ClusterQuotaRun() {
    }

    /**
     * What the service answered in the window, and how many FlowFiles each node's TranscribeAudioShort sent on.
     *
     * @param acceptedPerTenSeconds the accepted recognitions in each 10 s of the window, to see where a shortfall was
     */
    public record Result(int quotaPerMinute, Duration window, long accepted, long throttled, Map<Integer, Long> perNode,
                         List<Long> acceptedPerTenSeconds) {

        /** Accepted recognitions as a fraction of what the quota allows over the window. */
        public double goodput() {
            return accepted / (quotaPerMinute * window.toMillis() / 60_000.0);
        }

        /** 429 answers as a fraction of all answers in the window. */
        public double throttledShare() {
            return accepted + throttled == 0 ? 0 : throttled / (double) (accepted + throttled);
        }
    }

    /**
     * @param client    a node of the cluster
     * @param spread    round robin after the listing; otherwise every FlowFile stays on the primary node
     * @param data      the flow's directories, readable by every node
     */
    public static Result measure(final NiFiClient client, final SimulatorProcess simulator, final Path repoRoot, final Path data,
                                 final int quotaPerMinute, final boolean spread, final Duration warmUp, final Duration window) {
        simulator.reset();
        simulator.settings("{\"requestsPerMinute\":" + quotaPerMinute + "}");
        final ExampleFlow flow = ExampleFlow.upload(client, simulator, repoRoot.resolve("examples/short-audio-transcription.json"), data);
        flow.configureAsrClient(Map.of("Requests Per Minute", Integer.toString(quotaPerMinute)));
        if (!spread) {
            client.setLoadBalanceStrategy(client.connectionId(flow.groupId(), "List audio files", "success"), "DO_NOT_LOAD_BALANCE");
        }
        final long recordings = (warmUp.plus(window).toSeconds() + 30) * quotaPerMinute / 60;
        try {
            for (long i = 1; i <= recordings; i++) {
                Directories.dropFile(repoRoot.resolve(SAMPLE), flow.directory("in/short-audio"), String.format("clip-%05d.ogg", i));
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not write the recordings", e);
        }
        final String transcribe = flow.processorId(TRANSCRIBE);
        // At 300 per minute one node may have to make 5 calls a second; the client service's documentation asks for
        // N x d / 60 concurrent tasks, and one task on a loaded 2-core machine (two nodes, ZooKeeper and the
        // simulator share it) is too few: the quota, not the threads, must set the pace.
        client.setConcurrentTasks(transcribe, CONCURRENT_TASKS);
        final Map<Integer, Long> before = client.nodewiseCount(transcribe, "flowFilesOut");
        flow.start();
        try {
            Await.until("the first transcript", Duration.ofMinutes(1), () -> !simulator.answered("FLASH", 200).isEmpty());
            final Instant start = simulator.answered("FLASH", 200).getFirst().plus(warmUp);
            final Instant end = start.plus(window);
            Await.until("the end of the window", window.plus(warmUp).plusMinutes(1), () -> Instant.now().isAfter(end.plusSeconds(1)));
            final long accepted = simulator.answeredBetween("FLASH", 200, start, end);
            final long throttled = simulator.answeredBetween("FLASH", 429, start, end);
            final Map<Integer, Long> perNode = client.nodewiseCount(transcribe, "flowFilesOut").entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, entry -> entry.getValue() - before.getOrDefault(entry.getKey(), 0L), (a, b) -> a, TreeMap::new));
            final List<Long> perTenSeconds = new ArrayList<>();
            for (Instant from = start; from.isBefore(end); from = from.plusSeconds(10)) {
                perTenSeconds.add(simulator.answeredBetween("FLASH", 200, from, from.plusSeconds(10)));
            }
            return new Result(quotaPerMinute, window, accepted, throttled, perNode, perTenSeconds);
        } finally {
            flow.stop();
        }
    }
}
