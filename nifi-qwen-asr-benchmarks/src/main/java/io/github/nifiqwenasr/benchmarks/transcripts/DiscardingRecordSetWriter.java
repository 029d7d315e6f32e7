/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.transcripts;

import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.WriteResult;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSet;

import java.util.Map;

/**
 * A record writer that counts the records it is given and writes nothing: the converter's own cost, without NiFi's.
 * It calls a probe every {@value #PROBE_EVERY} records, while the converter holds its state.
 */
final class DiscardingRecordSetWriter implements RecordSetWriter {

    private static final int PROBE_EVERY = 2_000;

    private final Runnable probe;
    private int count;

    DiscardingRecordSetWriter(final Runnable probe) {
        this.probe = probe;
    }

    @Override
    public void beginRecordSet() {
        count = 0;
    }

    @Override
    public WriteResult write(final Record record) {
        if (++count % PROBE_EVERY == 0) {
            probe.run();
        }
        return WriteResult.of(1, Map.of());
    }

    @Override
    public WriteResult write(final RecordSet recordSet) {
        throw new UnsupportedOperationException("The converter writes records one by one");
    }

    @Override
    public WriteResult finishRecordSet() {
        return WriteResult.of(count, Map.of());
    }

    @Override
    public String getMimeType() {
        return "application/octet-stream";
    }

    @Override
    public void flush() {
        // nothing is buffered
    }

    @Override
    public void close() {
        // nothing is held
    }
}
