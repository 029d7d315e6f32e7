/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.quota;

import io.github.nifiqwenasr.api.RequestRateLimiter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterQuotaTest {

    private static final int RPM = 300;

    @Test
    void twoBusyNodesSplitTheQuotaAndTogetherUseAtLeast97Percent() {
        final SimulatedCluster cluster = new SimulatedCluster(RPM);
        cluster.addNode().offer(Double.POSITIVE_INFINITY);
        cluster.addNode().offer(Double.POSITIVE_INFINITY);
        cluster.run(Duration.ofSeconds(20));
        final SimulatedCluster.Window window = cluster.run(Duration.ofSeconds(60));
        assertTrue(window.goodput() >= 0.97, "goodput " + window.goodput());
        assertTrue(window.throttledShare() <= 0.01, "429 share " + window.throttledShare());
        for (final SimulatedCluster.Node node : cluster.nodes()) {
            assertEquals(0.5, node.share() / cluster.quotaPerSecond(), 0.05, node.id() + "'s share");
        }
    }

    @Test
    void allLoadOnOneNodeGetsNearlyTheWholeQuota() {
        final SimulatedCluster cluster = new SimulatedCluster(RPM);
        final SimulatedCluster.Node busy = cluster.addNode().offer(Double.POSITIVE_INFINITY);
        final SimulatedCluster.Node idle = cluster.addNode();
        cluster.run(Duration.ofSeconds(20));
        final SimulatedCluster.Window window = cluster.run(Duration.ofSeconds(60));
        assertTrue(window.goodput() >= 0.97, "goodput " + window.goodput());
        assertTrue(window.throttledShare() <= 0.01, "429 share " + window.throttledShare());
        assertTrue(busy.share() >= 0.97 * cluster.quotaPerSecond(), "busy node's share " + busy.share());
        assertEquals(ClusterQuota.FLOOR_FRACTION * cluster.quotaPerSecond() / 2, idle.share(), 1e-9,
                "the two nodes' floors add up to the floor fraction");
    }

    @Test
    void whenLoadMovesFromOneNodeToTheOtherTheShareFollowsWithinSeconds() {
        final SimulatedCluster cluster = new SimulatedCluster(RPM);
        final SimulatedCluster.Node first = cluster.addNode().offer(Double.POSITIVE_INFINITY);
        final SimulatedCluster.Node second = cluster.addNode();
        cluster.run(Duration.ofSeconds(20));
        first.offer(0);
        second.offer(Double.POSITIVE_INFINITY);
        cluster.run(Duration.ofSeconds(15));
        assertTrue(second.share() >= 0.95 * cluster.quotaPerSecond(), "second node's share " + second.share());
        final SimulatedCluster.Window window = cluster.run(Duration.ofSeconds(60));
        assertTrue(window.goodput() >= 0.97, "goodput " + window.goodput());
    }

    @Test
    void aKilledNodesShareGoesToTheSurvivorWithinSixtySeconds() {
        final SimulatedCluster cluster = new SimulatedCluster(RPM);
        final SimulatedCluster.Node survivor = cluster.addNode().offer(Double.POSITIVE_INFINITY);
        final SimulatedCluster.Node victim = cluster.addNode().offer(Double.POSITIVE_INFINITY);
        cluster.run(Duration.ofSeconds(20));
        victim.kill();
        int seconds = 0;
        while (survivor.share() < 0.97 * cluster.quotaPerSecond() && seconds < 120) {
            cluster.run(Duration.ofSeconds(1));
            seconds++;
        }
        // The victim's entry goes stale 30 s after its last write, which was at most 10 s (the keep-alive) before the kill.
        assertTrue(seconds >= 20 && seconds <= 40, "the survivor took " + seconds + " s to get the whole quota");
        final SimulatedCluster.Window window = cluster.run(Duration.ofSeconds(60));
        assertTrue(window.goodput() >= 0.97, "goodput " + window.goodput());
    }

    @Test
    void aDisconnectedNodeFallsToTheFloorAtOnceAndTheOthersTakeOver() {
        final SimulatedCluster cluster = new SimulatedCluster(RPM);
        final SimulatedCluster.Node connected = cluster.addNode().offer(Double.POSITIVE_INFINITY);
        final SimulatedCluster.Node disconnected = cluster.addNode().offer(Double.POSITIVE_INFINITY);
        cluster.run(Duration.ofSeconds(20));
        disconnected.setConnected(false);
        cluster.run(Duration.ofSeconds(2));
        assertEquals(ClusterQuota.FLOOR_FRACTION * cluster.quotaPerSecond() / 2, disconnected.share(), 1e-9);
        cluster.run(Duration.ofSeconds(40));
        assertTrue(connected.share() >= 0.97 * cluster.quotaPerSecond(), "connected node's share " + connected.share());
        final SimulatedCluster.Window window = cluster.run(Duration.ofSeconds(60));
        assertTrue(window.throttledShare() <= 0.01, "429 share " + window.throttledShare());
    }

    @Test
    void theSharesNeverAddUpToMoreThanTheQuotaWhileNodesJoinAndLoadMoves() {
        final SimulatedCluster cluster = new SimulatedCluster(RPM);
        cluster.addNode().offer(Double.POSITIVE_INFINITY);
        final List<Double> worst = new ArrayList<>();
        worst.add(0.0);
        final Runnable check = () -> worst.set(0, Math.max(worst.get(0), cluster.sumOfShares()));
        for (int second = 0; second < 30; second++) {
            cluster.run(Duration.ofSeconds(1));
            check.run();
        }
        final SimulatedCluster.Node joining = cluster.addNode().offer(Double.POSITIVE_INFINITY);
        assertEquals(ClusterQuota.FLOOR_FRACTION * cluster.quotaPerSecond(), joining.share(), 1e-9,
                "a joining node starts at the floor");
        for (int second = 0; second < 60; second++) {
            cluster.run(Duration.ofMillis(250));
            check.run();
            if (second == 30) {
                joining.offer(1);
            }
        }
        // A share may exceed the rest by the floor of a node that has not yet published its demand.
        final double allowed = cluster.quotaPerSecond() * (1 + ClusterQuota.FLOOR_FRACTION) + 1e-9;
        assertTrue(worst.get(0) <= allowed, "sum of shares reached " + worst.get(0) + " of " + cluster.quotaPerSecond());
    }

    @Test
    void aJoiningNodeCausesNo429s() {
        final SimulatedCluster cluster = new SimulatedCluster(RPM);
        cluster.addNode().offer(Double.POSITIVE_INFINITY);
        cluster.run(Duration.ofSeconds(30));
        cluster.addNode().offer(Double.POSITIVE_INFINITY);
        final SimulatedCluster.Window window = cluster.run(Duration.ofSeconds(60));
        assertEquals(0, window.throttled(), "429 answers while a node joined");
        assertTrue(window.goodput() >= 0.97, "goodput " + window.goodput());
    }

    @Test
    void eightBusyNodesAtTheDefaultQuotaInterleaveTheirRequestsInsteadOfOverflowingTheBurst() {
        // 100/min is 0.21 permits per second per node: below one, where each node's bucket still holds a whole permit.
        final SimulatedCluster cluster = new SimulatedCluster(100);
        for (int i = 0; i < 8; i++) {
            cluster.addNode().offer(Double.POSITIVE_INFINITY);
        }
        cluster.run(Duration.ofSeconds(30));
        final SimulatedCluster.Window window = cluster.run(Duration.ofSeconds(120));
        assertTrue(window.goodput() >= 0.97, "goodput " + window.goodput());
        assertTrue(window.throttledShare() <= 0.01, "429 share " + window.throttledShare());
    }

    @Test
    void sevenIdleNodesKeepLittleFromTheOneBusyNode() {
        final SimulatedCluster cluster = new SimulatedCluster(100);
        cluster.addNode().offer(Double.POSITIVE_INFINITY);
        for (int i = 0; i < 7; i++) {
            cluster.addNode();
        }
        cluster.run(Duration.ofSeconds(30));
        final SimulatedCluster.Window window = cluster.run(Duration.ofSeconds(120));
        assertTrue(window.goodput() >= 0.97, "goodput " + window.goodput());
        assertTrue(window.throttledShare() <= 0.01, "429 share " + window.throttledShare());
    }

    @Test
    void anEighthNodeJoiningSevenBusyOnesCausesNo429sAfterItsFirstRequest() {
        final SimulatedCluster cluster = new SimulatedCluster(100);
        for (int i = 0; i < 7; i++) {
            cluster.addNode().offer(Double.POSITIVE_INFINITY);
        }
        cluster.run(Duration.ofSeconds(30));
        cluster.addNode().offer(Double.POSITIVE_INFINITY);
        final SimulatedCluster.Window window = cluster.run(Duration.ofSeconds(60));
        assertTrue(window.throttled() <= 1, window.throttled() + " answers 429 while a node joined");
        assertTrue(window.goodput() >= 0.97, "goodput " + window.goodput());
    }

    @Test
    void unreachableStateKeepsTheShareForTheLeaseThenTheFloorAndReportsOnce() {
        final AtomicLong now = new AtomicLong(1_000_000_000_000L);
        final InMemoryQuotaState state = new InMemoryQuotaState();
        final RequestRateLimiter modelCalls = new RequestRateLimiter(5, now::get);
        final RequestRateLimiter taskQueries = new RequestRateLimiter(20, now::get);
        final RecordingEvents events = new RecordingEvents();
        final ClusterQuota quota = new ClusterQuota("only", state, modelCalls, 5, taskQueries, 20, () -> true, QuotaClock.of(now::get), events);
        for (int second = 0; second < 10; second++) {
            quota.tick();
            now.addAndGet(1_000_000_000L);
        }
        assertEquals(5, quota.share(QuotaKind.MODEL_CALLS), 1e-9, "a lone node has the whole quota");
        assertEquals(5, modelCalls.permitsPerSecond(), 1e-9);

        state.setReachable(false);
        // The lease runs 20 s from the last write, which was at most 10 s (the keep-alive) ago.
        for (int second = 0; second < 9; second++) {
            quota.tick();
            now.addAndGet(1_000_000_000L);
        }
        assertEquals(5, quota.share(QuotaKind.MODEL_CALLS), 1e-9, "within the lease the share is kept");
        for (int second = 0; second < 12; second++) {
            quota.tick();
            now.addAndGet(1_000_000_000L);
        }
        assertEquals(0.05, quota.share(QuotaKind.MODEL_CALLS), 1e-9, "after the lease only the floor");
        assertEquals(0.2, quota.share(QuotaKind.TASK_QUERIES), 1e-9);
        assertEquals(List.of("unavailable"), events.events, "one report per outage, not one per round");

        state.setReachable(true);
        for (int second = 0; second < 5; second++) {
            quota.tick();
            now.addAndGet(1_000_000_000L);
        }
        assertEquals(List.of("unavailable", "restored"), events.events);
        assertEquals(5, quota.share(QuotaKind.MODEL_CALLS), 1e-9, "the share grows back once the state answers");
    }

    @Test
    void aWriteThatLosesTheRaceIsRetriedAtTheNextTickSoTheLeaseNeverLapses() {
        final AtomicLong now = new AtomicLong(1_000_000_000_000L);
        final InMemoryQuotaState state = new InMemoryQuotaState();
        final RequestRateLimiter modelCalls = new RequestRateLimiter(5, now::get);
        final ClusterQuota quota = new ClusterQuota("only", state, modelCalls, 5, new RequestRateLimiter(20, now::get), 20,
                () -> true, QuotaClock.of(now::get), new RecordingEvents());
        double lowest = Double.MAX_VALUE;
        for (int second = 0; second < 60; second++) {
            if (second == 15) {
                state.loseRaces(5);
            }
            quota.tick();
            if (second > 10) {
                lowest = Math.min(lowest, quota.share(QuotaKind.MODEL_CALLS));
            }
            now.addAndGet(1_000_000_000L);
        }
        assertEquals(5, lowest, 1e-9, "the share dropped while writes lost their races");
    }

    @Test
    void leavingRemovesTheEntrySoTheOthersTakeTheShareAtOnce() throws IOException {
        final SimulatedCluster cluster = new SimulatedCluster(RPM);
        final SimulatedCluster.Node staying = cluster.addNode().offer(Double.POSITIVE_INFINITY);
        final SimulatedCluster.Node leaving = cluster.addNode().offer(Double.POSITIVE_INFINITY);
        cluster.run(Duration.ofSeconds(20));
        leaving.kill();
        leaving.quota().leave();
        assertTrue(!cluster.state().read().values().containsKey(leaving.id()));
        cluster.run(Duration.ofSeconds(6));
        assertTrue(staying.share() >= 0.97 * cluster.quotaPerSecond(), "share " + staying.share());
    }

    @Test
    void stateWritesStayFewAtTheDefaultQuota() {
        final SimulatedCluster cluster = new SimulatedCluster(100);
        cluster.addNode().offer(Double.POSITIVE_INFINITY);
        cluster.addNode().offer(0.5);
        cluster.run(Duration.ofSeconds(30));
        final SimulatedCluster.Window window = cluster.run(Duration.ofSeconds(120));
        assertTrue(window.stateWritesPerMinute() <= 2 * 20, "writes per minute " + window.stateWritesPerMinute());
    }

    private static final class RecordingEvents implements QuotaEvents {
        private final List<String> events = new ArrayList<>();

        @Override
        public void stateUnavailable(final String reason, final double modelCallsPerSecond, final double taskQueriesPerSecond) {
            events.add("unavailable");
        }

        @Override
        public void stateRestored(final long outageMillis) {
            events.add("restored");
        }

        @Override
        public void disconnected(final double modelCallsPerSecond, final double taskQueriesPerSecond) {
            events.add("disconnected");
        }

        @Override
        public void reconnected() {
            events.add("reconnected");
        }
    }
}
