/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks;

import java.util.Locale;

/** How figures are written in the table: fixed locale, units spelt out. */
public final class Format {

    private static final double MIB = 1024.0 * 1024.0;

    private Format() {
    }

    public static String mebibytes(final double bytes) {
        return bytes >= 10 * MIB ? String.format(Locale.ROOT, "%.1f MiB", bytes / MIB) : String.format(Locale.ROOT, "%.2f MiB", bytes / MIB);
    }

    public static String kibibytes(final double bytes) {
        return String.format(Locale.ROOT, "%.0f KiB", bytes / 1024);
    }

    /** A byte count in whichever of KiB or MiB reads better. */
    public static String bytes(final double bytes) {
        return bytes < MIB ? kibibytes(bytes) : mebibytes(bytes);
    }

    public static String ratio(final double ratio) {
        return ratio >= 100 ? String.format(Locale.ROOT, "%.0fx", ratio) : String.format(Locale.ROOT, "%.1fx", ratio);
    }

    public static String number(final double value, final int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    public static String percent(final double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    public static String millis(final double millis) {
        return millis >= 10 ? String.format(Locale.ROOT, "%.0f ms", millis) : String.format(Locale.ROOT, "%.1f ms", millis);
    }
}
