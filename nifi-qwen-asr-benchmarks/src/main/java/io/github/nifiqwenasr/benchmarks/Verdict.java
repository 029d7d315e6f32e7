/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks;

/** Whether a figure meets its target. */
public enum Verdict {
    MET("yes"),
    MISSED("NO"),
    /** A figure shown for context, with no target of its own. */
    CONTEXT(""),
    /** Not measured in this run; the section's notes say what it needs. */
    PENDING("pending");

    private final String label;

    Verdict(final String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Verdict of(final boolean met) {
        return met ? MET : MISSED;
    }
}
