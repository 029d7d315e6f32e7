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
import io.github.nifiqwenasr.benchmarks.realnifi.ShortAudioFlow.Variant;
import io.github.nifiqwenasr.realnifi.NiFiAssembly;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 14: in one real NiFi, the bundle's short-audio example flow against the flow a user would build from standard
 * processors (nifi-qwen-asr-benchmarks/flows/diy-short-audio-transcription.json) and against NiFi's own floor (the same
 * flow with nothing remote, flows/floor-short-audio.json), at 64 KiB and at 7 MiB of audio; then what each does with
 * audio beyond the synchronous call's limit.
 */
public final class FlowComparisonBenchmark implements Benchmark {

    private static final int CONCURRENT_TASKS = 4;
    private static final Duration PROBE_TIMEOUT = Duration.ofMinutes(3);

    /** An audio size of the comparison: 16 kHz mono 16-bit WAV of this length, and how many files. */
    private enum Size {
        SMALL("64 KiB", Duration.ofSeconds(2), 600, 100),
        LARGE("7 MiB", Duration.ofMillis(229_000), 40, 8);

        private final String label;
        private final Duration audio;
        private final int files;
        private final int quickFiles;

        Size(final String label, final Duration audio, final int files, final int quickFiles) {
            this.label = label;
            this.audio = audio;
            this.files = files;
            this.quickFiles = quickFiles;
        }
    }

    /** 8 MiB of audio (262 s): under the 5 minutes, but its data URL is over the 10 MiB one request may carry. */
    private static final Duration BEYOND_LIMIT = Duration.ofMillis(262_000);

    private final SuiteContext suite;

    public FlowComparisonBenchmark(final SuiteContext suite) {
        this.suite = suite;
    }

    @Override
    public String id() {
        return "flow-comparison";
    }

    @Override
    public Section run() throws Exception {
        try (BenchmarkNiFi real = BenchmarkNiFi.start(suite, id(), List.of())) {
            final Map<Size, Map<Variant, FlowRun>> runs = new EnumMap<>(Size.class);
            for (final Size size : Size.values()) {
                final int files = suite.quick() ? size.quickFiles : size.files;
                final Map<Variant, FlowRun> bySize = new EnumMap<>(Variant.class);
                for (final Variant variant : Variant.values()) {
                    final ShortAudioFlow flow = ShortAudioFlow.deploy(real.nifi().client(), real.repoRoot(), variant, real.simulator(),
                            real.data(size.name().toLowerCase() + "-" + variant.name().toLowerCase()), CONCURRENT_TASKS);
                    flow.dropAudio(files, size.audio);
                    final FlowRun run = FlowRun.measure(real.nifi(), real.simulator(), flow, files);
                    flow.retire();
                    System.out.println("[flow-comparison] " + size.label + ", " + variant.description() + ": "
                            + Format.number(run.flowFilesPerSecond(), 1) + " FlowFiles/s, " + Format.millis(run.cpuMillisPerFlowFile())
                            + " CPU, " + Format.bytes(run.bytesWrittenPerFlowFile(files)) + " written per FlowFile, "
                            + run.correctTranscripts() + " of " + files + " correct");
                    bySize.put(variant, run);
                }
                runs.put(size, bySize);
            }
            final Map<Variant, String> beyond = new EnumMap<>(Variant.class);
            for (final Variant variant : List.of(Variant.BUNDLE, Variant.DIY)) {
                beyond.put(variant, beyondTheLimit(real, variant));
            }
            return section(runs, beyond);
        }
    }

    /** Where one 8 MiB recording ends up: as a transcript, or in the failure directory, and how long it took. */
    private static String beyondTheLimit(final BenchmarkNiFi real, final Variant variant) throws IOException, InterruptedException {
        final ShortAudioFlow flow = ShortAudioFlow.deploy(real.nifi().client(), real.repoRoot(), variant, real.simulator(),
                real.data("beyond-" + variant.name().toLowerCase()), CONCURRENT_TASKS);
        flow.dropAudio(1, BEYOND_LIMIT, "beyond-");
        final long start = System.nanoTime();
        flow.start();
        try {
            while (System.nanoTime() - start < PROBE_TIMEOUT.toNanos()) {
                if (!flow.transcripts().isEmpty()) {
                    // The long-audio path writes the task's transcript, sentence by sentence: it must carry the recording's text.
                    final String transcript = Files.readString(flow.transcripts().getFirst());
                    return (transcript.contains("Recording beyond-0") ? "a transcript with the recording's text" : "a WRONG transcript")
                            + " after " + Format.number((System.nanoTime() - start) / 1e9, 0) + " s";
                }
                if (!flow.failures().isEmpty()) {
                    return "the failure directory after " + Format.number((System.nanoTime() - start) / 1e9, 0) + " s";
                }
                Thread.sleep(250);
            }
            return "nowhere within " + PROBE_TIMEOUT.toMinutes() + " minutes";
        } finally {
            flow.retire();
        }
    }

    private Section section(final Map<Size, Map<Variant, FlowRun>> runs, final Map<Variant, String> beyond) {
        final List<Row> rows = new ArrayList<>();
        for (final Size size : Size.values()) {
            final int files = suite.quick() ? size.quickFiles : size.files;
            final FlowRun bundle = runs.get(size).get(Variant.BUNDLE);
            final FlowRun diy = runs.get(size).get(Variant.DIY);
            final FlowRun floor = runs.get(size).get(Variant.FLOOR);
            final boolean large = size == Size.LARGE;
            final double speed = bundle.flowFilesPerSecond() / diy.flowFilesPerSecond();
            rows.add(new Row(size.label + ": FlowFiles/s, bundle vs DIY flow", Format.number(bundle.flowFilesPerSecond(), 1),
                    Format.number(diy.flowFilesPerSecond(), 1), Format.ratio(speed), large ? ">= 2.0x" : ">= 1.3x",
                    Verdict.of(speed >= (large ? 2.0 : 1.3))));
            final double cpu = bundle.cpuMillisPerFlowFile() / diy.cpuMillisPerFlowFile();
            rows.add(new Row(size.label + ": NiFi CPU per FlowFile, bundle vs DIY flow", Format.millis(bundle.cpuMillisPerFlowFile()),
                    Format.millis(diy.cpuMillisPerFlowFile()), Format.percent(cpu) + " of the DIY flow's", large ? "<= 50.0%" : "",
                    large ? Verdict.of(cpu <= 0.5) : Verdict.CONTEXT));
            final double written = bundle.bytesWrittenPerFlowFile(files) / diy.bytesWrittenPerFlowFile(files);
            rows.add(new Row(size.label + ": content repository bytes written per FlowFile, bundle vs DIY flow",
                    Format.bytes(bundle.bytesWrittenPerFlowFile(files)), Format.bytes(diy.bytesWrittenPerFlowFile(files)),
                    Format.percent(written) + " of the DIY flow's", large ? "<= 30.0%" : "", large ? Verdict.of(written <= 0.3) : Verdict.CONTEXT));
            rows.add(new Row(size.label + ": NiFi CPU per FlowFile, bundle vs NiFi's floor", Format.millis(bundle.cpuMillisPerFlowFile()),
                    Format.millis(floor.cpuMillisPerFlowFile()), Format.ratio(bundle.cpuMillisPerFlowFile() / floor.cpuMillisPerFlowFile())
                    + " the floor", "", Verdict.CONTEXT));
            rows.add(Row.context(size.label + ": the simulator's CPU per FlowFile on the same cores: bundle; DIY",
                    Format.millis(bundle.simulatorCpuMillisPerFlowFile()) + "; " + Format.millis(diy.simulatorCpuMillisPerFlowFile())));
            final int cores = Runtime.getRuntime().availableProcessors();
            rows.add(new Row(size.label + ": FlowFiles/s NiFi's CPU alone would allow (" + cores + " cores / NiFi CPU per FlowFile),"
                    + " bundle vs DIY flow", Format.number(cores * 1000 / bundle.cpuMillisPerFlowFile(), 1),
                    Format.number(cores * 1000 / diy.cpuMillisPerFlowFile(), 1), Format.ratio(diy.cpuMillisPerFlowFile() / bundle.cpuMillisPerFlowFile()),
                    "", Verdict.CONTEXT));
            rows.add(Row.context(size.label + ": NiFi's floor, FlowFiles/s and bytes written per FlowFile",
                    Format.number(floor.flowFilesPerSecond(), 1) + "; " + Format.bytes(floor.bytesWrittenPerFlowFile(files))));
            rows.add(Row.context(size.label + ": peak resident memory / peak heap: bundle; DIY; floor",
                    memory(bundle) + "; " + memory(diy) + "; " + memory(floor)));
            rows.add(new Row(size.label + ": correct output of the " + files + " files: bundle; DIY; floor",
                    bundle.correctTranscripts() + "; " + diy.correctTranscripts() + "; " + floor.correctTranscripts(), "", "",
                    "all, none failed", Verdict.of(bundle.correctTranscripts() == files && diy.correctTranscripts() == files
                    && floor.correctTranscripts() == files && bundle.failures() + diy.failures() + floor.failures() == 0)));
        }
        rows.add(Row.context("8 MiB of audio (262 s, data URL over 10 MiB) through the bundle's example flow ends up in",
                beyond.get(Variant.BUNDLE)));
        rows.add(Row.context("The same through the DIY flow ends up in", beyond.get(Variant.DIY)));
        final List<String> notes = List.of(
                "The bundle's example flow routes audio too large for one call to `too large`, which it connects to SubmitAsrTask:"
                        + " the long-audio path transcribes it. The DIY flow sends it, the service refuses the request (HTTP 400,"
                        + " data URL over 10 MiB) and InvokeHTTP routes it to No Retry, which the flow writes to its failure directory;"
                        + " the DIY flow as shipped handles at most the limit of one request (10 MiB of data URL: 7.5 MiB of audio).",
                "The simulator runs on the same two cores and does the same work per request for both flows (it decodes"
                        + " the same data URL), so FlowFiles/s measure NiFi and the simulator together; the service itself runs"
                        + " elsewhere. The derived row divides the cores by NiFi's own CPU per FlowFile: what NiFi could sustain"
                        + " with the service off its cores, an upper bound, not a measurement.",
                "Content repository bytes: NiFi's status of the process group (bytes written by its processors, a 5-minute"
                        + " window that covers each run). Both flows write the fetched audio once; the DIY flow then writes the base64"
                        + " copy, the JSON body and the response.");
        return new Section("8. Real NiFi: the bundle against the do-it-yourself flow and NiFi's floor",
                """
                NiFi %s as the system tests assemble it (.nifi/, started without its bootstrap, -Xmx1g), both NARs \
                installed, the simulator as a process of its own with zero latency and without keeping bodies, all flows \
                in the same NiFi, one after the other. The bundle: examples/short-audio-transcription.json, \
                TranscribeAudioShort at %d concurrent tasks, Requests Per Minute at 1,000,000. The DIY flow: \
                nifi-qwen-asr-benchmarks/flows/diy-short-audio-transcription.json as shipped (FetchFile, EncodeContent \
                base64, ReplaceText surrounding it with the request JSON, InvokeHTTP with the key from a sensitive \
                parameter, EvaluateJsonPath twice, PutFile; each step after FetchFile at 4 concurrent tasks). The floor: \
                flows/floor-short-audio.json (ReplaceText writing one line of text instead of the recognition, as small \
                as a transcript). 16 kHz mono WAV files, each with its own text, dropped before the flow starts; every \
                output file is checked (the transcript of its audio, or for the floor its line). FlowFiles/s, CPU and memory measured as in section 6."""
                        .formatted(NiFiAssembly.NIFI_VERSION, CONCURRENT_TASKS),
                rows, notes);
    }

    private static String memory(final FlowRun run) {
        return Format.bytes(run.peakResidentBytes()) + " / " + Format.bytes(run.peakHeapBytes());
    }
}
