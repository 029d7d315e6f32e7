/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.WriteResult;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSet;

import java.util.Map;
import java.util.function.Consumer;

/** A record writer that hands each record to a consumer, for tests that look at records without serializing them. */
final class CollectingRecordSetWriter implements RecordSetWriter {

    private final Consumer<Record> consumer;
    private int count;
    private boolean begun;
    private boolean finished;

    CollectingRecordSetWriter(final Consumer<Record> consumer) {
        this.consumer = consumer;
    }

    boolean isComplete() {
        return begun && finished;
    }

    @Override
    public void beginRecordSet() {
        begun = true;
    }

    @Override
    public WriteResult write(final Record record) {
        if (!begun || finished) {
            throw new IllegalStateException("record written outside of a record set");
        }
        consumer.accept(record);
        count++;
        return WriteResult.of(1, Map.of());
    }

    @Override
    public WriteResult finishRecordSet() {
        finished = true;
        return WriteResult.of(count, Map.of());
    }

    @Override
    public WriteResult write(final RecordSet recordSet) {
        throw new UnsupportedOperationException("records are written one by one");
    }

    @Override
    public String getMimeType() {
        return "application/x-test";
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    @Override
    public void close() {
        // nothing to release
    }
}
