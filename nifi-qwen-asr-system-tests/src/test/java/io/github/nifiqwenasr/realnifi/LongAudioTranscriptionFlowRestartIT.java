/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The long-audio example flow survives a crash: 60 clips are fed, and once 50 transcription tasks are running NiFi is
 * killed with SIGKILL while the remaining clips are still being submitted, then started again. Every clip still ends
 * in exactly one subtitle file and one records file, nothing is routed to failure, and a task is submitted twice only
 * for a submit that was in flight at the kill (SubmitAsrTask handles one FlowFile at a time, so at most one).
 */
@ExtendWith(LocalSimulator.class)
class LongAudioTranscriptionFlowRestartIT {

    private static final int CLIPS = 60;
    private static final int RUNNING_AT_KILL = 50;
    private static final String SAMPLE = "meeting-notes.ogg";

    @TempDir
    private Path data;

    @Test
    void everyTaskInFlightCompletesExactlyOnceAfterSigkill(final SimulatorProcess simulator) {
        simulator.reset();
        // Long enough that no task has finished when NiFi dies (50 submits take well under a minute here).
        simulator.settings("{\"taskRunningTimeBase\":\"60s\"}");
        try (NiFiInstance nifi = RealNiFi.freshInstance("restart-long-audio")) {
            RealNiFi.bundleNars().forEach(nifi::installNar);
            nifi.start();
            final ExampleFlow flow = ExampleFlow.deploy(nifi.client(), simulator, RealNiFi.example("long-audio-transcription.json"), data);
            final List<String> clips = IntStream.rangeClosed(1, CLIPS).mapToObj(i -> String.format("clip-%02d", i)).toList();
            clips.forEach(clip -> TestFiles.dropSampleAs(SAMPLE, flow.directory("in/long-audio"), clip + ".ogg"));
            Await.until(RUNNING_AT_KILL + " tasks submitted", Duration.ofMinutes(2), () -> successfulSubmits(simulator) >= RUNNING_AT_KILL);
            final long submittedAtKill = successfulSubmits(simulator);

            nifi.kill();
            final Duration restart = nifi.start();
            Await.until("subtitles and records of every clip", Duration.ofMinutes(4), () ->
                    TestFiles.list(flow.directory("out/subtitles")).size() == CLIPS && TestFiles.list(flow.directory("out/records")).size() == CLIPS
                            || !TestFiles.list(flow.directory("out/failures")).isEmpty());

            final Map<String, Long> writes = flow.sendsByFilename("Write subtitles", "Write records");
            final long resubmitted = successfulSubmits(simulator) - CLIPS;
            System.out.printf("Restart test: SIGKILL with %d of %d tasks submitted (none finished yet), NiFi back in %.1f s, "
                            + "%d submitted again, %d subtitle and %d record files, %d transcript downloads%n",
                    submittedAtKill, CLIPS, restart.toMillis() / 1000.0, resubmitted,
                    TestFiles.list(flow.directory("out/subtitles")).size(), TestFiles.list(flow.directory("out/records")).size(),
                    calls(simulator, "TRANSCRIPT"));
            assertEquals(List.of(), TestFiles.list(flow.directory("out/failures")));
            assertTrue(resubmitted >= 0 && resubmitted <= 1, "tasks submitted again after the restart: " + resubmitted);
            final Map<String, Long> expected = clips.stream()
                    .flatMap(clip -> List.of(clip + ".srt", clip + ".json").stream())
                    .collect(Collectors.toMap(Function.identity(), file -> 1L));
            assertEquals(expected, writes, "files written downstream, by name, with how often each was written");
            nifi.stop();
        }
    }

    private static long calls(final SimulatorProcess simulator, final String endpoint) {
        return simulator.requests().valueStream().filter(request -> request.path("endpoint").asText().equals(endpoint)).count();
    }

    private static long successfulSubmits(final SimulatorProcess simulator) {
        return simulator.answered("SUBMIT", 200).size();
    }
}
