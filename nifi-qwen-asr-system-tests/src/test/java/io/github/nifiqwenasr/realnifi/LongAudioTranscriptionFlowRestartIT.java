package io.github.nifiqwenasr.realnifi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The long-audio example flow survives a crash: with 50 transcription tasks in flight, NiFi is killed with SIGKILL
 * and started again, and every task still ends in exactly one subtitle file and one records file, with no task
 * submitted twice (the kill comes after every submit was committed) and nothing routed to failure.
 */
@ExtendWith(LocalSimulator.class)
class LongAudioTranscriptionFlowRestartIT {

    private static final int TASKS = 50;
    private static final String SAMPLE = "meeting-notes.ogg";

    @TempDir
    private Path data;

    @Test
    void everyTaskInFlightCompletesExactlyOnceAfterSigkill(final SimulatorProcess simulator) {
        simulator.reset();
        // Long enough that every task is still running when NiFi dies and while it starts again.
        simulator.settings("{\"taskRunningTimeBase\":\"45s\"}");
        try (NiFiInstance nifi = RealNiFi.freshInstance("restart-long-audio")) {
            nifi.installNar(RealNiFi.bundleNar());
            nifi.start();
            final ExampleFlow flow = ExampleFlow.deploy(nifi.client(), simulator, "long-audio-transcription.json", data);
            final List<String> clips = IntStream.rangeClosed(1, TASKS).mapToObj(i -> String.format("clip-%02d", i)).toList();
            clips.forEach(clip -> drop(clip + ".ogg", flow.directory("in/long-audio")));
            final String polling = nifi.client().connectionId(flow.groupId(), "Submit transcription task", "success");
            Await.until(TASKS + " tasks submitted and handed to PollAsrTask", Duration.ofMinutes(2),
                    () -> calls(simulator, "SUBMIT") == TASKS && nifi.client().queueSize(polling).flowFiles() == 0
                            && successfulSubmits(simulator) == TASKS);
            final long runningBeforeKill = simulator.requests().valueStream()
                    .filter(request -> request.path("endpoint").asText().equals("TASK_QUERY")).count();

            nifi.kill();
            final Duration restart = nifi.start();
            Await.until("subtitles and records of every task", Duration.ofMinutes(4), () ->
                    TestFiles.list(flow.directory("out/subtitles")).size() == TASKS && TestFiles.list(flow.directory("out/records")).size() == TASKS
                            || !TestFiles.list(flow.directory("out/failures")).isEmpty());

            final Map<String, Long> writes = sendsByFilename(nifi.client(), flow);
            System.out.printf("Restart test: %d tasks in flight at SIGKILL (%d task queries before), NiFi back in %.1f s, "
                            + "%d submits in all, %d subtitle and %d record files, %d transcript downloads%n",
                    TASKS, runningBeforeKill, restart.toMillis() / 1000.0, calls(simulator, "SUBMIT"),
                    TestFiles.list(flow.directory("out/subtitles")).size(), TestFiles.list(flow.directory("out/records")).size(),
                    calls(simulator, "TRANSCRIPT"));
            assertEquals(List.of(), TestFiles.list(flow.directory("out/failures")));
            assertEquals(TASKS, calls(simulator, "SUBMIT"), "tasks submitted again after the restart");
            final Map<String, Long> expected = clips.stream()
                    .flatMap(clip -> List.of(clip + ".srt", clip + ".json").stream())
                    .collect(Collectors.toMap(Function.identity(), file -> 1L));
            assertEquals(expected, writes, "files written downstream, by name, with how often each was written");
            nifi.stop();
        }
    }

    private static void drop(final String name, final Path directory) {
        try {
            Files.createDirectories(directory);
            final Path hidden = directory.resolve("." + name);
            Files.copy(RealNiFi.repoRoot().resolve("samples").resolve(SAMPLE), hidden, StandardCopyOption.REPLACE_EXISTING);
            Files.move(hidden, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long calls(final SimulatorProcess simulator, final String endpoint) {
        return simulator.requests().valueStream().filter(request -> request.path("endpoint").asText().equals(endpoint)).count();
    }

    private static long successfulSubmits(final SimulatorProcess simulator) {
        return simulator.requests().valueStream()
                .filter(request -> request.path("endpoint").asText().equals("SUBMIT") && request.path("status").asInt() == 200)
                .count();
    }

    /** How often each file name was written by the two PutFile processors, from their SEND events' file URIs. */
    private static Map<String, Long> sendsByFilename(final NiFiClient client, final ExampleFlow flow) {
        return List.of("Write subtitles", "Write records").stream()
                .flatMap(writer -> client.searchProvenance(Map.of("ProcessorID", flow.processorId(writer), "EventType", "SEND")).stream())
                .map(event -> event.path("transitUri").asText())
                .map(uri -> uri.substring(uri.lastIndexOf('/') + 1))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
