/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.realnifi;

import io.github.nifiqwenasr.realnifi.ExampleParameters;
import io.github.nifiqwenasr.realnifi.NiFiClient;
import io.github.nifiqwenasr.realnifi.SimulatorProcess;
import io.github.nifiqwenasr.simulator.DashScopeSimulator;
import io.github.nifiqwenasr.simulator.audio.SampleAudio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * examples/short-audio-transcription.json deployed in a NiFi the way a user does (uploaded, parameters set), pointed
 * at the simulator and at directories of its own, with the transcription's concurrency and quota set for a
 * throughput measurement.
 */
final class ShortAudioFlow {

    private static final String EXAMPLE = "examples/short-audio-transcription.json";
    private static final String TRANSCRIBE = "Transcribe short audio";
    private static final String ASR_CLIENT = "Qwen3-ASR client";
    private static final String UNLIMITED_REQUESTS_PER_MINUTE = "1000000";

    private final NiFiClient client;
    private final String groupId;
    private final Path data;
    private final Map<String, String> expectedTranscripts = new HashMap<>();

    private ShortAudioFlow(final NiFiClient client, final String groupId, final Path data) {
        this.client = client;
        this.groupId = groupId;
        this.data = data;
    }

    static ShortAudioFlow deploy(final NiFiClient client, final Path repoRoot, final SimulatorProcess simulator, final Path data,
                                 final int concurrentTasks) throws IOException {
        final String groupId = client.uploadFlowDefinition(client.rootGroupId(), "Benchmark: short audio",
                Files.readAllBytes(repoRoot.resolve(EXAMPLE)));
        client.setParameters(client.parameterContextId(groupId), ExampleParameters.of(simulator, data));
        final String serviceId = client.controllerServices(groupId).stream()
                .filter(service -> service.path("component").path("name").asText().equals(ASR_CLIENT))
                .map(service -> service.path("id").asText())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The example flow has no service named " + ASR_CLIENT));
        client.updateControllerService(serviceId, Map.of("Requests Per Minute", UNLIMITED_REQUESTS_PER_MINUTE));
        client.setConcurrentTasks(client.processor(groupId, TRANSCRIBE).path("id").asText(), concurrentTasks);
        client.enableControllerServices(groupId);
        return new ShortAudioFlow(client, groupId, data);
    }

    /** Writes {@code files} WAV files into the flow's input directory, each carrying its own text. */
    void dropAudio(final int files, final Duration duration) throws IOException {
        final Path input = Files.createDirectories(data.resolve("in/short-audio"));
        for (int i = 0; i < files; i++) {
            final byte[] wav = SampleAudio.wav(duration, 16_000, 1, "Recording " + i + " of the benchmark.");
            Files.write(input.resolve("recording-" + i + ".wav"), wav);
            expectedTranscripts.put("recording-" + i + ".txt", DashScopeSimulator.transcriptFor(wav));
        }
    }

    void start() {
        client.startGroup(groupId);
    }

    void stop() {
        client.stopGroup(groupId);
    }

    /** The transcript files written so far (PutFile's temporary dot-files are not counted). */
    List<Path> transcripts() throws IOException {
        return written(data.resolve("out/transcripts"));
    }

    List<Path> failures() throws IOException {
        return written(data.resolve("out/failures"));
    }

    /** How many transcripts hold exactly the text of their audio. */
    long correctTranscripts() throws IOException {
        long correct = 0;
        for (final Path transcript : transcripts()) {
            if (Files.readString(transcript).equals(expectedTranscripts.get(transcript.getFileName().toString()))) {
                correct++;
            }
        }
        return correct;
    }

    private static List<Path> written(final Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> !file.getFileName().toString().startsWith(".")).toList();
        }
    }
}
