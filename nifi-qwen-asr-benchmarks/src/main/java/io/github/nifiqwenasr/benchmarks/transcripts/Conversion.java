/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.transcripts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.api.StreamSource;
import io.github.nifiqwenasr.io.Json;
import io.github.nifiqwenasr.transcript.SubtitleFormat;
import io.github.nifiqwenasr.transcript.TranscriptDocument;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * One way of reading the 12-hour document. Each writes its output to the given stream (a discarding, counting one) and
 * calls the probe now and then while it holds what it has read, so that the live heap can be sampled.
 */
enum Conversion {
    /** The baseline: Jackson's tree model, the whole document in memory, nothing written. */
    READ_TREE("ObjectMapper.readTree"),
    /** Jackson's tokenizer over the whole document and nothing else: the floor of any conversion that checks every byte. */
    TOKENS("Jackson tokens only"),
    SCAN("scan only"),
    SRT("srt"),
    /** Records as FetchTranscript writes them for a user: through NiFi's JsonRecordSetWriter. */
    RECORDS_JSON("records, JsonRecordSetWriter"),
    /** Records handed to a writer that discards them: the converter's own share of the work. */
    RECORDS("records, discarding writer"),
    TEXT("text");

    /** Where a conversion writes, and how it reports that it is holding its state. */
    record Target(StreamSource document, OutputStream out, Runnable probe, RecordSetWriterFactory writers, ComponentLog log) {
    }

    private final String label;

    Conversion(final String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    void run(final Target target) throws Exception {
        switch (this) {
            case READ_TREE -> {
                try (InputStream in = target.document().open()) {
                    final JsonNode tree = Json.MAPPER.readTree(in);
                    target.probe().run();
                    if (!tree.has("transcripts")) {
                        throw new IllegalStateException("Not a transcript");
                    }
                }
            }
            case TOKENS -> {
                try (JsonParser parser = Json.MAPPER.getFactory().createParser(target.document().open())) {
                    while (parser.nextToken() != null) {
                        // tokenizing is all
                    }
                }
            }
            case SCAN -> TranscriptDocument.scan(target.document());
            case SRT -> TranscriptDocument.scan(target.document()).writeSubtitles(SubtitleFormat.SRT, target.out());
            case RECORDS_JSON -> {
                final TranscriptDocument document = TranscriptDocument.scan(target.document());
                try (RecordSetWriter writer = target.writers().createWriter(target.log(), document.getRecordSchema(),
                        target.out(), Map.of())) {
                    document.writeRecords(writer);
                }
            }
            case RECORDS -> {
                TranscriptDocument.scan(target.document()).writeRecords(new DiscardingRecordSetWriter(target.probe()));
            }
            case TEXT -> TranscriptDocument.scan(target.document()).writeText(target.out());
        }
    }
}
