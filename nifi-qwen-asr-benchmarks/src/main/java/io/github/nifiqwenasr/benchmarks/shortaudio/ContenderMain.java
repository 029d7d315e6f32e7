/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.shortaudio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiqwenasr.benchmarks.Arguments;
import io.github.nifiqwenasr.benchmarks.ChildJvm;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The child JVM of one short-audio run: creates one contender and measures either the heap it allocates per request
 * ({@code --mode allocation}) or the requests per second it completes ({@code --mode throughput}).
 */
public final class ContenderMain {

    private ContenderMain() {
    }

    public static void main(final String[] args) throws Exception {
        final Arguments arguments = Arguments.parse(args);
        final ShortAudioCall call = new ShortAudioCall(Path.of(arguments.get("audio")), arguments.get("mime"),
                arguments.get("api"), arguments.get("key"));
        final String expected = arguments.get("expected");
        final ObjectNode result;
        try (Contender contender = ContenderKind.fromId(arguments.get("contender")).create(call)) {
            result = switch (arguments.get("mode")) {
                case "allocation" -> new AllocationRun(contender, expected).measure(arguments.getInt("warmup-requests"),
                        arguments.getInt("requests"));
                case "throughput" -> new ThroughputRun(contender, expected, arguments.getInt("threads")).measure(
                        Duration.ofMillis(arguments.getInt("warmup-millis")), Duration.ofMillis(arguments.getInt("trial-millis")),
                        arguments.getInt("trials"));
                default -> throw new IllegalArgumentException("Unknown mode " + arguments.get("mode"));
            };
        }
        ChildJvm.emit(result);
        System.exit(0);
    }
}
