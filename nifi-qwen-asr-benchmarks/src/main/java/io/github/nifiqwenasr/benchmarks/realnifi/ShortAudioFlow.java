/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.realnifi;

import io.github.nifiqwenasr.realnifi.ExampleParameters;
import io.github.nifiqwenasr.realnifi.NiFiClient;
import io.github.nifiqwenasr.realnifi.Parameter;
import io.github.nifiqwenasr.realnifi.SimulatorProcess;
import io.github.nifiqwenasr.simulator.DashScopeSimulator;
import io.github.nifiqwenasr.simulator.audio.SampleAudio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A short-audio flow deployed in a NiFi the way a user does (a flow definition uploaded, its parameters set), pointed
 * at the simulator and at directories of its own: the bundle's example flow, the do-it-yourself flow of standard
 * processors, or NiFi's floor (the same flow with nothing remote: a line of text instead of the transcript). Every flow writes one file per recording into its
 * transcripts directory; what that file must hold is known for each recording.
 */
final class ShortAudioFlow {

    /** Which flow; the bundle's and the DIY flow write the transcript, the floor a line of text as small. */
    enum Variant {
        BUNDLE("examples/short-audio-transcription.json", "the bundle's example flow"),
        DIY("nifi-qwen-asr-benchmarks/flows/diy-short-audio-transcription.json", "the do-it-yourself flow"),
        FLOOR("nifi-qwen-asr-benchmarks/flows/floor-short-audio.json", "NiFi's floor");

        private final String definition;
        private final String description;

        Variant(final String definition, final String description) {
            this.definition = definition;
            this.description = description;
        }

        String definition() {
            return definition;
        }

        String description() {
            return description;
        }
    }

    private static final String TRANSCRIBE = "Transcribe short audio";
    private static final String ASR_CLIENT = "Qwen3-ASR client";
    private static final String UNLIMITED_REQUESTS_PER_MINUTE = "1000000";

    private final NiFiClient client;
    private final String groupId;
    private final Path data;
    private final Variant variant;
    private final Map<String, String> expectedDigests = new HashMap<>();

    private ShortAudioFlow(final NiFiClient client, final String groupId, final Path data, final Variant variant) {
        this.client = client;
        this.groupId = groupId;
        this.data = data;
        this.variant = variant;
    }

    /** The bundle's example flow, TranscribeAudioShort at {@code concurrentTasks}, the quota out of the way. */
    static ShortAudioFlow deploy(final NiFiClient client, final Path repoRoot, final SimulatorProcess simulator, final Path data,
                                 final int concurrentTasks) throws IOException {
        return deploy(client, repoRoot, Variant.BUNDLE, simulator, data, concurrentTasks);
    }

    /**
     * {@code variant} as shipped; only the bundle's is changed where the measurement needs it (TranscribeAudioShort
     * at {@code concurrentTasks}, Requests Per Minute out of the way). The DIY flow runs its steps at 4 concurrent
     * tasks as shipped.
     */
    static ShortAudioFlow deploy(final NiFiClient client, final Path repoRoot, final Variant variant, final SimulatorProcess simulator,
                                 final Path data, final int concurrentTasks) throws IOException {
        final String groupId = client.uploadFlowDefinition(client.rootGroupId(), "Benchmark: " + variant.description() + " "
                + data.getFileName(), Files.readAllBytes(repoRoot.resolve(variant.definition())));
        client.setParameters(client.parameterContextId(groupId), parameters(variant, simulator, data));
        if (variant == Variant.BUNDLE) {
            final String serviceId = client.controllerServices(groupId).stream()
                    .filter(service -> service.path("component").path("name").asText().equals(ASR_CLIENT))
                    .map(service -> service.path("id").asText())
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("The example flow has no service named " + ASR_CLIENT));
            client.updateControllerService(serviceId, Map.of("Requests Per Minute", UNLIMITED_REQUESTS_PER_MINUTE));
            client.setConcurrentTasks(client.processor(groupId, TRANSCRIBE).path("id").asText(), concurrentTasks);
            client.enableControllerServices(groupId);
        }
        return new ShortAudioFlow(client, groupId, data, variant);
    }

    private static List<Parameter> parameters(final Variant variant, final SimulatorProcess simulator, final Path data) {
        return switch (variant) {
            case BUNDLE -> ExampleParameters.of(simulator, data);
            case DIY -> List.of(Parameter.sensitive("API Key", simulator.apiKey()),
                    Parameter.plain("Endpoint URL", simulator.apiBaseUrl()),
                    Parameter.plain("Short Audio Input Directory", data.resolve("in/short-audio").toString()),
                    Parameter.plain("Transcripts Directory", data.resolve("out/transcripts").toString()),
                    Parameter.plain("Failure Directory", data.resolve("out/failures").toString()));
            case FLOOR -> List.of(Parameter.plain("Short Audio Input Directory", data.resolve("in/short-audio").toString()),
                    Parameter.plain("Transcripts Directory", data.resolve("out/transcripts").toString()),
                    Parameter.plain("Failure Directory", data.resolve("out/failures").toString()));
        };
    }

    String groupId() {
        return groupId;
    }

    /** Writes {@code files} WAV files of {@code duration} into the flow's input directory, each carrying its own text. */
    void dropAudio(final int files, final Duration duration) throws IOException {
        dropAudio(files, duration, "recording-");
    }

    void dropAudio(final int files, final Duration duration, final String prefix) throws IOException {
        final Path input = Files.createDirectories(data.resolve("in/short-audio"));
        for (int i = 0; i < files; i++) {
            final byte[] wav = SampleAudio.wav(duration, 16_000, 1, "Recording " + prefix + i + " of the benchmark.");
            Files.write(input.resolve(prefix + i + ".wav"), wav);
            final String text = variant == Variant.FLOOR ? "Recording " + prefix + i + ".wav" : DashScopeSimulator.transcriptFor(wav);
            final byte[] expected = text.getBytes(StandardCharsets.UTF_8);
            expectedDigests.put(prefix + i + ".txt", sha256(expected));
        }
    }

    void start() {
        client.startGroup(groupId);
    }

    void stop() {
        client.stopGroup(groupId);
    }

    /**
     * Stops the flow for good and disables its client service, so that the next flow deployed from the same definition
     * (which shares its parameter context) can set the parameters.
     */
    void retire() {
        stop();
        if (variant == Variant.BUNDLE) {
            client.disableControllerServices(groupId);
        }
    }

    /** The transcript files written so far (PutFile's temporary dot-files are not counted). */
    List<Path> transcripts() throws IOException {
        return written(data.resolve("out/transcripts"));
    }

    List<Path> failures() throws IOException {
        return written(data.resolve("out/failures"));
    }

    /** How many written files hold exactly what their recording should give: its text, or for the floor its line. */
    long correctTranscripts() throws IOException {
        long correct = 0;
        for (final Path transcript : transcripts()) {
            final String expected = expectedDigests.get(transcript.getFileName().toString());
            if (expected != null && expected.equals(sha256(transcript))) {
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

    private static String sha256(final byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static String sha256(final Path file) throws IOException {
        final MessageDigest digest = digest();
        try (InputStream in = Files.newInputStream(file)) {
            final byte[] buffer = new byte[64 * 1024];
            int read = in.read(buffer);
            while (read >= 0) {
                digest.update(buffer, 0, read);
                read = in.read(buffer);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
