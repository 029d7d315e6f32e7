/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.api;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A non-blocking token bucket shared by every processor that uses one client service.
 * <p>
 * Permits refill continuously at {@code permitsPerMinute / 60} per second. The bucket holds at most one second's
 * worth of permits (and at least one), so requests are spread out the way the service enforces its per-minute
 * quota (per second, at RPM/60), rather than sent in a burst that the service would answer with 429.
 * A caller that gets no permit does not wait: it leaves its FlowFile queued and yields.
 * <p>
 * When the service throttles anyway (another client on the same account), {@link #pauseFor} stops handing out
 * permits for a while, so that every processor sharing the limiter backs off together.
 * <p>
 * In a NiFi cluster the rate is this node's share of the account's quota, changed by
 * {@link #setPermitsPerSecond} as the cluster's demand moves; {@link #drainUsage} tells what was granted and refused
 * since it was last asked, which is how the node measures its own demand. A share below one permit per second still
 * lets the bucket hold one permit, so many nodes could each send one in the same instant, more than the service's
 * burst; such a limiter is paced instead: after each permit the next one comes at this node's own slot, a time the
 * cluster gives each node a different phase of, so the nodes' requests interleave.
 */
public final class RequestRateLimiter {

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final LongSupplier nanoClock;
    private double permitsPerNano;
    private double capacity;
    private double available;
    private long lastRefillNanos;
    private long pausedUntilNanos;
    private boolean paced;
    private long slotOriginNanos;
    private long granted;
    private long refused;

    public RequestRateLimiter(final double permitsPerSecond) {
        this(permitsPerSecond, System::nanoTime);
    }

    public RequestRateLimiter(final double permitsPerSecond, final LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        applyRate(permitsPerSecond);
        this.available = capacity;
        this.lastRefillNanos = nanoClock.getAsLong();
        this.pausedUntilNanos = lastRefillNanos;
    }

    /** Takes a permit if one is available now; never waits. */
    public synchronized boolean tryAcquire() {
        final long now = nanoClock.getAsLong();
        if (now - pausedUntilNanos < 0) {
            return false;
        }
        refill(now);
        if (available >= 1.0) {
            available -= 1.0;
            if (paced && capacity == 1.0) {
                waitForNextSlot(now);
            }
            granted++;
            return true;
        }
        refused++;
        return false;
    }

    /** Gives back a permit that was taken but not used (for example when no FlowFile was waiting after all). */
    public synchronized void refund() {
        // A paced permit's return also undoes the wait for the next slot.
        available = paced && capacity == 1.0 ? 1.0 : Math.min(capacity, available + 1.0);
        granted = Math.max(0, granted - 1);
    }

    /**
     * Changes the rate from now on; the bucket's capacity follows (one second's worth, at least one permit), and
     * permits already saved beyond the new capacity are dropped, so a smaller share takes effect at once.
     */
    public synchronized void setPermitsPerSecond(final double permitsPerSecond) {
        refill(nanoClock.getAsLong());
        applyRate(permitsPerSecond);
        available = Math.min(available, capacity);
        paced = false;
    }

    /**
     * Like {@link #setPermitsPerSecond(double)}, and while the rate is below one permit per second the permits are
     * paced onto slots at {@code slotOriginNanos + k / permitsPerSecond} (this limiter's clock): a permit taken makes
     * the next one come at the first slot at least half a period later. The long-run rate stays the same; the slot
     * origin decides the phase.
     */
    public synchronized void setPermitsPerSecond(final double permitsPerSecond, final long slotOriginNanos) {
        setPermitsPerSecond(permitsPerSecond);
        this.paced = true;
        this.slotOriginNanos = slotOriginNanos;
    }

    public synchronized double permitsPerSecond() {
        return permitsPerNano * NANOS_PER_SECOND;
    }

    /**
     * Permits granted, and requests refused for want of a permit (not during a pause after throttling), since the last
     * call.
     */
    public synchronized Usage drainUsage() {
        final Usage usage = new Usage(granted, refused);
        granted = 0;
        refused = 0;
        return usage;
    }

    /** Hands out no permits until {@code delay} has passed; a longer pause already in force is kept. */
    public synchronized void pauseFor(final Duration delay) {
        final long until = nanoClock.getAsLong() + delay.toNanos();
        if (until - pausedUntilNanos > 0) {
            pausedUntilNanos = until;
        }
    }

    /** How long until {@link #tryAcquire()} can next succeed; zero when a permit is available now. */
    public synchronized Duration timeUntilNextPermit() {
        final long now = nanoClock.getAsLong();
        refill(now);
        final long pauseNanos = Math.max(0, pausedUntilNanos - now);
        final long refillNanos = available >= 1.0 ? 0 : (long) Math.ceil((1.0 - available) / permitsPerNano);
        return Duration.ofNanos(Math.max(pauseNanos, refillNanos));
    }

    private void applyRate(final double permitsPerSecond) {
        if (!(permitsPerSecond > 0)) {
            throw new IllegalArgumentException("permitsPerSecond must be positive");
        }
        permitsPerNano = permitsPerSecond / NANOS_PER_SECOND;
        capacity = Math.max(1.0, permitsPerSecond);
    }

    private void waitForNextSlot(final long now) {
        final long period = Math.max(1, Math.round(1.0 / permitsPerNano));
        final long slot = slotOriginNanos + Math.floorDiv(now + period / 2 - slotOriginNanos + period - 1, period) * period;
        available = 1.0 - (slot - now) * permitsPerNano;
    }

    private void refill(final long now) {
        final long elapsed = now - lastRefillNanos;
        if (elapsed > 0) {
            available = Math.min(capacity, available + elapsed * permitsPerNano);
            lastRefillNanos = now;
        }
    }

    /** What a limiter handed out and refused over a period. */
    public record Usage(long granted, long refused) {
    }
}
