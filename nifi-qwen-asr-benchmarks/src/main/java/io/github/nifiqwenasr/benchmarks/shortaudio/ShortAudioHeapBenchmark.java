/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.shortaudio;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.benchmarks.Benchmark;
import io.github.nifiqwenasr.benchmarks.Format;
import io.github.nifiqwenasr.benchmarks.Row;
import io.github.nifiqwenasr.benchmarks.Samples;
import io.github.nifiqwenasr.benchmarks.Section;
import io.github.nifiqwenasr.benchmarks.SuiteContext;
import io.github.nifiqwenasr.benchmarks.Verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/** Issue 6, item 1: heap allocated per short-audio request, bundle vs SDK vs naive code, at 1 MiB and 7 MiB. */
public final class ShortAudioHeapBenchmark implements Benchmark {

    private static final long SMALL = 1;
    private static final long LARGE = 7;
    private static final double TARGET_LESS_THAN_SDK = 10;
    private static final List<ContenderKind> CONTENDERS = List.of(ContenderKind.BUNDLE_CLIENT, ContenderKind.SDK_DATA_URL,
            ContenderKind.SDK_FILE, ContenderKind.NAIVE);

    private final SuiteContext suite;

    public ShortAudioHeapBenchmark(final SuiteContext suite) {
        this.suite = suite;
    }

    @Override
    public String id() {
        return "short-audio-heap";
    }

    @Override
    public Section run() throws Exception {
        final List<Map<ContenderKind, Double>> bySize = new ArrayList<>();
        try (ShortAudioFixture fixture = ShortAudioFixture.start(suite.work().resolve("short-audio"), SMALL, LARGE)) {
            for (final ShortAudioFixture.Audio audio : fixture.audio()) {
                final Map<ContenderKind, Double> perRequest = new EnumMap<>(ContenderKind.class);
                for (final ContenderKind kind : CONTENDERS) {
                    perRequest.put(kind, allocatedPerRequest(fixture, audio, kind));
                }
                bySize.add(perRequest);
            }
        }
        return section(bySize.get(0), bySize.get(1));
    }

    private double allocatedPerRequest(final ShortAudioFixture fixture, final ShortAudioFixture.Audio audio,
                                       final ContenderKind kind) throws Exception {
        final List<String> args = new ArrayList<>(List.of("--contender", kind.id(), "--mode", "allocation",
                "--warmup-requests", suite.quick() ? "2" : "5", "--requests", suite.quick() ? "3" : "10"));
        args.addAll(fixture.callArguments(audio));
        final String classpath = kind.usesSdk() ? suite.classpaths().sdk() : suite.classpaths().bundle();
        final JsonNode result = suite.jvm().run("heap-" + kind.id() + "-" + audio.bytes(), classpath, ContenderMain.class,
                args, Duration.ofMinutes(3));
        return Samples.of(StreamSupport.stream(result.get("processBytes").spliterator(), false)
                .map(JsonNode::asDouble).toList()).median();
    }

    private static Section section(final Map<ContenderKind, Double> small, final Map<ContenderKind, Double> large) {
        final List<Row> rows = new ArrayList<>();
        for (final ContenderKind baseline : List.of(ContenderKind.SDK_DATA_URL, ContenderKind.SDK_FILE, ContenderKind.NAIVE)) {
            rows.add(compare(SMALL, baseline, small, false));
            rows.add(compare(LARGE, baseline, large, baseline == ContenderKind.SDK_DATA_URL));
        }
        final double bundleSmall = small.get(ContenderKind.BUNDLE_CLIENT);
        final double bundleLarge = large.get(ContenderKind.BUNDLE_CLIENT);
        final double addedAudio = (LARGE - SMALL) * ShortAudioFixture.MIB;
        final double growth = bundleLarge - bundleSmall;
        rows.add(new Row("Bundle: growth of the allocation from 1 to 7 MiB of audio",
                Format.bytes(Math.max(0, growth)) + " more for " + Format.mebibytes(addedAudio) + " more audio", "", Format.percent(growth / addedAudio)
                + " of the added audio", "does not grow with the size (< 1% of the added audio)", Verdict.of(growth < addedAudio / 100)));
        return new Section("1. Short audio: heap allocated per request",
                """
                One qwen3-asr-flash recognition of a local 16 kHz mono WAV file (1 MiB and 7 MiB of samples; 7 MiB is the \
                largest round size whose Base64 data URL, 9.3 MiB, fits the service's 10 MiB limit, so it stands for the \
                issue's "9 MB"). Each contender runs in a fresh JVM of its own against the in-process \
                simulator of the suite's JVM: 5 warm-up requests, then 10 measured one at a time. Figure: median bytes \
                allocated per request on all threads of the contender's JVM (com.sun.management.ThreadMXBean \
                getTotalThreadAllocatedBytes), which includes helper threads an SDK may use. Bundle: QwenAsrClient from an \
                enabled StandardQwenAsrClientService, the audio streamed from the file (TranscribeAudioShort passes the \
                content repository's stream the same way). SDK: dashscope-sdk-java as its samples use it, with the audio as \
                a Base64 data URL (the same request on the wire; the primary baseline) and as a file:// path (the SDK \
                uploads the file to temporary storage and sends an oss:// URL: three requests). Naive: Files.readAllBytes, \
                Base64 to a String, a Jackson tree, writeValueAsBytes, OkHttp.""",
                rows, List.of());
    }

    private static Row compare(final long mebibytes, final ContenderKind baseline, final Map<ContenderKind, Double> figures,
                               final boolean targeted) {
        final double bundle = figures.get(ContenderKind.BUNDLE_CLIENT);
        final double other = figures.get(baseline);
        final double ratio = other / bundle;
        return new Row("Heap per request, " + mebibytes + " MiB audio: bundle vs " + baseline.label(),
                Format.bytes(bundle), Format.bytes(other), Format.ratio(ratio) + " less",
                targeted ? ">= " + Format.ratio(TARGET_LESS_THAN_SDK) + " less than the SDK" : "",
                targeted ? Verdict.of(ratio >= TARGET_LESS_THAN_SDK) : Verdict.CONTEXT);
    }
}
