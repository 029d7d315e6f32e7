/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.shortaudio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import io.github.nifiqwenasr.io.Json;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Requests per second: a number of threads call the contender back to back; after a warm-up, the requests completed
 * in each of a few trial windows are counted, with the CPU time the contender's JVM used per request. Every
 * transcript is checked; a wrong one or an error counts as an error, not as a request.
 */
final class ThroughputRun {

    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Contender contender;
    private final String expected;
    private final int threads;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private volatile boolean running = true;

    ThroughputRun(final Contender contender, final String expected, final int threads) {
        this.contender = contender;
        this.expected = expected;
        this.threads = threads;
    }

    ObjectNode measure(final Duration warmup, final Duration trial, final int trials) throws InterruptedException {
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int i = 0; i < threads; i++) {
            pool.submit(this::callRepeatedly);
        }
        final ObjectNode result = Json.MAPPER.createObjectNode();
        final ArrayNode rates = result.putArray("requestsPerSecond");
        final ArrayNode cpu = result.putArray("cpuMillisPerRequest");
        try {
            Thread.sleep(warmup.toMillis());
            for (int i = 0; i < trials; i++) {
                final long requestsBefore = completed.get();
                final long cpuBefore = OS.getProcessCpuTime();
                final long start = System.nanoTime();
                Thread.sleep(trial.toMillis());
                final long requests = completed.get() - requestsBefore;
                final double seconds = (System.nanoTime() - start) / 1e9;
                rates.add(requests / seconds);
                cpu.add(requests == 0 ? 0 : (OS.getProcessCpuTime() - cpuBefore) / 1e6 / requests);
            }
        } finally {
            running = false;
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        result.put("errors", errors.get());
        result.put("firstError", firstError.get());
        return result;
    }

    private void callRepeatedly() {
        while (running) {
            try {
                final String transcript = contender.transcribe();
                if (expected.equals(transcript)) {
                    completed.incrementAndGet();
                } else {
                    fail("wrong transcript '" + transcript + "'");
                }
            } catch (final Exception e) {
                fail(e.toString());
            }
        }
    }

    private void fail(final String problem) {
        errors.incrementAndGet();
        firstError.compareAndSet(null, problem);
    }
}
