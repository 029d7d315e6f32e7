/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.realnifi;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.realnifi.NiFiInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of the short-audio flow over files already dropped: the count of transcripts and the NiFi process's CPU time
 * sampled every 250 ms from the flow's start until every file is transcribed or failed, and the figures derived from
 * the steady part of it (from 10% to 90% of the files).
 */
record FlowRun(double flowFilesPerSecond, double cpuCores, double cpuMillisPerFlowFile, long peakResidentBytes,
               long heapUsedBytes, long heapMaxBytes, long correctTranscripts, int failures, double totalSeconds) {

    private static final Duration SAMPLE_INTERVAL = Duration.ofMillis(250);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    /** One look at the flow: when, how many transcripts, how much CPU NiFi had used. */
    private record Sample(long nanos, int transcripts, long cpuNanos) {
    }

    static FlowRun measure(final NiFiInstance nifi, final ShortAudioFlow flow, final int files) throws IOException, InterruptedException {
        final List<Sample> samples = new ArrayList<>();
        long peakResident = 0;
        final long start = System.nanoTime();
        flow.start();
        int failures = 0;
        while (true) {
            final int transcripts = flow.transcripts().size();
            failures = flow.failures().size();
            samples.add(new Sample(System.nanoTime(), transcripts, cpuNanos(nifi)));
            peakResident = Math.max(peakResident, nifi.residentKiB() * 1024);
            if (transcripts + failures >= files) {
                break;
            }
            if (System.nanoTime() - start > TIMEOUT.toNanos()) {
                throw new IllegalStateException("Only " + transcripts + " transcripts and " + failures + " failures of "
                        + files + " files after " + TIMEOUT.toMinutes() + " minutes; see " + nifi.appLog());
            }
            Thread.sleep(SAMPLE_INTERVAL.toMillis());
        }
        final double totalSeconds = (System.nanoTime() - start) / 1e9;
        final JsonNode heap = nifi.client().get("/system-diagnostics").path("systemDiagnostics").path("aggregateSnapshot");
        flow.stop();
        final Sample from = firstReaching(samples, files / 10);
        final Sample to = firstReaching(samples, files * 9 / 10);
        final double seconds = (to.nanos() - from.nanos()) / 1e9;
        final int done = to.transcripts() - from.transcripts();
        final double cpuSeconds = (to.cpuNanos() - from.cpuNanos()) / 1e9;
        return new FlowRun(done / seconds, cpuSeconds / seconds, cpuSeconds * 1000 / done, peakResident,
                heap.path("usedHeapBytes").asLong(), heap.path("maxHeapBytes").asLong(), flow.correctTranscripts(), failures,
                totalSeconds);
    }

    private static Sample firstReaching(final List<Sample> samples, final int transcripts) {
        return samples.stream().filter(sample -> sample.transcripts() >= transcripts).findFirst().orElseThrow();
    }

    private static long cpuNanos(final NiFiInstance nifi) {
        return ProcessHandle.of(nifi.pid()).flatMap(process -> process.info().totalCpuDuration())
                .map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("The CPU time of NiFi (pid " + nifi.pid() + ") cannot be read"));
    }
}
