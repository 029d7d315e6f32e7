/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

/** Parses durations written like {@code 250ms}, {@code 2s}, {@code 0.5s}, {@code 3m}, {@code 1h}, {@code 0} or ISO-8601. */
final class DurationText {
    private DurationText() {
    }

    static Duration parse(final String text) {
        final String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        }
        final String number;
        final long nanosPerUnit;
        if (value.endsWith("ms")) {
            number = value.substring(0, value.length() - 2);
            nanosPerUnit = 1_000_000L;
        } else if (value.endsWith("s")) {
            number = value.substring(0, value.length() - 1);
            nanosPerUnit = 1_000_000_000L;
        } else if (value.endsWith("m")) {
            number = value.substring(0, value.length() - 1);
            nanosPerUnit = 60_000_000_000L;
        } else if (value.endsWith("h")) {
            number = value.substring(0, value.length() - 1);
            nanosPerUnit = 3_600_000_000_000L;
        } else if ("0".equals(value)) {
            return Duration.ZERO;
        } else {
            throw new IllegalArgumentException("Duration '" + text + "' needs a unit: ms, s, m or h");
        }
        final BigDecimal nanos = new BigDecimal(number.trim()).multiply(BigDecimal.valueOf(nanosPerUnit));
        if (nanos.signum() < 0) {
            throw new IllegalArgumentException("Duration '" + text + "' is negative");
        }
        return Duration.ofNanos(nanos.setScale(0, RoundingMode.DOWN).longValueExact());
    }
}
