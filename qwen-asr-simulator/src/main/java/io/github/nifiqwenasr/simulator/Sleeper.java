/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waits that end early when the simulator closes, so stalls never hold up shutdown. */
final class Sleeper {
    private final CountDownLatch closed = new CountDownLatch(1);

    void sleep(final Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            closed.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void wakeAll() {
        closed.countDown();
    }
}
