/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.transcripts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.ThreadMXBean;
import io.github.nifiqwenasr.api.StreamSource;
import io.github.nifiqwenasr.io.Json;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.serialization.RecordSetWriterFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Runs conversions of one document, keeping their times, allocations and output sizes. */
final class ConversionTimer {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final long PROBE_INTERVAL_BYTES = 256 * 1024;
    private static final Runnable NO_PROBE = () -> { };

    private final StreamSource document;
    private final RecordSetWriterFactory writers;
    private final ComponentLog log;
    private final Map<Conversion, ObjectNode> measurements = new EnumMap<>(Conversion.class);

    ConversionTimer(final StreamSource document, final RecordSetWriterFactory writers, final ComponentLog log) {
        this.document = document;
        this.writers = writers;
        this.log = log;
    }

    /**
     * Runs each conversion once, starting at a different one each round; keeps the figures when {@code record}. A
     * recorded run starts after a full GC, so that it pays for the garbage it makes and not for the one before's.
     */
    void runAll(final List<Conversion> conversions, final int round, final boolean record) throws Exception {
        for (int i = 0; i < conversions.size(); i++) {
            final Conversion conversion = conversions.get((i + round) % conversions.size());
            if (record) {
                System.gc();
            }
            final ProbingOutputStream out = new ProbingOutputStream(Long.MAX_VALUE, NO_PROBE);
            final long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
            final long start = System.nanoTime();
            conversion.run(new Conversion.Target(document, out, NO_PROBE, writers, log));
            final double millis = (System.nanoTime() - start) / 1e6;
            if (record) {
                final ObjectNode measurement = measurement(conversion);
                ((ArrayNode) measurement.get("millis")).add(millis);
                ((ArrayNode) measurement.get("allocatedBytes")).add(THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore);
                measurement.put("outputBytes", out.written());
            }
        }
    }

    ObjectNode measurement(final Conversion conversion) {
        return measurements.computeIfAbsent(conversion, key -> {
            final ObjectNode measurement = Json.MAPPER.createObjectNode();
            measurement.putArray("millis");
            measurement.putArray("allocatedBytes");
            return measurement;
        });
    }

    /**
     * The most live heap one run holds beyond what was live before it: a full GC at every probe (every 256 KiB of
     * output, every 2,000 records, and once after readTree while it holds the tree).
     */
    long peakLiveBytes(final Conversion conversion) throws Exception {
        final long baseline = liveHeap();
        final long[] peak = {0};
        final Runnable probe = () -> peak[0] = Math.max(peak[0], liveHeap() - baseline);
        conversion.run(new Conversion.Target(document, new ProbingOutputStream(PROBE_INTERVAL_BYTES, probe), probe, writers, log));
        return peak[0];
    }

    private static long liveHeap() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
