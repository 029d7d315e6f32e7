/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks;

/**
 * One line of the results: a figure of the bundle beside its baseline, both measured in the same run.
 *
 * @param ratio how the bundle compares with the baseline, written so that the target reads the same way
 */
public record Row(String measurement, String bundle, String baseline, String ratio, String target, Verdict verdict) {

    /** A figure with no baseline and no target, for context. */
    public static Row context(final String measurement, final String value) {
        return new Row(measurement, value, "", "", "", Verdict.CONTEXT);
    }
}
