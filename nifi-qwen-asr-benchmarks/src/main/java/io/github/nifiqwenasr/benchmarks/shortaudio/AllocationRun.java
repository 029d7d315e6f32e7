/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.shortaudio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.ThreadMXBean;
import io.github.nifiqwenasr.io.Json;

import java.lang.management.ManagementFactory;

/**
 * Heap allocated per request, one request at a time after a warm-up, counted two ways by the JVM's per-thread
 * allocation counters: on every thread of the process ({@code getTotalThreadAllocatedBytes}, which also sees helper
 * threads an SDK might use) and on the calling thread alone. The child JVM runs nothing but the contender.
 */
final class AllocationRun {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Contender contender;
    private final String expected;

    AllocationRun(final Contender contender, final String expected) {
        this.contender = contender;
        this.expected = expected;
    }

    ObjectNode measure(final int warmupRequests, final int requests) throws Exception {
        for (int i = 0; i < warmupRequests; i++) {
            check(contender.transcribe());
        }
        final ObjectNode result = Json.MAPPER.createObjectNode();
        final ArrayNode process = result.putArray("processBytes");
        final ArrayNode thread = result.putArray("threadBytes");
        for (int i = 0; i < requests; i++) {
            final long processBefore = THREADS.getTotalThreadAllocatedBytes();
            final long threadBefore = THREADS.getCurrentThreadAllocatedBytes();
            check(contender.transcribe());
            thread.add(THREADS.getCurrentThreadAllocatedBytes() - threadBefore);
            process.add(THREADS.getTotalThreadAllocatedBytes() - processBefore);
        }
        return result;
    }

    private void check(final String transcript) {
        if (!expected.equals(transcript)) {
            throw new IllegalStateException("Expected the transcript '" + expected + "', got '" + transcript + "'");
        }
    }
}
