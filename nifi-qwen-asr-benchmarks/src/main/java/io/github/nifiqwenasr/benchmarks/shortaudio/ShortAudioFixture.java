/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.shortaudio;

import io.github.nifiqwenasr.simulator.DashScopeSimulator;
import io.github.nifiqwenasr.simulator.SimulatorSettings;
import io.github.nifiqwenasr.simulator.audio.SampleAudio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A zero-latency simulator that does not keep request bodies, and WAV files of given sizes on disk: the local audio
 * every contender is asked to recognise. Each file carries its own text, which the simulator answers with.
 */
final class ShortAudioFixture implements AutoCloseable {

    static final String MIME_TYPE = "audio/wav";
    static final long MIB = 1024 * 1024;

    private static final int SAMPLE_RATE = 16_000;
    private static final int BYTES_PER_SECOND = SAMPLE_RATE * 2;

    /** One audio file of the fixture and the transcript the simulator gives for it. */
    record Audio(Path file, long bytes, String transcript) {
    }

    private final DashScopeSimulator simulator;
    private final List<Audio> audio;

    private ShortAudioFixture(final DashScopeSimulator simulator, final List<Audio> audio) {
        this.simulator = simulator;
        this.audio = audio;
    }

    /** @param mebibytes the size of each file's samples: 16 kHz mono 16-bit PCM, about 33 s per MiB */
    static ShortAudioFixture start(final Path directory, final long... mebibytes) throws IOException {
        Files.createDirectories(directory);
        final List<Audio> files = new ArrayList<>();
        for (final long size : mebibytes) {
            final String text = "Benchmark audio of " + size + " MiB.";
            final byte[] wav = SampleAudio.wav(Duration.ofMillis(size * MIB * 1000 / BYTES_PER_SECOND), SAMPLE_RATE, 1, text);
            final Path file = directory.resolve("speech-" + size + "mib.wav");
            Files.write(file, wav);
            files.add(new Audio(file, wav.length, DashScopeSimulator.transcriptFor(wav)));
        }
        final DashScopeSimulator simulator = DashScopeSimulator.start(new SimulatorSettings().recordBodies(false));
        return new ShortAudioFixture(simulator, List.copyOf(files));
    }

    List<Audio> audio() {
        return audio;
    }

    /** The child JVM's arguments that describe the call for one audio file. */
    List<String> callArguments(final Audio file) {
        return List.of("--audio", file.file().toString(), "--mime", MIME_TYPE, "--api", simulator.apiBaseUrl(),
                "--key", simulator.apiKey(), "--expected", file.transcript());
    }

    @Override
    public void close() {
        simulator.close();
    }
}
