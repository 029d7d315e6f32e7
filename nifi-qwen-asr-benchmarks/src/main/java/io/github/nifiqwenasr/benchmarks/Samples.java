/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks;

import java.util.Arrays;
import java.util.List;

/** Order statistics of repeated measurements. */
public final class Samples {

    private final double[] sorted;

    private Samples(final double[] sorted) {
        this.sorted = sorted;
    }

    public static Samples of(final List<? extends Number> values) {
        return of(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    public static Samples of(final double... values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            throw new IllegalArgumentException("No samples");
        }
        return new Samples(sorted);
    }

    public double min() {
        return sorted[0];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    public double median() {
        return quantile(0.5);
    }

    /** The q-quantile by linear interpolation between the closest ranks. */
    public double quantile(final double q) {
        final double rank = q * (sorted.length - 1);
        final int below = (int) Math.floor(rank);
        final int above = (int) Math.ceil(rank);
        return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
    }

    public double mean() {
        return Arrays.stream(sorted).average().orElseThrow();
    }

    public double sum() {
        return Arrays.stream(sorted).sum();
    }

    public int count() {
        return sorted.length;
    }
}
