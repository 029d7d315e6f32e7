/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.polling;

import io.github.nifiqwenasr.benchmarks.Benchmark;
import io.github.nifiqwenasr.benchmarks.Format;
import io.github.nifiqwenasr.benchmarks.Row;
import io.github.nifiqwenasr.benchmarks.Samples;
import io.github.nifiqwenasr.benchmarks.Section;
import io.github.nifiqwenasr.benchmarks.SuiteContext;
import io.github.nifiqwenasr.benchmarks.Verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 6, item 4: task status queries and detection lag of PollAsrTask's schedule (a tenth of the task's age
 * between 5 s and 1 min) against polling every 5 s, for a thousand tasks lasting from seconds to hours.
 */
public final class PollingBenchmark implements Benchmark {

    private static final int TASKS = 1000;
    private static final int SERVICE_QUERY_LIMIT = 20;
    private static final int CONCURRENT_TASKS = 4;
    private static final Duration DEFAULT_MINIMUM = Duration.ofSeconds(5);
    private static final Duration DEFAULT_MAXIMUM = Duration.ofMinutes(1);

    private final SuiteContext suite;

    public PollingBenchmark(final SuiteContext suite) {
        this.suite = suite;
    }

    @Override
    public String id() {
        return "polling";
    }

    @Override
    public Section run() throws Exception {
        final double factor = suite.quick() ? 240 : 60;
        final int tasks = suite.quick() ? 200 : TASKS;
        final List<Long> durations = TaskMix.durations(tasks);
        final Duration submitting = Duration.ofMillis(tasks * 60_000L / TaskMix.SUBMISSIONS_PER_MINUTE);
        final Duration horizon = submitting.plusSeconds((long) TaskMix.LONGEST_SECONDS).plusMinutes(10);
        try (PollingRun bundle = new PollingRun(factor, DEFAULT_MINIMUM, DEFAULT_MAXIMUM, SERVICE_QUERY_LIMIT, CONCURRENT_TASKS, horizon);
             PollingRun fixed = new PollingRun(factor, DEFAULT_MINIMUM, DEFAULT_MINIMUM, 0, CONCURRENT_TASKS, horizon)) {
            final List<Integer> order = TaskMix.submissionOrder(tasks);
            final List<String> bundleUrls = new ArrayList<>();
            final List<String> fixedUrls = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                bundleUrls.add(bundle.host(i, durations.get(i)));
                fixedUrls.add(TaskMix.inBaseline(i) ? fixed.host(i, durations.get(i)) : null);
            }
            final long pace = Math.round(60_000_000_000.0 / TaskMix.SUBMISSIONS_PER_MINUTE / factor);
            final long start = System.nanoTime();
            bundle.start();
            fixed.start();
            for (int n = 0; n < tasks; n++) {
                final long due = start + n * pace - System.nanoTime();
                if (due > 0) {
                    Thread.sleep(due / 1_000_000, (int) (due % 1_000_000));
                }
                final int task = order.get(n);
                bundle.submit(task, bundleUrls.get(task));
                if (TaskMix.inBaseline(task)) {
                    fixed.submit(task, fixedUrls.get(task));
                }
            }
            final long deadline = start + (long) (horizon.toNanos() / factor);
            while ((bundle.finished() < tasks || fixed.finished() < tasks / TaskMix.BASELINE_EVERY) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            bundle.stop();
            fixed.stop();
            return section(factor, tasks, bundle, fixed);
        }
    }

    private static Section section(final double factor, final int tasks, final PollingRun bundle, final PollingRun fixed) {
        final List<PollingRun.Finished> ours = bundle.results();
        final List<PollingRun.Finished> theirs = fixed.results();
        final List<PollingRun.Finished> oursMatched = ours.stream().filter(finished -> TaskMix.inBaseline(finished.index())).toList();
        final double queriesOurs = Samples.of(oursMatched.stream().map(PollingRun.Finished::queries).toList()).mean();
        final double queriesOursAll = Samples.of(ours.stream().map(PollingRun.Finished::queries).toList()).mean();
        final double queriesTheirs = Samples.of(theirs.stream().map(PollingRun.Finished::queries).toList()).mean();
        final Samples relativeOurs = Samples.of(ours.stream().map(f -> f.lagSeconds() / f.seconds()).toList());
        final Samples relativeTheirs = Samples.of(theirs.stream().map(f -> f.lagSeconds() / f.seconds()).toList());
        final Samples lagOurs = Samples.of(ours.stream().map(PollingRun.Finished::lagSeconds).toList());
        final Samples lagTheirs = Samples.of(theirs.stream().map(PollingRun.Finished::lagSeconds).toList());
        final double fewer = queriesTheirs / queriesOurs;

        final List<Row> rows = new ArrayList<>();
        rows.add(new Row("Task status queries per task (the baseline's " + theirs.size() + " tasks; all "
                + ours.size() + ": " + Format.number(queriesOursAll, 1) + ")", Format.number(queriesOurs, 1),
                Format.number(queriesTheirs, 1) + " (every 5 s)", Format.ratio(fewer) + " fewer",
                ">= " + Format.ratio(TaskMix.TARGET_FEWER_QUERIES) + " fewer", Verdict.of(fewer >= TaskMix.TARGET_FEWER_QUERIES)));
        rows.add(new Row("Detection lag / task duration, median", Format.percent(relativeOurs.median()),
                Format.percent(relativeTheirs.median()), "", "<= " + Format.percent(TaskMix.TARGET_RELATIVE_LAG),
                Verdict.of(relativeOurs.median() <= TaskMix.TARGET_RELATIVE_LAG)));
        rows.add(new Row("Detection lag / task duration, 90th percentile", Format.percent(relativeOurs.quantile(0.9)),
                Format.percent(relativeTheirs.quantile(0.9)), "", "", Verdict.CONTEXT));
        rows.add(new Row("Detection lag in seconds, median (90th percentile)",
                Format.number(lagOurs.median(), 1) + " s (" + Format.number(lagOurs.quantile(0.9), 1) + " s)",
                Format.number(lagTheirs.median(), 1) + " s (" + Format.number(lagTheirs.quantile(0.9), 1) + " s)", "", "", Verdict.CONTEXT));
        rows.add(new Row("Task queries per second in the busiest minute (the service allows 20)",
                Format.number(bundle.busiestMinuteQueriesPerSecond(), 1),
                Format.number(fixed.busiestMinuteQueriesPerSecond() * TaskMix.BASELINE_EVERY, 1) + " (10x its sample's)", "", "",
                Verdict.CONTEXT));
        rows.add(new Row("Tasks seen finished", ours.size() + " of " + tasks, theirs.size() + " of " + tasks / TaskMix.BASELINE_EVERY,
                "", "all, nothing to retry or failure", Verdict.of(ours.size() == tasks && theirs.size() == tasks / TaskMix.BASELINE_EVERY
                && bundle.problems() == 0 && fixed.problems() == 0)));
        final List<String> notes = new ArrayList<>();
        notes.add("The baseline watches a stratified sample, one task of every ten consecutive durations, because polling all "
                + tasks + " every 5 s with time compressed " + Format.number(factor, 0) + "x would be "
                + Format.number(tasks / 5.0 * factor, 0) + " queries per second, more than this machine serves. A fixed-interval"
                + " poller's queries and lag for one task do not depend on the other tasks while it keeps up; its median lag of "
                + Format.number(lagTheirs.median(), 1) + " s against the 2.5 s of a uniform wait of 0-5 s shows what the harness"
                + " adds. The query ratio compares the same tasks.");
        notes.add("The busiest minute can exceed 20 per second for the bundle because the client's limiter, scaled with the"
                + " clock, holds one compressed second of permits, which is a minute of uncompressed time; the real limiter"
                + " holds one second's, so against the service the bundle's queries stay at 20 per second and the schedule"
                + " absorbs the wait.");
        notes.add("Polling " + tasks + " tasks every 5 s needs " + Format.number(tasks / 5.0, 0) + " queries per second, "
                + Format.number(tasks / 5.0 / SERVICE_QUERY_LIMIT, 0) + "x the 20 per second the service allows an account:"
                + " against the real service that baseline would be throttled.");
        return new Section("4. Polling long-audio tasks",
                """
                %d filetrans tasks whose durations spread evenly on a log scale from 5 s to 2 h (median 190 s), started \
                at 100 per minute (the default Requests Per Minute, which SubmitAsrTask shares, so a flow cannot start \
                them faster). Time is compressed %.0fx: the simulator runs a task of D seconds for D/%.0f, and every \
                interval of the pollers is divided by %.0f. Bundle: PollAsrTask with its defaults (Minimum Poll Interval \
                5 s, Maximum 1 min, Batch Size 20, yield 1 s) and the client service's default Task Queries Per Second \
                (20), all scaled; 4 concurrent tasks; 'running' looped back. Baseline: the same processor with \
                Minimum = Maximum = 5 s, no client-side query limit, watching every tenth task (the same durations) on \
                a simulator of its own, at the same time. Queries per task: asr.poll.count when the FlowFile left \
                success. Detection lag: from the end of the task in the simulator to the FlowFile leaving success, \
                uncompressed. Figures below are uncompressed (real-service) seconds."""
                        .formatted(tasks, factor, factor, factor),
                rows, notes);
    }
}
