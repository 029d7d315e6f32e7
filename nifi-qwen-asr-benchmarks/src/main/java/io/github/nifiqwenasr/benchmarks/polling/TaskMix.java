/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.polling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The long-audio tasks both polling benchmarks wait for: durations spread evenly on a log scale from 5 s to 2 hours,
 * started in a random order, and the fixed-interval baseline's stratified sample of them.
 */
public final class TaskMix {

    public static final double SHORTEST_SECONDS = 5;
    public static final double LONGEST_SECONDS = 2 * 3600;
    /** The baseline watches every tenth task (the same durations, stratified). */
    public static final int BASELINE_EVERY = 10;
    /** The default Requests Per Minute, which SubmitAsrTask shares: tasks cannot be started faster. */
    public static final int SUBMISSIONS_PER_MINUTE = 100;
    public static final double TARGET_FEWER_QUERIES = 5;
    public static final double TARGET_RELATIVE_LAG = 0.10;

    private TaskMix() {
    }

    /** Task i lasts the i-th of {@code tasks} durations spread evenly on a log scale from seconds to hours. */
    public static List<Long> durations(final int tasks) {
        final List<Long> durations = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            final double quantile = (i + 0.5) / tasks;
            durations.add(Math.round(SHORTEST_SECONDS * Math.pow(LONGEST_SECONDS / SHORTEST_SECONDS, quantile)));
        }
        return durations;
    }

    /** Short and long tasks mixed, as they come in practice: a random order (fixed seed). */
    public static List<Integer> submissionOrder(final int tasks) {
        final List<Integer> order = new ArrayList<>(IntStream.range(0, tasks).boxed().toList());
        Collections.shuffle(order, new Random(6));
        return order;
    }

    /** The baseline's stratified sample: one task out of every ten consecutive durations. */
    public static boolean inBaseline(final int task) {
        return task % BASELINE_EVERY == BASELINE_EVERY / 2;
    }
}
