/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestRateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void hundredPerMinuteSpacesPermitsSixHundredMillisApartAfterAOneSecondBurst() {
        final RequestRateLimiter limiter = new RequestRateLimiter(100 / 60.0, now::get);
        assertTrue(limiter.tryAcquire());
        assertFalse(limiter.tryAcquire(), "the bucket holds at most one second's worth of permits (1.67)");
        advance(199);
        assertFalse(limiter.tryAcquire());
        advance(2);
        assertTrue(limiter.tryAcquire());
        advance(598);
        assertFalse(limiter.tryAcquire());
        advance(2);
        assertTrue(limiter.tryAcquire());
    }

    @Test
    void overOneMinuteNoMoreThanTheQuotaIsHandedOut() {
        final RequestRateLimiter limiter = new RequestRateLimiter(100 / 60.0, now::get);
        int granted = 0;
        for (int ms = 0; ms < 60_000; ms += 10) {
            if (limiter.tryAcquire()) {
                granted++;
            }
            advance(10);
        }
        assertTrue(granted >= 99 && granted <= 101, "granted " + granted);
    }

    @Test
    void refundGivesBackAnUnusedPermit() {
        final RequestRateLimiter limiter = new RequestRateLimiter(1, now::get);
        assertTrue(limiter.tryAcquire());
        assertFalse(limiter.tryAcquire());
        limiter.refund();
        assertTrue(limiter.tryAcquire());
    }

    @Test
    void pauseStopsPermitsUntilItEnds() {
        final RequestRateLimiter limiter = new RequestRateLimiter(1000, now::get);
        limiter.pauseFor(Duration.ofSeconds(2));
        assertFalse(limiter.tryAcquire());
        assertEquals(Duration.ofSeconds(2), limiter.timeUntilNextPermit());
        limiter.pauseFor(Duration.ofSeconds(1));
        advance(1500);
        assertFalse(limiter.tryAcquire(), "a shorter pause does not cut a longer one");
        advance(600);
        assertTrue(limiter.tryAcquire());
    }

    @Test
    void timeUntilNextPermitCountsTheRefill() {
        final RequestRateLimiter limiter = new RequestRateLimiter(2, now::get);
        assertTrue(limiter.tryAcquire());
        assertTrue(limiter.tryAcquire());
        assertEquals(Duration.ofMillis(500), limiter.timeUntilNextPermit());
    }

    @Test
    void aPacedLimiterBelowOnePermitPerSecondSendsOnItsOwnSlots() {
        // 0.25 per second: one permit every 4 s, on slots at 1 s past each multiple of 4 s.
        final RequestRateLimiter limiter = new RequestRateLimiter(1, now::get);
        limiter.setPermitsPerSecond(0.25, TimeUnit.SECONDS.toNanos(1));
        now.set(TimeUnit.SECONDS.toNanos(100) + TimeUnit.MILLISECONDS.toNanos(500));
        assertTrue(limiter.tryAcquire(), "a saved permit is used at once");
        // The next slot at least 2 s (half a period) later is 105 s, not 104.5 s a plain bucket would give.
        advance(4_400);
        assertFalse(limiter.tryAcquire());
        advance(100);
        assertTrue(limiter.tryAcquire(), "at the slot of 105 s");
        // Taken late (at 110.2 s), the next one still comes at the slot after it (113 s), so the rate holds.
        advance(5_200);
        assertTrue(limiter.tryAcquire());
        advance(2_700);
        assertFalse(limiter.tryAcquire());
        advance(100);
        assertTrue(limiter.tryAcquire(), "at the slot of 113 s");
        limiter.refund();
        assertTrue(limiter.tryAcquire(), "a refund gives the permit back whole");
    }

    @Test
    void overOneMinuteAPacedLimiterHandsOutNoMoreThanItsRate() {
        final RequestRateLimiter limiter = new RequestRateLimiter(1, now::get);
        limiter.setPermitsPerSecond(0.2, 123_456_789L);
        int granted = 0;
        for (int ms = 0; ms < 60_000; ms += 10) {
            if (limiter.tryAcquire()) {
                granted++;
            }
            advance(10);
        }
        // From 1 s to 61 s: the saved permit at once, then one on each slot (5.12 s, 10.12 s, ... 60.12 s).
        assertEquals(13, granted, "the saved permit and one per slot, never two on one slot");
    }

    private void advance(final long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
