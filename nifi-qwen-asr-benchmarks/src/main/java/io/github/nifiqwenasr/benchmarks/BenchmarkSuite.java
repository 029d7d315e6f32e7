/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks;

import io.github.nifiqwenasr.benchmarks.cluster.ClusterQuotaBenchmark;
import io.github.nifiqwenasr.benchmarks.polling.PollingBenchmark;
import io.github.nifiqwenasr.benchmarks.quota.QuotaGoodputBenchmark;
import io.github.nifiqwenasr.benchmarks.realnifi.FlowComparisonBenchmark;
import io.github.nifiqwenasr.benchmarks.realnifi.NiFiPollingBenchmark;
import io.github.nifiqwenasr.benchmarks.realnifi.RealNifiBenchmark;
import io.github.nifiqwenasr.benchmarks.shortaudio.ShortAudioHeapBenchmark;
import io.github.nifiqwenasr.benchmarks.shortaudio.ShortAudioThroughputBenchmark;
import io.github.nifiqwenasr.benchmarks.transcripts.TranscriptBenchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the benchmarks of issues 6 and 12 one after another, prints each section's table as it finishes, and on a complete run
 * rewrites BENCHMARKS.md. Started by {@code bin/benchmarks}, which builds the module and passes the class paths.
 * <p>
 * Options: {@code --classes DIR --bundle-classpath FILE --sdk-classpath FILE} (given by the script), {@code --work DIR},
 * {@code --output FILE}, {@code --only id,id} (a partial run: the output file is not written), {@code --quick} (short
 * runs to check that everything works; the output file is not written).
 */
public final class BenchmarkSuite {

    /** Every contender JVM gets the heap NiFi's bootstrap.conf gives by default, fixed, so that no one pays for growing it. */
    static final List<String> CHILD_JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

    private BenchmarkSuite() {
    }

    public static void main(final String[] args) throws Exception {
        final Arguments arguments = Arguments.parse(args);
        final Path work = Path.of(arguments.get("work", "nifi-qwen-asr-benchmarks/target/benchmarks"));
        final Classpaths classpaths = Classpaths.read(Path.of(arguments.get("classes")),
                Path.of(arguments.get("bundle-classpath")), Path.of(arguments.get("sdk-classpath")));
        final SuiteContext suite = new SuiteContext(new ChildJvm(work.resolve("logs"), CHILD_JVM_OPTIONS), classpaths, work,
                arguments.has("quick"));
        final List<Benchmark> all = List.of(
                new ShortAudioHeapBenchmark(suite),
                new ShortAudioThroughputBenchmark(suite),
                new QuotaGoodputBenchmark(suite),
                new PollingBenchmark(suite),
                new TranscriptBenchmark(suite),
                new RealNifiBenchmark(suite),
                new ClusterQuotaBenchmark(suite),
                new FlowComparisonBenchmark(suite),
                new NiFiPollingBenchmark(suite));
        final Set<String> only = arguments.has("only")
                ? Set.of(arguments.get("only").split(","))
                : all.stream().map(Benchmark::id).collect(Collectors.toSet());
        final List<Benchmark> selected = all.stream().filter(benchmark -> only.contains(benchmark.id())).toList();
        if (selected.size() != only.size()) {
            throw new IllegalArgumentException("Unknown benchmark in --only " + only + "; known: "
                    + all.stream().map(Benchmark::id).toList());
        }

        final Machine machine = Machine.describe();
        System.out.println("Benchmarks " + selected.stream().map(Benchmark::id).toList() + " on " + machine.cores()
                + " cores, " + machine.jdk() + ", load average " + machine.loadAverage());
        final long start = System.nanoTime();
        final List<Report.Outcome> outcomes = new ArrayList<>();
        for (final Benchmark benchmark : selected) {
            final Report.Outcome outcome = run(benchmark);
            outcomes.add(outcome);
            System.out.print(Report.console(outcome));
        }
        final Report report = new Report(machine, Machine.currentLoadAverage(), CHILD_JVM_OPTIONS, outcomes,
                Duration.ofNanos(System.nanoTime() - start));
        System.out.print(report.console());

        final boolean complete = selected.size() == all.size() && !suite.quick();
        if (arguments.has("output") && complete) {
            Files.writeString(Path.of(arguments.get("output")), report.markdown());
            System.out.println("\nWrote " + arguments.get("output"));
        } else if (arguments.has("output")) {
            System.out.println("\nA partial or quick run: " + arguments.get("output") + " is left as it is.");
        }
        System.exit(0);
    }

    /** Runs one benchmark; a benchmark that fails becomes a section that says so, and the suite goes on. */
    private static Report.Outcome run(final Benchmark benchmark) {
        final long start = System.nanoTime();
        Section section;
        try {
            section = benchmark.run();
        } catch (final Exception | AssertionError e) {
            final List<String> trace = new ArrayList<>();
            trace.add(e.toString());
            Arrays.stream(e.getStackTrace()).limit(10).map(frame -> "at " + frame).forEach(trace::add);
            section = new Section(benchmark.id(), "The benchmark failed.",
                    List.of(new Row(benchmark.id(), "failed", "", "", "", Verdict.MISSED)), trace);
        }
        return new Report.Outcome(section, Duration.ofNanos(System.nanoTime() - start));
    }
}
