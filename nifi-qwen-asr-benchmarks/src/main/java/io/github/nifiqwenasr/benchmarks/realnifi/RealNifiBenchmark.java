/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.realnifi;

import io.github.nifiqwenasr.benchmarks.Benchmark;
import io.github.nifiqwenasr.benchmarks.Format;
import io.github.nifiqwenasr.benchmarks.Row;
import io.github.nifiqwenasr.benchmarks.Section;
import io.github.nifiqwenasr.benchmarks.SuiteContext;
import io.github.nifiqwenasr.benchmarks.Verdict;
import io.github.nifiqwenasr.realnifi.NiFiAssembly;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 6, item 6: FlowFiles per second through the short-audio example flow in a real NiFi 2.3.0 (the system tests'
 * assembly, the bundle's NAR installed), with the NiFi process's CPU and memory. The simulator runs as a process of
 * its own with zero latency.
 */
public final class RealNifiBenchmark implements Benchmark {

    private static final int CONCURRENT_TASKS = 4;
    private static final int FILES = 2_000;
    private static final Duration AUDIO = Duration.ofSeconds(2);

    private final SuiteContext suite;

    public RealNifiBenchmark(final SuiteContext suite) {
        this.suite = suite;
    }

    @Override
    public String id() {
        return "real-nifi";
    }

    @Override
    public Section run() throws Exception {
        final int files = suite.quick() ? 200 : FILES;
        try (BenchmarkNiFi real = BenchmarkNiFi.start(suite, id(), List.of())) {
            final ShortAudioFlow flow = ShortAudioFlow.deploy(real.nifi().client(), real.repoRoot(), real.simulator(),
                    real.data("short-audio"), CONCURRENT_TASKS);
            flow.dropAudio(files, AUDIO);
            final FlowRun measured = FlowRun.measure(real.nifi(), real.simulator(), flow, files);
            return section(measured, real.startup(), files);
        }
    }

    private static Section section(final FlowRun run, final Duration startup, final int files) {
        final List<Row> rows = new ArrayList<>();
        rows.add(Row.context("FlowFiles/s through the short-audio example flow, TranscribeAudioShort at 4 concurrent tasks"
                + " (steady window, 10%-90% of the files)", Format.number(run.flowFilesPerSecond(), 1)));
        rows.add(Row.context("NiFi process CPU over the window (of " + Runtime.getRuntime().availableProcessors() + " cores)",
                Format.number(run.cpuCores(), 2) + " cores, " + Format.millis(run.cpuMillisPerFlowFile()) + " per FlowFile"));
        rows.add(Row.context("NiFi process memory: resident (peak), heap used at the end", Format.bytes(run.peakResidentBytes())
                + ", " + Format.bytes(run.heapUsedBytes()) + " of " + Format.bytes(run.heapMaxBytes())));
        rows.add(new Row("Correct transcripts written; FlowFiles to failure", run.correctTranscripts() + " of " + files + "; "
                + run.failures(), "", "", "all; none", Verdict.of(run.correctTranscripts() == files && run.failures() == 0)));
        final List<String> notes = new ArrayList<>();
        notes.add("NiFi " + NiFiAssembly.NIFI_VERSION + " started in " + Format.number(startup.toMillis() / 1000.0, 1)
                + " s; all " + files + " files took " + Format.number(run.totalSeconds(), 1) + " s from the flow's start,"
                + " ListFile (every 5 s, files at least 2 s old) included.");
        return new Section("6. Real NiFi: the short-audio example flow",
                """
                NiFi %s as the system tests assemble it (.nifi/, started without its bootstrap, -Xmx1g), the bundle's NAR \
                installed, the simulator as a process of its own with zero latency and without keeping bodies. \
                examples/short-audio-transcription.json uploaded as a user would (parameters: region, key, endpoint, \
                directories); changed only where the measurement needs it: TranscribeAudioShort at %d concurrent tasks, \
                and the client service's Requests Per Minute at 1,000,000 so that the quota does not set the pace. \
                %d WAV files (%d s of 16 kHz mono, 64 KiB, each with its own text) dropped into the input directory \
                before the flow starts. FlowFiles per second: transcript files written by the flow's PutFile, counted \
                every 250 ms, between the times 10%% and 90%% of them were there. CPU: the NiFi process's total CPU time \
                (ProcessHandle) over that window. Memory: resident set size sampled with the count (peak), heap used from \
                /nifi-api/system-diagnostics at the end. Every transcript's content is checked against its file's text."""
                        .formatted(NiFiAssembly.NIFI_VERSION, CONCURRENT_TASKS, files, AUDIO.toSeconds()),
                rows, notes);
    }
}
