/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.quota;

import io.github.nifiqwenasr.api.RequestRateLimiter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Nodes of a NiFi cluster in one JVM on a virtual clock: each node has the client service's two limiters and its
 * {@link ClusterQuota}, all share one {@link InMemoryQuotaState}, and one account quota is enforced the way the service
 * (and the simulator) enforce it: a token bucket at the quota's rate holding {@code max(3, rpm / 20)} permits,
 * answering 429 beyond it, after which the node's limiter pauses for 2 s as the client does. Time advances in 10 ms
 * steps; each node ticks its quota once a second, the nodes' ticks spread over the second.
 */
public final class SimulatedCluster {

    private static final long STEP = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final Duration THROTTLE_PAUSE = Duration.ofSeconds(2);
    private static final int MAX_ATTEMPTS_PER_STEP = 50;

    private final InMemoryQuotaState state = new InMemoryQuotaState();
    private final List<Node> nodes = new ArrayList<>();
    private final int requestsPerMinute;
    private final double serviceRate;
    private final double serviceBurst;
    private double serviceTokens;
    private long now = TimeUnit.HOURS.toNanos(1);
    private long accepted;
    private long throttled;

    public SimulatedCluster(final int requestsPerMinute) {
        this.requestsPerMinute = requestsPerMinute;
        this.serviceRate = requestsPerMinute / 60.0;
        this.serviceBurst = Math.max(3, (requestsPerMinute + 19) / 20);
        this.serviceTokens = serviceBurst;
    }

    /** Adds a node (connected, alive, idle) and returns it; it starts at the floor, like a node that just joined. */
    public Node addNode() {
        final Node node = new Node("node-" + (nodes.size() + 1));
        nodes.add(node);
        return node;
    }

    public InMemoryQuotaState state() {
        return state;
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** Runs the cluster for {@code duration} of virtual time; returns what the service answered meanwhile. */
    public Window run(final Duration duration) {
        final long acceptedBefore = accepted;
        final long throttledBefore = throttled;
        final long writesBefore = state.writes();
        final long end = now + duration.toNanos();
        while (now < end) {
            now += STEP;
            refillService();
            for (int i = 0; i < nodes.size(); i++) {
                final Node node = nodes.get(i);
                if (!node.alive) {
                    continue;
                }
                node.offer();
                final long offset = SECOND * i / nodes.size();
                if ((now - offset) / SECOND != (now - offset - STEP) / SECOND) {
                    node.quota.tick();
                }
            }
        }
        return new Window(duration, requestsPerMinute, accepted - acceptedBefore, throttled - throttledBefore,
                state.writes() - writesBefore);
    }

    /** The sum of the nodes' current shares of the model-call quota, permits per second. */
    public double sumOfShares() {
        return nodes.stream().filter(node -> node.alive).mapToDouble(node -> node.share()).sum();
    }

    public double quotaPerSecond() {
        return serviceRate;
    }

    private void refillService() {
        serviceTokens = Math.min(serviceBurst, serviceTokens + serviceRate * STEP / 1e9);
    }

    /** Whether the service accepts one more request now. */
    private boolean serve() {
        if (serviceTokens >= 1) {
            serviceTokens -= 1;
            accepted++;
            return true;
        }
        throttled++;
        return false;
    }

    /** One simulated NiFi node. */
    public final class Node {
        private final RequestRateLimiter modelCalls;
        private final ClusterQuota quota;
        private final String id;
        private double offeredPerSecond;
        private double backlog;
        private boolean alive = true;
        private boolean connected = true;

        private Node(final String id) {
            this.id = id;
            this.modelCalls = new RequestRateLimiter(serviceRate, () -> now);
            final RequestRateLimiter taskQueries = new RequestRateLimiter(20, () -> now);
            this.quota = new ClusterQuota(id, state, modelCalls, serviceRate, taskQueries, 20, () -> connected, QuotaClock.of(() -> now),
                    new QuietEvents());
        }

        /** Requests per second arriving at this node; {@link Double#POSITIVE_INFINITY} for more than it can send. */
        public Node offer(final double perSecond) {
            this.offeredPerSecond = perSecond;
            return this;
        }

        /** A crash: the node stops sending and stops writing its entry. */
        public void kill() {
            alive = false;
        }

        public void setConnected(final boolean connected) {
            this.connected = connected;
        }

        public double share() {
            return quota.share(QuotaKind.MODEL_CALLS);
        }

        public ClusterQuota quota() {
            return quota;
        }

        public String id() {
            return id;
        }

        private void offer() {
            if (Double.isInfinite(offeredPerSecond)) {
                backlog = MAX_ATTEMPTS_PER_STEP;
            } else {
                backlog = Math.min(backlog + offeredPerSecond * STEP / 1e9, 10 * Math.max(1, offeredPerSecond));
            }
            for (int attempt = 0; attempt < MAX_ATTEMPTS_PER_STEP && backlog >= 1; attempt++) {
                if (!modelCalls.tryAcquire()) {
                    break;
                }
                backlog -= 1;
                if (!serve()) {
                    modelCalls.pauseFor(THROTTLE_PAUSE);
                    break;
                }
            }
        }
    }

    /** What the service answered over a window of virtual time. */
    public record Window(Duration duration, int requestsPerMinute, long accepted, long throttled, long stateWrites) {

        /** Accepted requests as a fraction of the quota over the window. */
        public double goodput() {
            return accepted / (requestsPerMinute / 60.0 * duration.toNanos() / 1e9);
        }

        /** 429 answers as a fraction of all answers. */
        public double throttledShare() {
            return accepted + throttled == 0 ? 0 : (double) throttled / (accepted + throttled);
        }

        public double stateWritesPerMinute() {
            return stateWrites / (duration.toNanos() / 6e10);
        }
    }

    private static final class QuietEvents implements QuotaEvents {
        @Override
        public void stateUnavailable(final String reason, final double modelCallsPerSecond, final double taskQueriesPerSecond) {
        }

        @Override
        public void stateRestored(final long outageMillis) {
        }

        @Override
        public void disconnected(final double modelCallsPerSecond, final double taskQueriesPerSecond) {
        }

        @Override
        public void reconnected() {
        }
    }
}
