/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.flow;

import org.apache.nifi.util.FormatUtils;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** NiFi's time period strings ("200 ms", "1 sec", "5 mins") as durations, and back. */
public final class NiFiDurations {

    private NiFiDurations() {
    }

    public static Duration parse(final String period) {
        return Duration.ofNanos(FormatUtils.getTimeDuration(period, TimeUnit.NANOSECONDS));
    }

    /** A period NiFi's validators accept, in whole milliseconds (at least 1). */
    public static String format(final Duration duration) {
        return Math.max(1, duration.toMillis()) + " millis";
    }
}
