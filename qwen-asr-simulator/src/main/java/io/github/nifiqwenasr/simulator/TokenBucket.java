/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import java.util.concurrent.locks.ReentrantLock;

/** A token bucket whose rate and capacity are read from settings at each call; a change refills it. */
final class TokenBucket {
    private final ReentrantLock lock = new ReentrantLock();
    private double tokens;
    private double rate;
    private double capacity;
    private long lastNanos;

    boolean tryAcquire(final double ratePerSecond, final double bucketCapacity) {
        lock.lock();
        try {
            final long now = System.nanoTime();
            if (ratePerSecond != rate || bucketCapacity != capacity) {
                rate = ratePerSecond;
                capacity = bucketCapacity;
                tokens = bucketCapacity;
            } else {
                tokens = Math.min(capacity, tokens + (now - lastNanos) / 1e9 * rate);
            }
            lastNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    void reset() {
        lock.lock();
        try {
            rate = 0;
            capacity = 0;
        } finally {
            lock.unlock();
        }
    }
}
