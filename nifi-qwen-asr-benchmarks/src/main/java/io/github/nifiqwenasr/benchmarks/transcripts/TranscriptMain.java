/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.transcripts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiqwenasr.api.StreamSource;
import io.github.nifiqwenasr.benchmarks.Arguments;
import io.github.nifiqwenasr.benchmarks.ChildJvm;
import io.github.nifiqwenasr.io.Json;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The child JVM of the transcript benchmark. It warms every conversion up, times them in rounds (each round runs
 * every conversion once, in a rotating order, so that a change in the machine's load hits all of them alike), then
 * samples the live heap each holds. Nothing else runs in this JVM, so a full GC at a probe leaves only what the
 * conversion holds plus a fixed baseline.
 */
public final class TranscriptMain {

    private static final int WARMUP_ROUNDS = 3;

    private TranscriptMain() {
    }

    public static void main(final String[] args) throws Exception {
        final Arguments arguments = Arguments.parse(args);
        final Path file = Path.of(arguments.get("document"));
        final StreamSource document = () -> Files.newInputStream(file);
        final TestRunner runner = TestRunners.newTestRunner(NoOpProcessor.class);
        final JsonRecordSetWriter writers = new JsonRecordSetWriter();
        runner.addControllerService("writer", writers);
        runner.enableControllerService(writers);
        final List<Conversion> conversions = Arrays.stream(arguments.get("conversions").split(",")).map(Conversion::valueOf).toList();

        final ConversionTimer timer = new ConversionTimer(document, writers, runner.getLogger());
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            timer.runAll(conversions, round, false);
        }
        for (int round = 0; round < arguments.getInt("runs"); round++) {
            timer.runAll(conversions, round, true);
        }
        final ObjectNode result = Json.MAPPER.createObjectNode();
        for (final Conversion conversion : conversions) {
            final ObjectNode measurement = timer.measurement(conversion);
            measurement.put("peakLiveBytes", timer.peakLiveBytes(conversion));
            result.set(conversion.name(), measurement);
        }
        ChildJvm.emit(result);
        System.exit(0);
    }
}
