/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.quota;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The two clocks a node's {@link ClusterQuota} reads: a monotonic one, which its limiters also use, and the wall
 * clock, the one time every node of the cluster shares (within what NTP keeps them apart), on which the nodes' request
 * slots are laid out.
 */
public interface QuotaClock {

    long monotonicNanos();

    long wallNanos();

    /** The JVM's clocks. */
    static QuotaClock system() {
        return new QuotaClock() {
            @Override
            public long monotonicNanos() {
                return System.nanoTime();
            }

            @Override
            public long wallNanos() {
                return TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
            }
        };
    }

    /** One clock as both, for nodes that share a virtual time. */
    static QuotaClock of(final LongSupplier nanos) {
        return new QuotaClock() {
            @Override
            public long monotonicNanos() {
                return nanos.getAsLong();
            }

            @Override
            public long wallNanos() {
                return nanos.getAsLong();
            }
        };
    }
}
