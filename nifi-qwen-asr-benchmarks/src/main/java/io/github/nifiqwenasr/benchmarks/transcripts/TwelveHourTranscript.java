/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.transcripts;

import io.github.nifiqwenasr.api.QwenAsrClient;
import io.github.nifiqwenasr.api.TaskInfo;
import io.github.nifiqwenasr.api.TaskStatus;
import io.github.nifiqwenasr.api.TranscriptDownload;
import io.github.nifiqwenasr.api.TranscriptionTaskRequest;
import io.github.nifiqwenasr.benchmarks.Wiring;
import io.github.nifiqwenasr.simulator.DashScopeSimulator;
import io.github.nifiqwenasr.simulator.SimulatorSettings;
import io.github.nifiqwenasr.simulator.audio.SampleAudio;
import org.apache.nifi.util.NoOpProcessor;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The transcript document of a 12-hour recording with word timestamps, as the simulated service returns it: a
 * filetrans task submitted with enable_words, and its transcription URL downloaded to a file.
 */
final class TwelveHourTranscript {

    private static final String URL = "https://audio.example.com/twelve-hours.wav";

    private TwelveHourTranscript() {
    }

    static Path download(final Path file) throws Exception {
        try (DashScopeSimulator simulator = DashScopeSimulator.start(new SimulatorSettings().recordBodies(false)
                .taskRunningTimeBase(Duration.ZERO))) {
            simulator.registerRemoteAudio(URL, SampleAudio.wavClaiming(Duration.ofHours(12), 16_000, 1,
                    "A twelve hour meeting begins."));
            final QwenAsrClient client = Wiring.client(Wiring.runner(NoOpProcessor.class, simulator.apiBaseUrl(),
                    simulator.apiKey(), Map.of()));
            final TaskInfo submitted = client.tasks().submit(new TranscriptionTaskRequest("qwen3-asr-flash-filetrans", URL, List.of(0),
                    false, true, "en"));
            TaskInfo task = client.tasks().query(submitted.taskId());
            while (task.status().isInProgress()) {
                Thread.sleep(50);
                task = client.tasks().query(submitted.taskId());
            }
            if (task.status() != TaskStatus.SUCCEEDED) {
                throw new IllegalStateException("The 12-hour task ended " + task.status() + ": " + task.message());
            }
            Files.createDirectories(file.getParent());
            try (TranscriptDownload download = client.transcripts().open(task.transcriptionUrl(), Long.MAX_VALUE);
                 OutputStream out = Files.newOutputStream(file)) {
                download.body().transferTo(out);
            }
            return file;
        }
    }
}
