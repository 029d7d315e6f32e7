/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.quota;

import io.github.nifiqwenasr.benchmarks.Benchmark;
import io.github.nifiqwenasr.benchmarks.Format;
import io.github.nifiqwenasr.benchmarks.Row;
import io.github.nifiqwenasr.benchmarks.Section;
import io.github.nifiqwenasr.benchmarks.SuiteContext;
import io.github.nifiqwenasr.benchmarks.Verdict;
import io.github.nifiqwenasr.benchmarks.Wiring;
import io.github.nifiqwenasr.benchmarks.flow.FlowDriver;
import io.github.nifiqwenasr.processors.AsrAttributes;
import io.github.nifiqwenasr.processors.TranscribeAudioShort;
import io.github.nifiqwenasr.simulator.DashScopeSimulator;
import io.github.nifiqwenasr.simulator.Endpoint;
import io.github.nifiqwenasr.simulator.RecordedRequest;
import io.github.nifiqwenasr.simulator.SimulatorSettings;
import io.github.nifiqwenasr.simulator.audio.SampleAudio;
import org.apache.nifi.util.TestRunner;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Issue 6, item 3: how much of a requests-per-minute quota TranscribeAudioShort turns into transcripts when eight
 * concurrent tasks work through a deep queue, with the client service set to the account's quota.
 */
public final class QuotaGoodputBenchmark implements Benchmark {

    static final String ID_ATTRIBUTE = "benchmark.id";

    private static final int QUOTA_PER_MINUTE = 600;
    private static final int CONCURRENT_TASKS = 8;
    private static final double TARGET_GOODPUT = 0.97;
    private static final double TARGET_THROTTLED = 0.01;

    private final SuiteContext suite;

    public QuotaGoodputBenchmark(final SuiteContext suite) {
        this.suite = suite;
    }

    @Override
    public String id() {
        return "quota-goodput";
    }

    @Override
    public Section run() throws Exception {
        final Duration warmup = Duration.ofSeconds(suite.quick() ? 3 : 10);
        final Duration window = Duration.ofSeconds(suite.quick() ? 10 : 60);
        final int flowFiles = (int) (QUOTA_PER_MINUTE * (warmup.toSeconds() + window.toSeconds()) / 60 * 3 / 2);
        final byte[] audio = SampleAudio.wav(Duration.ofSeconds(2), 16_000, 1, "Quota benchmark.");
        try (DashScopeSimulator simulator = DashScopeSimulator.start(new SimulatorSettings()
                .requestsPerMinute(QUOTA_PER_MINUTE).recordBodies(false).maxRecordedRequests(100_000))) {
            final TestRunner runner = Wiring.runner(TranscribeAudioShort.class, simulator.apiBaseUrl(), simulator.apiKey(),
                    Map.of("Requests Per Minute", String.valueOf(QUOTA_PER_MINUTE)));
            runner.run(1, false, true);
            final Ledger ledger = new Ledger(DashScopeSimulator.transcriptFor(audio),
                    FlowDriver.defaultPenaltyDuration(TranscribeAudioShort.class));
            final FlowDriver driver = new FlowDriver(runner, CONCURRENT_TASKS,
                    FlowDriver.defaultYieldDuration(TranscribeAudioShort.class), ledger::record);
            ledger.loopRetriesBackTo(driver.flow(), audio);
            for (int i = 0; i < flowFiles; i++) {
                driver.flow().enqueue(audio, Map.of(ID_ATTRIBUTE, String.valueOf(i), AsrAttributes.FILENAME, "call-" + i + ".wav"));
            }

            driver.start();
            Thread.sleep(warmup.toMillis());
            final Instant windowStart = Instant.now();
            final int successesBefore = ledger.successes();
            Thread.sleep(window.toMillis());
            final int successes = ledger.successes() - successesBefore;
            final Instant windowEnd = Instant.now();
            driver.stop();
            ledger.stop();

            final List<RecordedRequest> calls = simulator.requests(Endpoint.FLASH).stream()
                    .filter(call -> !call.receivedAt().isBefore(windowStart) && call.receivedAt().isBefore(windowEnd)).toList();
            final long throttled = calls.stream().filter(call -> call.responseStatus() == 429).count();
            final Set<String> accounted = ledger.accountedIds();
            accounted.addAll(driver.flow().drain().stream().map(flowFile -> flowFile.getAttribute(ID_ATTRIBUTE)).collect(Collectors.toSet()));
            final int lost = flowFiles - accounted.size();
            return section(successes, window, calls.size(), throttled, lost, flowFiles, ledger, driver);
        }
    }

    private static Section section(final int successes, final Duration window, final int calls, final long throttled,
                                   final int lost, final int flowFiles, final Ledger ledger, final FlowDriver driver) {
        final double perMinute = successes * 60.0 / window.toSeconds();
        final double goodput = perMinute / QUOTA_PER_MINUTE;
        final double throttledShare = calls == 0 ? 0 : (double) throttled / calls;
        final List<Row> rows = new ArrayList<>();
        rows.add(new Row("Successful recognitions per minute, 8 concurrent tasks", Format.number(perMinute, 1) + " /min",
                QUOTA_PER_MINUTE + " /min (the quota)", Format.percent(goodput) + " of the quota",
                ">= " + Format.percent(TARGET_GOODPUT), Verdict.of(goodput >= TARGET_GOODPUT)));
        rows.add(new Row("429 answers among the requests in the window", throttled + " of " + calls, "", Format.percent(throttledShare),
                "<= " + Format.percent(TARGET_THROTTLED), Verdict.of(throttledShare <= TARGET_THROTTLED)));
        rows.add(new Row("FlowFiles lost (neither transcribed, nor in retry, failure or the queue)", lost + " of " + flowFiles, "", "",
                "0", Verdict.of(lost == 0 && ledger.wrongTranscripts() == 0 && ledger.duplicates() == 0)));
        final List<String> notes = new ArrayList<>();
        notes.add("Whole run: " + ledger.successes() + " transcripts, " + ledger.retries() + " FlowFiles to retry, "
                + ledger.failures() + " to failure, " + ledger.wrongTranscripts() + " wrong transcripts, " + ledger.duplicates()
                + " duplicates; " + driver.triggers() + " triggers, " + driver.yields() + " yields, " + driver.failures().size()
                + " triggers that threw.");
        return new Section("3. Quota goodput",
                """
                The simulator enforces %d requests per minute (its token bucket: %d per second, burst %d, answering 429 \
                Throttling.RateQuota); StandardQwenAsrClientService has Requests Per Minute = %d, the way a user sets it \
                to the account's quota. TranscribeAudioShort runs with 8 concurrent tasks over a queue of %d FlowFiles \
                (2 s WAV each, more than the window can take), driven like NiFi's timer-driven scheduler: yields honoured \
                for the processor's default 200 ms, bored yield 10 ms, retry looped back after the 30 s default penalty \
                (nifi-mock's TestRunner.run ignores yields and would spin). After a 10 s warm-up, a 60 s window counts \
                transcripts that left success and the simulator's answers to the flash endpoint. Lost FlowFiles: every \
                input is looked for in original (with one correct transcript on success), retry, failure and the queue."""
                        .formatted(QUOTA_PER_MINUTE, QUOTA_PER_MINUTE / 60, Math.max(3, (QUOTA_PER_MINUTE + 19) / 20),
                                QUOTA_PER_MINUTE, flowFiles),
                rows, notes);
    }
}
