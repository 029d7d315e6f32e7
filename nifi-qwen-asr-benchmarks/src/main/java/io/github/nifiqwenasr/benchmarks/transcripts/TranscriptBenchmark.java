/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.transcripts;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.benchmarks.Benchmark;
import io.github.nifiqwenasr.benchmarks.Format;
import io.github.nifiqwenasr.benchmarks.Row;
import io.github.nifiqwenasr.benchmarks.Samples;
import io.github.nifiqwenasr.benchmarks.Section;
import io.github.nifiqwenasr.benchmarks.SuiteContext;
import io.github.nifiqwenasr.benchmarks.Verdict;
import io.github.nifiqwenasr.io.Json;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Issue 6, item 5: converting a 12-hour transcript with word timestamps to srt, records and text, against reading it
 * into Jackson's tree model: time and the most live heap held.
 */
public final class TranscriptBenchmark implements Benchmark {

    private static final double TARGET_FASTER = 2;
    private static final double TARGET_HEAP_FRACTION = 0.1;
    private static final List<Conversion> CONVERSIONS = List.of(Conversion.SRT, Conversion.RECORDS_JSON, Conversion.RECORDS, Conversion.TEXT);
    private static final int RUNS = 15;

    private final SuiteContext suite;

    public TranscriptBenchmark(final SuiteContext suite) {
        this.suite = suite;
    }

    @Override
    public String id() {
        return "transcripts";
    }

    @Override
    public Section run() throws Exception {
        final Path document = TwelveHourTranscript.download(suite.work().resolve("transcripts").resolve("twelve-hours.json"));
        final String shape = shape(document);
        final int runs = suite.quick() ? 3 : RUNS;
        final String conversions = Arrays.stream(Conversion.values()).map(Conversion::name).collect(Collectors.joining(","));
        final JsonNode result = suite.jvm().run("transcripts", suite.classpaths().bundle(), TranscriptMain.class,
                List.of("--document", document.toString(), "--runs", String.valueOf(runs), "--conversions", conversions),
                Duration.ofMinutes(5));
        final JsonNode tree = result.get(Conversion.READ_TREE.name());
        final List<Row> rows = new ArrayList<>();
        for (final Conversion conversion : CONVERSIONS) {
            final JsonNode ours = result.get(conversion.name());
            final double faster = median(tree, "millis") / median(ours, "millis");
            rows.add(new Row("Time, 12 h transcript to " + conversion.label(), time(ours), time(tree), faster(faster),
                    ">= " + Format.ratio(TARGET_FASTER) + " faster", Verdict.of(faster >= TARGET_FASTER)));
            final double heap = ours.get("peakLiveBytes").asDouble() / tree.get("peakLiveBytes").asDouble();
            rows.add(new Row("Peak live heap, 12 h transcript to " + conversion.label(), Format.bytes(ours.get("peakLiveBytes").asDouble()),
                    Format.bytes(tree.get("peakLiveBytes").asDouble()), Format.percent(heap) + " of the tree's",
                    "<= " + Format.percent(TARGET_HEAP_FRACTION), Verdict.of(heap <= TARGET_HEAP_FRACTION)));
        }
        final JsonNode tokens = result.get(Conversion.TOKENS.name());
        rows.add(new Row("Time, " + Conversion.TOKENS.label() + " (the floor of a conversion that checks every byte)",
                time(tokens), time(tree), faster(median(tree, "millis") / median(tokens, "millis")), "",
                Verdict.CONTEXT));
        final JsonNode scan = result.get(Conversion.SCAN.name());
        rows.add(new Row("Time, " + Conversion.SCAN.label() + " (the first pass every conversion makes)",
                time(scan), time(tree), faster(median(tree, "millis") / median(scan, "millis")), "",
                Verdict.CONTEXT));
        for (final Conversion conversion : CONVERSIONS) {
            final JsonNode ours = result.get(conversion.name());
            rows.add(new Row("Allocated per conversion to " + conversion.label() + " (output " + Format.bytes(ours.get("outputBytes").asDouble()) + ")",
                    Format.bytes(median(ours, "allocatedBytes")), Format.bytes(median(tree, "allocatedBytes")), "", "", Verdict.CONTEXT));
        }
        return new Section("5. Transcripts: 12 hours with word timestamps",
                """
                The document a 12-hour filetrans task with enable_words gets from the simulator (%s), on disk. One fresh \
                JVM (NiFi's default heap, 1 GB) warms every conversion up (3 rounds), then times %d rounds, each running \
                every conversion once in a rotating order so that load from elsewhere hits all alike, each run after a \
                full GC so that it pays for its own garbage only (the table shows the median, best in brackets). Then \
                one more run of each samples the live heap: a full GC every 256 KiB of output, every 2,000 records and \
                once after readTree while it holds the tree, minus the heap after a GC before the run. Conversions are \
                TranscriptDocument's, as FetchTranscript uses them: scan (checks the whole document and learns its \
                channels), then write srt / records / text into a discarding stream. Records are measured twice: \
                through NiFi's JsonRecordSetWriter (2.3.0, the writer a user would pick: what FetchTranscript costs) \
                and into a writer that discards them (the converter's own share). Baseline: ObjectMapper.readTree of \
                the same file, which only parses. For scale, the tokenizer alone (JsonParser.nextToken to the end) and \
                TranscriptDocument.scan alone, the first of a conversion's two passes."""
                        .formatted(shape, runs),
                rows, notes(result));
    }

    /** Why the time targets are missed, by how much, and what would close the gap; what this issue changed. */
    private static List<String> notes(final JsonNode result) {
        final JsonNode tree = result.get(Conversion.READ_TREE.name());
        final double treeMillis = median(tree, "millis");
        final List<String> notes = new ArrayList<>();
        final List<String> missed = CONVERSIONS.stream()
                .filter(conversion -> treeMillis / median(result.get(conversion.name()), "millis") < TARGET_FASTER)
                .map(conversion -> conversion.label() + " " + Format.ratio(median(result.get(conversion.name()), "millis") / treeMillis))
                .toList();
        if (!missed.isEmpty()) {
            notes.add("Time targets missed: the target is half of readTree's time; measured " + String.join(", ", missed)
                    + " of it. Why: readTree is Jackson's tokenizer plus building the tree, and the tokenizer alone takes "
                    + Format.percent(median(result.get(Conversion.TOKENS.name()), "millis") / treeMillis) + " of readTree's time"
                    + " here. A conversion has to read every byte (it refuses truncated and malformed documents), so no"
                    + " conversion built on Jackson's tokenizer can take half of readTree's time. TranscriptDocument reads the"
                    + " document twice: a scan that checks all of it and learns each channel's offset (subtitles merge the"
                    + " channels by time, one stream per channel) and whether any sentence has words (the record schema must be"
                    + " known before the first record), then the conversion. Records also pay for NiFi's JsonRecordSetWriter:"
                    + " the difference between the two records rows.");
            final double scanMillis = median(result.get(Conversion.SCAN.name()), "millis");
            final double srtMillis = median(result.get(Conversion.SRT.name()), "millis");
            notes.add("What would close part of the gap: one pass instead of two where the document allows it (text, json,"
                    + " records if their schema did not depend on every sentence, srt and vtt when the document has one"
                    + " channel) would save the scan, " + Format.percent(scanMillis / treeMillis) + " of readTree's time here:"
                    + " srt would take about " + Format.ratio((srtMillis - scanMillis) / treeMillis) + " of readTree's time"
                    + " instead of " + Format.ratio(srtMillis / treeMillis) + ", still short of the target; below the"
                    + " tokenizer's own cost only a parser faster than Jackson's would go. The heap targets are met by far, and"
                    + " heap is where a tree costs in NiFi: about 60 MB held per 12-hour transcript for every concurrent task.");
        }
        notes.add("Changed in transcript/ under this issue: records are built on RecordValues, one array per record instead of"
                + " a HashMap per word record. Measured with this benchmark's method before and after (2026-11-24): 54.7 MiB"
                + " allocated per conversion to records through JsonRecordSetWriter before, 33.7 MiB after; the time did not"
                + " change beyond this machine's noise (100-142 ms both).");
        return notes;
    }

    private static String shape(final Path document) throws Exception {
        try (InputStream in = Files.newInputStream(document)) {
            final JsonNode sentences = Json.MAPPER.readTree(in).path("transcripts").path(0).path("sentences");
            final long words = StreamSupport.stream(sentences.spliterator(), false).mapToLong(s -> s.path("words").size()).sum();
            return Format.mebibytes(Files.size(document)) + ", " + sentences.size() + " sentences, " + words + " words";
        }
    }

    private static double median(final JsonNode measurement, final String field) {
        return Samples.of(StreamSupport.stream(measurement.get(field).spliterator(), false).map(JsonNode::asDouble).toList()).median();
    }

    /** How many times faster than the baseline, or slower when below 1. */
    private static String faster(final double ratio) {
        return ratio >= 1 ? Format.ratio(ratio) + " faster" : Format.ratio(1 / ratio) + " slower";
    }

    private static String time(final JsonNode measurement) {
        final Samples millis = Samples.of(StreamSupport.stream(measurement.get("millis").spliterator(), false).map(JsonNode::asDouble).toList());
        return Format.millis(millis.median()) + " (" + Format.millis(millis.min()) + ")";
    }
}
