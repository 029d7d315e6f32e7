/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.realnifi;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.realnifi.NiFiInstance;
import io.github.nifiqwenasr.realnifi.SimulatorProcess;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of a short-audio flow over files already dropped: the count of transcripts and the NiFi process's CPU time
 * sampled every 250 ms from the flow's start until every file is transcribed or failed, and the figures derived from
 * the steady part of it (from 10% to 90% of the files); the heap sampled every second; the content the flow's
 * processors wrote (NiFi's status of the process group, bytes written, over the whole run).
 */
record FlowRun(double flowFilesPerSecond, double cpuCores, double cpuMillisPerFlowFile, double simulatorCpuMillisPerFlowFile,
               long peakResidentBytes,
               long heapUsedBytes, long heapMaxBytes, long peakHeapBytes, long bytesWritten, long correctTranscripts,
               int failures, double totalSeconds) {

    /** Content written per FlowFile (all files of the run). */
    double bytesWrittenPerFlowFile(final int files) {
        return (double) bytesWritten / files;
    }

    private static final Duration SAMPLE_INTERVAL = Duration.ofMillis(250);
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    /** One look at the flow: when, how many transcripts, how much CPU NiFi and the simulator had used. */
    private record Sample(long nanos, int transcripts, long cpuNanos, long simulatorCpuNanos) {
    }

    static FlowRun measure(final NiFiInstance nifi, final SimulatorProcess simulator, final ShortAudioFlow flow, final int files)
            throws IOException, InterruptedException {
        final List<Sample> samples = new ArrayList<>();
        long peakResident = 0;
        long peakHeap = 0;
        int sampled = 0;
        final long start = System.nanoTime();
        flow.start();
        int failures = 0;
        while (true) {
            final int transcripts = flow.transcripts().size();
            failures = flow.failures().size();
            samples.add(new Sample(System.nanoTime(), transcripts, cpuNanos(nifi.pid()), cpuNanos(simulator.pid())));
            peakResident = Math.max(peakResident, nifi.residentKiB() * 1024);
            if (sampled++ % 4 == 0) {
                peakHeap = Math.max(peakHeap, heap(nifi).path("usedHeapBytes").asLong());
            }
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
        final JsonNode heap = heap(nifi);
        final long bytesWritten = nifi.client().get("/flow/process-groups/" + flow.groupId() + "/status")
                .path("processGroupStatus").path("aggregateSnapshot").path("bytesWritten").asLong();
        flow.stop();
        final Sample from = firstReaching(samples, files / 10);
        final Sample to = firstReaching(samples, files * 9 / 10);
        final double seconds = (to.nanos() - from.nanos()) / 1e9;
        final int done = to.transcripts() - from.transcripts();
        final double cpuSeconds = (to.cpuNanos() - from.cpuNanos()) / 1e9;
        final double simulatorCpuSeconds = (to.simulatorCpuNanos() - from.simulatorCpuNanos()) / 1e9;
        return new FlowRun(done / seconds, cpuSeconds / seconds, cpuSeconds * 1000 / done, simulatorCpuSeconds * 1000 / done, peakResident,
                heap.path("usedHeapBytes").asLong(), heap.path("maxHeapBytes").asLong(),
                Math.max(peakHeap, heap.path("usedHeapBytes").asLong()), bytesWritten, flow.correctTranscripts(), failures,
                totalSeconds);
    }

    private static JsonNode heap(final NiFiInstance nifi) {
        return nifi.client().get("/system-diagnostics").path("systemDiagnostics").path("aggregateSnapshot");
    }

    private static Sample firstReaching(final List<Sample> samples, final int transcripts) {
        return samples.stream().filter(sample -> sample.transcripts() >= transcripts).findFirst().orElseThrow();
    }

    private static long cpuNanos(final long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration())
                .map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("The CPU time of process " + pid + " cannot be read"));
    }
}
