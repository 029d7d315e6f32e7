/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling until something holds, for everything that NiFi or the simulator does asynchronously. */
public final class Await {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private Await() {
    }

    /** Polls {@code condition} until it holds; fails after {@code timeout}, naming {@code what} it waited for. */
    public static void until(final String what, final Duration timeout, final BooleanSupplier condition) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            sleep(POLL_INTERVAL);
        }
    }

    public static void until(final String what, final BooleanSupplier condition) {
        until(what, DEFAULT_TIMEOUT, condition);
    }

    public static void sleep(final Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
