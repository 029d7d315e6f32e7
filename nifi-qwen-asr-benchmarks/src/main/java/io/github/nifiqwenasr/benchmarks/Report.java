/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results of a run, as a plain-text table for the console and as the BENCHMARKS.md document. */
public final class Report {

    /** A section with how long its benchmark took. */
    public record Outcome(Section section, Duration took) {
    }

    private static final String[] HEADER = {"Measurement", "Bundle", "Baseline", "Ratio", "Target", "Met"};

    private final Machine machine;
    private final String loadAtEnd;
    private final List<String> childJvmOptions;
    private final List<Outcome> outcomes;
    private final Duration took;

    public Report(final Machine machine, final String loadAtEnd, final List<String> childJvmOptions,
                  final List<Outcome> outcomes, final Duration took) {
        this.machine = machine;
        this.loadAtEnd = loadAtEnd;
        this.childJvmOptions = List.copyOf(childJvmOptions);
        this.outcomes = List.copyOf(outcomes);
        this.took = took;
    }

    /** One section as a console table, printed as soon as its benchmark finishes. */
    public static String console(final Outcome outcome) {
        final List<String[]> lines = new ArrayList<>();
        lines.add(HEADER);
        outcome.section().rows().forEach(row -> lines.add(cells(row)));
        final int[] widths = new int[HEADER.length];
        lines.forEach(cells -> {
            for (int i = 0; i < cells.length; i++) {
                widths[i] = Math.max(widths[i], cells[i].length());
            }
        });
        final StringBuilder text = new StringBuilder();
        text.append('\n').append(outcome.section().title()).append(" (").append(seconds(outcome.took())).append(")\n");
        for (final String[] cells : lines) {
            for (int i = 0; i < cells.length; i++) {
                text.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", cells[i])).append(i + 1 < cells.length ? " | " : "\n");
            }
        }
        outcome.section().notes().forEach(note -> text.append("  * ").append(note).append('\n'));
        return text.toString();
    }

    public String console() {
        final StringBuilder text = new StringBuilder();
        text.append("\nBenchmarks on ").append(machine.date()).append(", ").append(machine.cores()).append(" cores, ")
                .append(machine.jdk()).append(", load average at start ").append(machine.loadAverage())
                .append(", at end ").append(loadAtEnd).append(", ").append(seconds(took)).append('\n');
        outcomes.forEach(outcome -> text.append(console(outcome)));
        return text.toString();
    }

    public String markdown() {
        final StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Written by `bin/benchmarks` (module `nifi-qwen-asr-benchmarks`); every run rewrites this file. Each figure of the")
                .append(" bundle is compared with its baseline measured in the same run, on loopback against the DashScope")
                .append(" simulator. The machine is shared with other builds, so absolute times are noisy: read the ratios.\n\n");
        md.append("## Machine\n\n| | |\n|---|---|\n");
        md.append("| Date | ").append(machine.date()).append(" |\n");
        md.append("| CPU | ").append(machine.cpu()).append(", ").append(machine.cores()).append(" cores |\n");
        md.append("| Memory | ").append(Format.number(machine.memoryBytes() / (1024.0 * 1024 * 1024), 1)).append(" GiB |\n");
        md.append("| JDK | ").append(machine.jdk()).append(" |\n");
        md.append("| OS | ").append(machine.os()).append(" |\n");
        md.append("| Load average (1, 5, 15 min) | at start ").append(machine.loadAverage()).append(", at end ").append(loadAtEnd).append(" |\n");
        md.append("| Contender JVMs | ").append(String.join(" ", childJvmOptions)).append(" |\n");
        md.append("| Suite run time | ").append(seconds(took)).append(" |\n\n");
        md.append("## Targets\n\n");
        table(md, outcomes.stream().flatMap(outcome -> outcome.section().rows().stream())
                .filter(row -> row.verdict() != Verdict.CONTEXT).toList());
        for (final Outcome outcome : outcomes) {
            final Section section = outcome.section();
            md.append("\n## ").append(section.title()).append("\n\n");
            md.append("How: ").append(section.method()).append(" (").append(seconds(outcome.took())).append(")\n\n");
            table(md, section.rows());
            if (!section.notes().isEmpty()) {
                md.append('\n');
                section.notes().forEach(note -> md.append("* ").append(note).append('\n'));
            }
        }
        return md.toString();
    }

    private static void table(final StringBuilder md, final List<Row> rows) {
        md.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        md.append("|---|---|---|---|---|---|\n");
        rows.forEach(row -> md.append("| ").append(String.join(" | ", cells(row))).append(" |\n"));
    }

    private static String[] cells(final Row row) {
        return new String[] {row.measurement(), row.bundle(), row.baseline(), row.ratio(), row.target(), row.verdict().label()};
    }

    private static String seconds(final Duration duration) {
        return String.format(Locale.ROOT, "%.0f s", duration.toMillis() / 1000.0);
    }
}
