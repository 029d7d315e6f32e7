/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.quota;

import io.github.nifiqwenasr.api.RequestRateLimiter;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Shares one account's quotas between the nodes of a NiFi cluster, so that Requests Per Minute and Task Queries Per
 * Second mean the account's budget whatever the number of nodes.
 * <p>
 * Every node keeps its own non-blocking {@link RequestRateLimiter} (no request waits for the cluster) and, once per
 * {@link #TICK_MILLIS} ({@link #tick}), reads the shared state, computes its share of each quota from the demand all live
 * nodes published ({@link QuotaShares}) and sets its limiters to it. It writes its own entry only when its demand
 * changed materially, or every {@link #KEEP_ALIVE} to show it is alive; the sequence number in the entry lets the
 * others see it change without comparing clocks. Writes are compare-and-set: a node that lost the race (or whose
 * write failed) writes again on its next tick.
 * <p>
 * Safety rules, which keep the cluster's sum within the quota while shares move:
 * <ul>
 *   <li>a smaller share takes effect at once, a larger one only after it has held for {@link #GROW_DELAY}, by which
 *   time every other node has read the state that made room for it (it reads every {@link #TICK_MILLIS} ms);</li>
 *   <li>a node whose entry has not changed for {@link #STALE_AFTER} is gone (killed, disconnected, disabled): the
 *   others take its share;</li>
 *   <li>a node that could not renew its entry for {@link #LEASE} (cluster state unreachable), or that NiFi reports as
 *   disconnected, falls to the floor, well before the others would take its share;</li>
 *   <li>a node starts at the floor and grows like any other, so a node that joins or returns does not add a burst;</li>
 *   <li>a node whose share is below one permit per second is paced onto slots of the wall clock, and each live node
 *   (in the order of their ids) gets a different phase of its period, so that many such nodes do not send in the same
 *   instant, more than the service's burst.</li>
 * </ul>
 * Not thread-safe: one thread calls {@link #tick}.
 */
public final class ClusterQuota {

    public static final long TICK_MILLIS = 1_000;
    static final long KEEP_ALIVE = TimeUnit.SECONDS.toNanos(10);
    static final long GROW_DELAY = TimeUnit.SECONDS.toNanos(3);
    static final long STALE_AFTER = TimeUnit.SECONDS.toNanos(30);
    static final long LEASE = TimeUnit.SECONDS.toNanos(20);
    /** Entries unchanged for this long are removed from the state by whichever node writes next. */
    static final long FORGET_AFTER = 2 * STALE_AFTER;
    /**
     * What the live nodes' least shares add up to, as a fraction of the quota: a node's floor is this divided by the
     * number of live nodes it last saw, so idle nodes keep little from a busy one whatever their number.
     */
    static final double FLOOR_FRACTION = 0.01;
    /**
     * A published demand is renewed early when the use moved by more than this fraction of the quota, or by more than
     * {@link #MATERIAL_PERMITS} over the use window (below that the change is the window's rounding), and when the node
     * stopped or started using permits at all.
     */
    static final double MATERIAL_CHANGE = 0.1;
    static final int MATERIAL_PERMITS = 2;
    /** A node's use is the permits it was granted over its last this many ticks. */
    static final int USE_WINDOW_TICKS = 5;
    /** A node is hungry while it was refused a permit within this many ticks. */
    static final int HUNGRY_TICKS = 3;

    private final String self;
    private final SharedQuotaState state;
    private final BooleanSupplier connected;
    private final QuotaClock clock;
    private final QuotaEvents events;
    private final Map<QuotaKind, Pool> pools = new EnumMap<>(QuotaKind.class);
    private final Map<String, Observed> observed = new HashMap<>();

    private long sequence;
    private long lastTickNanos;
    private long lastSuccessfulWriteNanos;
    private long outageSinceNanos = -1;
    private boolean disconnectedReported;
    private NodeEntry published;
    private int liveNodes = 1;
    private double phase;

    /**
     * @param self      this node's id in the shared state, new for every enabling of the service
     * @param connected whether NiFi reports this node as connected to its cluster
     */
    public ClusterQuota(final String self, final SharedQuotaState state, final RequestRateLimiter modelCalls,
                        final double modelCallQuota, final RequestRateLimiter taskQueries, final double taskQueryQuota,
                        final BooleanSupplier connected, final QuotaClock clock, final QuotaEvents events) {
        this.self = self;
        this.state = state;
        this.connected = connected;
        this.clock = clock;
        this.events = events;
        this.lastTickNanos = clock.monotonicNanos();
        this.lastSuccessfulWriteNanos = lastTickNanos - LEASE;
        pools.put(QuotaKind.MODEL_CALLS, new Pool(modelCalls, modelCallQuota));
        pools.put(QuotaKind.TASK_QUERIES, new Pool(taskQueries, taskQueryQuota));
        pools.values().forEach(pool -> pool.apply(pool.floor()));
    }

    /** One round: measure this node's demand, read the shared state, set this node's shares, write if needed. */
    public void tick() {
        final long now = clock.monotonicNanos();
        final double seconds = Math.max(1e-3, (now - lastTickNanos) / 1e9);
        lastTickNanos = now;
        pools.values().forEach(pool -> pool.measure(seconds));

        if (!connected.getAsBoolean()) {
            pools.values().forEach(pool -> pool.apply(pool.floor()));
            if (!disconnectedReported) {
                disconnectedReported = true;
                events.disconnected(share(QuotaKind.MODEL_CALLS), share(QuotaKind.TASK_QUERIES));
            }
            return;
        }
        if (disconnectedReported) {
            disconnectedReported = false;
            events.reconnected();
        }

        final SharedQuotaState.Snapshot snapshot;
        try {
            snapshot = state.read();
        } catch (final IOException | RuntimeException e) {
            onOutage(now, e);
            return;
        }
        final Map<String, NodeEntry> entries = decode(snapshot.values());
        observe(entries, now);
        final Map<QuotaKind, Map<String, NodeDemand>> live = liveDemand(entries, now);
        placeAmong(live.get(QuotaKind.MODEL_CALLS).keySet());
        final boolean leaseValid = now - lastSuccessfulWriteNanos < LEASE;
        for (final Map.Entry<QuotaKind, Pool> each : pools.entrySet()) {
            final Pool pool = each.getValue();
            final double target = leaseValid
                    ? QuotaShares.shareOf(pool.quota, pool.floor(), self, live.get(each.getKey()))
                    : pool.floor();
            pool.moveTowards(target, now);
        }
        if (needsWrite(entries, now)) {
            write(snapshot, now);
        }
        if (outageSinceNanos >= 0 && now - lastSuccessfulWriteNanos < LEASE) {
            events.stateRestored(TimeUnit.NANOSECONDS.toMillis(now - outageSinceNanos));
            outageSinceNanos = -1;
        }
    }

    /** Removes this node's entry, so that the others take its share at once (the service is being disabled). */
    public void leave() {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                final SharedQuotaState.Snapshot snapshot = state.read();
                if (!snapshot.values().containsKey(self)) {
                    return;
                }
                final Map<String, String> values = new HashMap<>(snapshot.values());
                values.remove(self);
                if (state.replace(snapshot, values)) {
                    return;
                }
            } catch (final IOException | RuntimeException e) {
                return;
            }
        }
    }

    /** This node's current share of a quota, permits per second. */
    public double share(final QuotaKind kind) {
        return pools.get(kind).current;
    }

    private void onOutage(final long now, final Exception e) {
        // Keep what the lease allows: no growth; the floor once the others could take this node's share.
        final boolean leaseValid = now - lastSuccessfulWriteNanos < LEASE;
        for (final Pool pool : pools.values()) {
            pool.moveTowards(leaseValid ? pool.current : pool.floor(), now);
        }
        if (outageSinceNanos < 0) {
            outageSinceNanos = now;
            events.stateUnavailable(String.valueOf(e.getMessage()), pools.get(QuotaKind.MODEL_CALLS).floor(),
                    pools.get(QuotaKind.TASK_QUERIES).floor());
        }
    }

    /** This node's phase among the live nodes, and their number, from which its floor follows. */
    private void placeAmong(final Set<String> ids) {
        final List<String> ordered = new ArrayList<>(ids);
        Collections.sort(ordered);
        liveNodes = ordered.size();
        phase = (double) ordered.indexOf(self) / liveNodes;
    }

    private static Map<String, NodeEntry> decode(final Map<String, String> values) {
        final Map<String, NodeEntry> entries = new HashMap<>();
        values.forEach((id, value) -> NodeEntry.decode(value).ifPresent(entry -> entries.put(id, entry)));
        return entries;
    }

    private void observe(final Map<String, NodeEntry> entries, final long now) {
        entries.forEach((id, entry) -> {
            final Observed seen = observed.get(id);
            if (seen == null || seen.sequence != entry.sequence()) {
                observed.put(id, new Observed(entry.sequence(), now));
            }
        });
        observed.keySet().retainAll(entries.keySet());
    }

    private Map<QuotaKind, Map<String, NodeDemand>> liveDemand(final Map<String, NodeEntry> entries, final long now) {
        final Map<QuotaKind, Map<String, NodeDemand>> live = new EnumMap<>(QuotaKind.class);
        for (final QuotaKind kind : QuotaKind.values()) {
            final Map<String, NodeDemand> demands = new HashMap<>();
            entries.forEach((id, entry) -> {
                if (!id.equals(self) && now - observed.get(id).sinceNanos < STALE_AFTER) {
                    demands.put(id, entry.demand(kind));
                }
            });
            demands.put(self, pools.get(kind).demand());
            live.put(kind, demands);
        }
        return live;
    }

    private boolean needsWrite(final Map<String, NodeEntry> entries, final long now) {
        if (published == null || !entries.containsKey(self) || entries.get(self).sequence() != sequence
                || now - lastSuccessfulWriteNanos >= KEEP_ALIVE) {
            return true;
        }
        for (final Map.Entry<QuotaKind, Pool> each : pools.entrySet()) {
            final NodeDemand was = published.demand(each.getKey());
            final NodeDemand is = each.getValue().demand();
            if (was.hungry() != is.hungry() || (was.usedPerSecond() == 0) != (is.usedPerSecond() == 0)
                    || Math.abs(was.usedPerSecond() - is.usedPerSecond()) > each.getValue().materialChange()) {
                return true;
            }
        }
        return false;
    }

    private void write(final SharedQuotaState.Snapshot snapshot, final long now) {
        final NodeEntry mine = new NodeEntry(sequence + 1, pools.get(QuotaKind.MODEL_CALLS).demand(),
                pools.get(QuotaKind.TASK_QUERIES).demand());
        final Map<String, String> values = new HashMap<>(snapshot.values());
        values.keySet().removeIf(id -> !id.equals(self)
                && (!observed.containsKey(id) || now - observed.get(id).sinceNanos >= FORGET_AFTER));
        values.put(self, mine.encode());
        try {
            if (state.replace(snapshot, values)) {
                sequence = mine.sequence();
                published = mine;
                lastSuccessfulWriteNanos = now;
                return;
            }
        } catch (final IOException | RuntimeException e) {
            onOutage(now, e);
        }
    }

    /** One quota on this node: its limiter, the quota, this node's measured demand and its share. */
    private final class Pool {
        private final RequestRateLimiter limiter;
        private final double quota;
        private final Deque<double[]> recentUse = new ArrayDeque<>();
        private double usedPerSecond;
        private int ticksSinceRefused = Integer.MAX_VALUE;
        private double current;
        private long growSinceNanos = -1;
        private double growTo;

        Pool(final RequestRateLimiter limiter, final double quota) {
            this.limiter = limiter;
            this.quota = quota;
        }

        double floor() {
            return quota * FLOOR_FRACTION / liveNodes;
        }

        double materialChange() {
            return Math.max(MATERIAL_CHANGE * quota, (double) MATERIAL_PERMITS / USE_WINDOW_TICKS);
        }

        void measure(final double seconds) {
            final RequestRateLimiter.Usage usage = limiter.drainUsage();
            recentUse.addLast(new double[] {usage.granted(), seconds});
            if (recentUse.size() > USE_WINDOW_TICKS) {
                recentUse.removeFirst();
            }
            double granted = 0;
            double elapsed = 0;
            for (final double[] tick : recentUse) {
                granted += tick[0];
                elapsed += tick[1];
            }
            usedPerSecond = granted / elapsed;
            ticksSinceRefused = usage.refused() > 0 ? 0 : (int) Math.min(Integer.MAX_VALUE - 1L, ticksSinceRefused + 1L);
        }

        NodeDemand demand() {
            return new NodeDemand(usedPerSecond, ticksSinceRefused < HUNGRY_TICKS);
        }

        /** Shrinks at once; grows only to the least target seen over the last {@link #GROW_DELAY}. */
        void moveTowards(final double target, final long now) {
            if (target <= current) {
                growSinceNanos = -1;
                apply(target);
                return;
            }
            if (growSinceNanos < 0) {
                growSinceNanos = now;
                growTo = target;
                return;
            }
            growTo = Math.min(growTo, target);
            if (now - growSinceNanos >= GROW_DELAY) {
                growSinceNanos = -1;
                apply(growTo);
            }
        }

        void apply(final double share) {
            current = Math.max(share, floor());
            final long period = Math.round(1e9 / current);
            final long wallMinusMonotonic = clock.wallNanos() - clock.monotonicNanos();
            limiter.setPermitsPerSecond(current, Math.round(phase * period) - wallMinusMonotonic);
        }
    }

    private record Observed(long sequence, long sinceNanos) {
    }
}
