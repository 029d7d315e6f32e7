/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.realnifi;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.benchmarks.Benchmark;
import io.github.nifiqwenasr.benchmarks.Format;
import io.github.nifiqwenasr.benchmarks.Row;
import io.github.nifiqwenasr.benchmarks.Samples;
import io.github.nifiqwenasr.benchmarks.Section;
import io.github.nifiqwenasr.benchmarks.SuiteContext;
import io.github.nifiqwenasr.benchmarks.Verdict;
import io.github.nifiqwenasr.benchmarks.flow.NiFiDurations;
import io.github.nifiqwenasr.benchmarks.polling.TaskMix;
import io.github.nifiqwenasr.realnifi.ExampleFlow;
import io.github.nifiqwenasr.realnifi.NiFiAssembly;
import io.github.nifiqwenasr.realnifi.NiFiClient;
import io.github.nifiqwenasr.realnifi.SimulatorProcess;
import io.github.nifiqwenasr.simulator.audio.SampleAudio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Issue 14, part 4: PollAsrTask's schedule inside a real NiFi. The long-audio example flow as shipped (ListFile,
 * FetchFile, SubmitAsrTask uploading each recording, PollAsrTask with 'running' looped back, FetchTranscript twice,
 * PutFile) waits for tasks of 5 s to 2 hours with time compressed, then the same flow polling every 5 s waits for a
 * stratified tenth of them. Every status query is read from the simulator's request log, so the figures are what
 * reached the service, not what the processor believes it did.
 */
public final class NiFiPollingBenchmark implements Benchmark {

    private static final Path FLOW = Path.of("examples/long-audio-transcription.json");
    private static final String POLL = "Poll transcription task";
    private static final String SUBMIT = "Submit transcription task";
    private static final int TASKS = 1000;
    private static final Duration DEFAULT_MINIMUM = Duration.ofSeconds(5);
    private static final Duration DEFAULT_MAXIMUM = Duration.ofMinutes(1);
    private static final Duration FIXED = Duration.ofSeconds(5);
    /** PollAsrTask's default Yield Duration, the example flow's Penalty Duration and SubmitAsrTask's yield. */
    private static final Duration POLL_YIELD = Duration.ofSeconds(1);
    private static final Duration POLL_PENALTY = Duration.ofSeconds(10);
    private static final Duration SUBMIT_YIELD = Duration.ofMillis(200);
    private static final int DEFAULT_QUERY_LIMIT = 20;
    private static final String UNLIMITED = "1000000";
    /** The queue beyond NiFi's swap threshold (20,000 per connection): tasks, their interval, how long each runs. */
    private static final int SWAP_TASKS = 25_000;
    private static final Duration SWAP_INTERVAL = Duration.ofMinutes(1);
    private static final Duration SWAP_TASK = Duration.ofSeconds(150);
    private static final String SWAP_AUDIO_URL = "https://audio.example.com/a-long-meeting.wav";
    private static final String SWAP_TEXT = "A long meeting of the benchmark.";
    private static final String SWAP_QUERY_LIMIT = "1000";
    private static final int SWAP_POLL_THREADS = 2;
    private static final long LOOP_BACK_PRESSURE = 100_000;
    private static final Duration SWAP_TIMEOUT = Duration.ofMinutes(15);
    /** A gap this much (compressed) shorter than its interval counts as early: the milliseconds of asr.poll.due. */
    private static final long EARLY_TOLERANCE_MILLIS = 2;

    private final SuiteContext suite;

    public NiFiPollingBenchmark(final SuiteContext suite) {
        this.suite = suite;
    }

    @Override
    public String id() {
        return "nifi-polling";
    }

    /** One task as the service saw it: its duration, its queries, and how they were spaced. Seconds are uncompressed. */
    private record Task(int index, double seconds, int queries, double lagSeconds, List<Double> spacing, int earlyGaps) {
    }

    /** A poll schedule under test, uncompressed, and the client service's Task Queries Per Second (0: no limit). */
    private record Schedule(String name, Duration minimum, Duration maximum, int queryLimit) {
    }

    private record Measured(List<Task> tasks, int correctSubtitles, int failures, int throttled, double seconds) {
    }

    /** The run beyond the swap threshold: how far each query came after its due time (seconds), and the outcome. */
    private record Swapped(long peakSwapped, Samples lateSeconds, int early, int noticedFinished, int failures, int throttled,
                           double seconds) {
    }

    @Override
    public Section run() throws Exception {
        final double factor = suite.quick() ? 240 : 60;
        final int tasks = suite.quick() ? 200 : TASKS;
        final List<Long> durations = TaskMix.durations(tasks);
        final List<Integer> order = TaskMix.submissionOrder(tasks);
        try (BenchmarkNiFi real = BenchmarkNiFi.start(suite, id(), List.of("--task-pending-time", "0ms", "--task-running-time", "0ms",
                "--task-seconds-per-audio-second", String.valueOf(1 / factor), "--rpm", "10000000", "--task-qps", "10000000"))) {
            real.simulator().settings("{\"maxRecordedRequests\":2000000}");
            final Measured bundle = measure(real, factor, new Schedule("bundle", DEFAULT_MINIMUM, DEFAULT_MAXIMUM, DEFAULT_QUERY_LIMIT),
                    order, durations);
            final Measured fixed = measure(real, factor, new Schedule("fixed", FIXED, FIXED, 0),
                    order.stream().filter(TaskMix::inBaseline).toList(), durations);
            final Swapped swapped = suite.quick() ? null : beyondTheSwapThreshold(real);
            return section(factor, tasks, bundle, fixed, swapped);
        }
    }

    private static Measured measure(final BenchmarkNiFi real, final double factor, final Schedule schedule, final List<Integer> order,
                                    final List<Long> durations) throws IOException, InterruptedException {
        final NiFiClient client = real.nifi().client();
        final ExampleFlow flow = ExampleFlow.upload(client, real.simulator(), real.repoRoot().resolve(FLOW), real.data(schedule.name()));
        flow.configureAsrClient(Map.of(
                "Requests Per Minute", String.valueOf(Math.round(TaskMix.SUBMISSIONS_PER_MINUTE * factor)),
                "Task Queries Per Second", schedule.queryLimit() == 0 ? UNLIMITED : String.valueOf(Math.round(schedule.queryLimit() * factor))));
        client.configureProcessor(flow.processorId(POLL),
                Map.of("yieldDuration", compressed(POLL_YIELD, factor), "penaltyDuration", compressed(POLL_PENALTY, factor)),
                Map.of("Minimum Poll Interval", compressed(schedule.minimum(), factor),
                        "Maximum Poll Interval", compressed(schedule.maximum(), factor)));
        client.configureProcessor(flow.processorId(SUBMIT), Map.of("yieldDuration", compressed(SUBMIT_YIELD, factor)), Map.of());
        final Path input = Files.createDirectories(flow.directory("in/long-audio"));
        final Instant written = Instant.now().minus(Duration.ofHours(1));
        for (int n = 0; n < order.size(); n++) {
            final int index = order.get(n);
            drop(input.resolve("recording-" + index + ".wav"),
                    SampleAudio.wavClaiming(Duration.ofSeconds(durations.get(index)), 8_000, 1, text(index)), written.plusMillis(n));
        }
        final double submittingSeconds = order.size() * 60.0 / TaskMix.SUBMISSIONS_PER_MINUTE;
        final long deadline = System.nanoTime() + Duration.ofSeconds(Math.round((submittingSeconds + TaskMix.LONGEST_SECONDS) / factor))
                .plusMinutes(3).toNanos();
        final Instant from = Instant.now();
        flow.start();
        while (written(flow.directory("out/subtitles")).size() + written(flow.directory("out/failures")).size() < order.size()
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        final double seconds = Duration.between(from, Instant.now()).toMillis() / 1000.0;
        flow.stop();
        final Instant to = Instant.now();
        System.out.printf("[nifi-polling] %s: %d recordings through the flow in %.1f s%n", schedule.name(), order.size(), seconds);
        return new Measured(tasks(real.simulator(), from, to, factor, schedule), correctSubtitles(flow, order),
                written(flow.directory("out/failures")).size(), throttled(real.simulator(), from, to), seconds);
    }

    /** Every task queried between {@code from} and {@code to}, from the simulator's log and its own record of the task. */
    private static List<Task> tasks(final SimulatorProcess simulator, final Instant from, final Instant to, final double factor,
                                    final Schedule schedule) {
        final Map<String, List<Instant>> queries = queriesByTask(simulator, from, to);
        final long minimum = Math.max(1, Math.round(schedule.minimum().toMillis() / factor));
        final long maximum = Math.max(1, Math.round(schedule.maximum().toMillis() / factor));
        final List<Task> tasks = new ArrayList<>();
        queries.forEach((taskId, times) -> {
            final JsonNode task = simulator.task(taskId);
            if (!"SUCCEEDED".equals(task.path("status").asText())) {
                return;
            }
            final List<Instant> sorted = times.stream().sorted().toList();
            final Instant submitted = Instant.parse(task.path("submitTime").asText());
            final Instant ended = Instant.parse(task.path("endTime").asText());
            final Instant noticed = sorted.stream().filter(time -> !time.isBefore(ended)).findFirst().orElse(null);
            if (noticed == null) {
                return;
            }
            int early = 0;
            final List<Double> spacing = new ArrayList<>();
            for (int i = 0; i + 1 < sorted.size(); i++) {
                final long age = Duration.between(submitted, sorted.get(i)).toMillis();
                final long interval = Math.max(minimum, Math.min(maximum, age / 10));
                final long gap = Duration.between(sorted.get(i), sorted.get(i + 1)).toMillis();
                spacing.add((double) gap / interval);
                if (gap < interval - EARLY_TOLERANCE_MILLIS) {
                    early++;
                }
            }
            final double lagSeconds = Duration.between(ended, noticed).toNanos() / 1e9 * factor;
            tasks.add(new Task(index(task.path("fileUrl").asText()), task.path("audioSeconds").asDouble(), sorted.size(), lagSeconds,
                    spacing, early));
        });
        return tasks;
    }

    /** The task's audio is its recording's upload: recording-{index}.wav somewhere in the URL. */
    private static int index(final String fileUrl) {
        final int start = fileUrl.lastIndexOf("recording-") + "recording-".length();
        return Integer.parseInt(fileUrl.substring(start, fileUrl.indexOf(".wav", start)));
    }

    private static int throttled(final SimulatorProcess simulator, final Instant from, final Instant to) {
        int throttled = 0;
        for (final String endpoint : List.of("SUBMIT", "TASK_QUERY", "UPLOAD_POLICY")) {
            for (final JsonNode request : simulator.requests(endpoint)) {
                final Instant at = Instant.parse(request.path("timestamp").asText());
                if (!at.isBefore(from) && at.isBefore(to) && request.path("status").asInt() == 429) {
                    throttled++;
                }
            }
        }
        return throttled;
    }

    /**
     * 25,000 tasks in PollAsrTask's loop, more than NiFi keeps in memory per connection, all at the one-minute
     * interval every task older than ten minutes has, in real time: the audio is one URL (no uploads, so that the
     * queue fills fast), every connection's back pressure raised above the queue, and the query budget out of the way.
     */
    private static Swapped beyondTheSwapThreshold(final BenchmarkNiFi real) throws IOException, InterruptedException {
        final NiFiClient client = real.nifi().client();
        // Every task runs SWAP_TASK in real time, whatever its audio: one second of it, so that its transcript is small.
        real.simulator().settings("{\"taskRunningTimeBase\":\"" + SWAP_TASK.toSeconds() + "s\",\"taskRunningTimePerAudioSecond\":\"0ms\"}");
        real.simulator().registerRemoteAudio(SWAP_AUDIO_URL, SampleAudio.wav(Duration.ofSeconds(1), 8_000, 1, SWAP_TEXT));
        final ExampleFlow flow = ExampleFlow.upload(client, real.simulator(), real.repoRoot().resolve(FLOW), real.data("swap"));
        flow.configureAsrClient(Map.of("Requests Per Minute", UNLIMITED, "Task Queries Per Second", SWAP_QUERY_LIMIT));
        final String poll = flow.processorId(POLL);
        client.configureProcessor(poll, Map.of("concurrentlySchedulableTaskCount", String.valueOf(SWAP_POLL_THREADS)),
                Map.of("Minimum Poll Interval", NiFiDurations.format(SWAP_INTERVAL), "Maximum Poll Interval", NiFiDurations.format(SWAP_INTERVAL)));
        client.configureProcessor(flow.processorId(SUBMIT), Map.of(), Map.of("Audio URL", SWAP_AUDIO_URL));
        final String groupId = flow.groupId();
        // Above the queue everywhere: neither the loop nor the transcripts waiting downstream may stop PollAsrTask.
        for (final JsonNode connection : client.groupFlow(groupId).path("connections")) {
            client.setBackPressure(connection.path("id").asText(), LOOP_BACK_PRESSURE);
        }
        final Path input = Files.createDirectories(flow.directory("in/long-audio"));
        final Instant written = Instant.now().minus(Duration.ofHours(1));
        for (int i = 0; i < SWAP_TASKS; i++) {
            drop(input.resolve("meeting-" + i + ".wav"), new byte[0], written.plusMillis(i));
        }
        // Done when every task has left the loop: from ListFile to PollAsrTask nothing is queued any more. (Writing 50,000
        // transcript files afterwards is not what is measured here, and takes this machine far longer than the polling.)
        final List<String> upToTheLoop = List.of(client.connectionId(groupId, "List long audio files", "success"),
                client.connectionId(groupId, "Fetch long audio", "success"), client.connectionId(groupId, SUBMIT, "success"),
                client.connectionId(groupId, POLL, "running"));
        final long deadline = System.nanoTime() + SWAP_TIMEOUT.toNanos();
        final Instant from = Instant.now();
        flow.start();
        long peakSwapped = 0;
        while (System.nanoTime() < deadline && (Duration.between(from, Instant.now()).compareTo(SWAP_TASK) < 0
                || upToTheLoop.stream().anyMatch(connection -> client.queueSize(connection).flowFiles() > 0))) {
            for (final JsonNode count : client.get("/processors/" + poll + "/diagnostics").findValues("swapFlowFileCount")) {
                peakSwapped = Math.max(peakSwapped, count.asLong());
            }
            Thread.sleep(1000);
        }
        final double seconds = Duration.between(from, Instant.now()).toMillis() / 1000.0;
        flow.stop();
        final Instant to = Instant.now();
        System.out.printf("[nifi-polling] swap: %d tasks through the loop in %.1f s, at most %d FlowFiles swapped out%n",
                SWAP_TASKS, seconds, peakSwapped);

        final Map<String, List<Instant>> queries = queriesByTask(real.simulator(), from, to);
        final List<Double> late = new ArrayList<>();
        int early = 0;
        for (final List<Instant> times : queries.values()) {
            final List<Instant> sorted = times.stream().sorted().toList();
            for (int i = 0; i + 1 < sorted.size(); i++) {
                final long gap = Duration.between(sorted.get(i), sorted.get(i + 1)).toMillis();
                late.add((gap - SWAP_INTERVAL.toMillis()) / 1000.0);
                if (gap < SWAP_INTERVAL.toMillis() - EARLY_TOLERANCE_MILLIS) {
                    early++;
                }
            }
        }
        int noticed = 0;
        for (final Map.Entry<String, List<Instant>> task : queries.entrySet()) {
            final JsonNode view = real.simulator().task(task.getKey());
            final Instant ended = Instant.parse(view.path("endTime").asText());
            if ("SUCCEEDED".equals(view.path("status").asText()) && task.getValue().stream().anyMatch(time -> !time.isBefore(ended))) {
                noticed++;
            }
        }
        return new Swapped(peakSwapped, Samples.of(late), early, noticed, written(flow.directory("out/failures")).size(),
                throttled(real.simulator(), from, to), seconds);
    }

    /** The successful status queries between {@code from} and {@code to}, by task id, as the simulator received them. */
    private static Map<String, List<Instant>> queriesByTask(final SimulatorProcess simulator, final Instant from, final Instant to) {
        final Map<String, List<Instant>> queries = new HashMap<>();
        for (final JsonNode request : simulator.requests("TASK_QUERY")) {
            final Instant at = Instant.parse(request.path("timestamp").asText());
            if (!at.isBefore(from) && at.isBefore(to) && request.path("status").asInt() == 200) {
                final String path = request.path("path").asText();
                queries.computeIfAbsent(path.substring(path.lastIndexOf('/') + 1), id -> new ArrayList<>()).add(at);
            }
        }
        return queries;
    }

    private static int correctSubtitles(final ExampleFlow flow, final List<Integer> order) throws IOException {
        int correct = 0;
        for (final int index : order) {
            final Path srt = flow.directory("out/subtitles").resolve("recording-" + index + ".srt");
            if (Files.exists(srt) && Files.readString(srt).contains(text(index))) {
                correct++;
            }
        }
        return correct;
    }

    /**
     * Writes a recording with a modification time of its own. Files written in a burst share the file system's coarse
     * timestamps, and ListFile (timestamp tracking, Minimum File Age 2 s) was seen to leave 6 of 1,000 such files
     * unlisted for good: the benchmark measures polling, not that.
     */
    private static void drop(final Path file, final byte[] content, final Instant modified) throws IOException {
        Files.write(file, content);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    private static String text(final int index) {
        return "Recording " + index + " of the benchmark.";
    }

    private static List<Path> written(final Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> !file.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static String compressed(final Duration uncompressed, final double factor) {
        return NiFiDurations.format(Duration.ofNanos(Math.round(uncompressed.toNanos() / factor)));
    }

    private static Section section(final double factor, final int tasks, final Measured bundle, final Measured fixed, final Swapped swapped) {
        final List<Task> ours = bundle.tasks();
        final List<Task> theirs = fixed.tasks();
        final int sample = tasks / TaskMix.BASELINE_EVERY;
        final double queriesOurs = Samples.of(ours.stream().filter(task -> TaskMix.inBaseline(task.index())).map(Task::queries).toList()).mean();
        final double queriesOursAll = Samples.of(ours.stream().map(Task::queries).toList()).mean();
        final double queriesTheirs = Samples.of(theirs.stream().map(Task::queries).toList()).mean();
        final Samples relativeOurs = Samples.of(ours.stream().map(task -> task.lagSeconds() / task.seconds()).toList());
        final Samples relativeTheirs = Samples.of(theirs.stream().map(task -> task.lagSeconds() / task.seconds()).toList());
        final Samples lagOurs = Samples.of(ours.stream().map(Task::lagSeconds).toList());
        final Samples lagTheirs = Samples.of(theirs.stream().map(Task::lagSeconds).toList());
        final double fewer = queriesTheirs / queriesOurs;
        final int earlyOurs = ours.stream().mapToInt(Task::earlyGaps).sum();
        final int earlyTheirs = theirs.stream().mapToInt(Task::earlyGaps).sum();
        final Samples spacingOurs = Samples.of(ours.stream().flatMap(task -> task.spacing().stream()).toList());
        final Samples spacingTheirs = Samples.of(theirs.stream().flatMap(task -> task.spacing().stream()).toList());

        final List<Row> rows = new ArrayList<>();
        rows.add(new Row("Task status queries per task (the baseline's " + theirs.size() + " tasks; all " + ours.size() + ": "
                + Format.number(queriesOursAll, 1) + ")", Format.number(queriesOurs, 1), Format.number(queriesTheirs, 1) + " (every 5 s)",
                Format.ratio(fewer) + " fewer", ">= " + Format.ratio(TaskMix.TARGET_FEWER_QUERIES) + " fewer",
                Verdict.of(fewer >= TaskMix.TARGET_FEWER_QUERIES)));
        rows.add(new Row("Detection lag / task duration, median", Format.percent(relativeOurs.median()),
                Format.percent(relativeTheirs.median()), "", "<= " + Format.percent(TaskMix.TARGET_RELATIVE_LAG),
                Verdict.of(relativeOurs.median() <= TaskMix.TARGET_RELATIVE_LAG)));
        rows.add(new Row("Detection lag / task duration, 90th percentile", Format.percent(relativeOurs.quantile(0.9)),
                Format.percent(relativeTheirs.quantile(0.9)), "", "", Verdict.CONTEXT));
        rows.add(new Row("Detection lag in seconds, median (90th percentile)",
                Format.number(lagOurs.median(), 1) + " s (" + Format.number(lagOurs.quantile(0.9), 1) + " s)",
                Format.number(lagTheirs.median(), 1) + " s (" + Format.number(lagTheirs.quantile(0.9), 1) + " s)", "", "", Verdict.CONTEXT));
        rows.add(new Row("Queries sooner than the schedule allows (of all consecutive queries of one task)",
                earlyOurs + " of " + spacingOurs.count(), earlyTheirs + " of " + spacingTheirs.count(),
                "", "none", Verdict.of(earlyOurs == 0 && earlyTheirs == 0)));
        rows.add(new Row("Time between two queries of a task / its scheduled interval, median (90th percentile)",
                Format.number(spacingOurs.median(), 2) + " (" + Format.number(spacingOurs.quantile(0.9), 2) + ")",
                Format.number(spacingTheirs.median(), 2) + " (" + Format.number(spacingTheirs.quantile(0.9), 2) + ")", "", "",
                Verdict.CONTEXT));
        rows.add(new Row("Tasks finished with correct subtitles; FlowFiles to failure; answers 429",
                bundle.correctSubtitles() + " of " + tasks + "; " + bundle.failures() + "; " + bundle.throttled(),
                fixed.correctSubtitles() + " of " + sample + "; " + fixed.failures() + "; " + fixed.throttled(), "", "all; none; none",
                Verdict.of(bundle.correctSubtitles() == tasks && fixed.correctSubtitles() == sample && ours.size() == tasks
                        && theirs.size() == sample && bundle.failures() + fixed.failures() + bundle.throttled() + fixed.throttled() == 0)));
        rows.add(Row.context("Wall time of each run (compressed)", Format.number(bundle.seconds(), 1) + " s; "
                + Format.number(fixed.seconds(), 1) + " s"));
        final String beyond = "Beyond the swap threshold, " + Format.number(SWAP_TASKS, 0) + " tasks at a fixed 1 min interval, real time: ";
        if (swapped == null) {
            rows.add(Row.context(beyond + "not run", "(--quick)"));
        } else {
            rows.add(Row.context(beyond + "FlowFiles swapped out by NiFi at the peak", Format.number(swapped.peakSwapped(), 0)));
            rows.add(new Row(beyond + "queries sooner than the interval", swapped.early() + " of " + swapped.lateSeconds().count(), "", "",
                    "none", Verdict.of(swapped.early() == 0 && swapped.lateSeconds().count() > 0)));
            rows.add(Row.context(beyond + "time between two queries of a task beyond the interval, median; 90th; 99th percentile; largest",
                    Format.number(swapped.lateSeconds().median(), 1) + " s; " + Format.number(swapped.lateSeconds().quantile(0.9), 1)
                            + " s; " + Format.number(swapped.lateSeconds().quantile(0.99), 1) + " s; "
                            + Format.number(swapped.lateSeconds().max(), 1) + " s"));
            rows.add(new Row(beyond + "tasks seen SUCCEEDED by a query; FlowFiles to failure; answers 429",
                    swapped.noticedFinished() + " of " + SWAP_TASKS + "; " + swapped.failures() + "; " + swapped.throttled()
                            + " (all out of the loop after " + Format.number(swapped.seconds(), 0) + " s)", "", "", "all; none; none",
                    Verdict.of(swapped.noticedFinished() == SWAP_TASKS && swapped.failures() + swapped.throttled() == 0)));
        }
        final List<String> notes = List.of(
                "Section 4 measures the same schedule in a test harness; this is the same question inside NiFi, where the"
                        + " framework decides when PollAsrTask runs and which FlowFiles it may take. Before PollAsrTask routed"
                        + " `running` unpenalized, the example flow's 10 s Penalty Duration held every task for at least 10 s"
                        + " between queries whatever Minimum Poll Interval said.",
                "A query counts as sooner than the schedule when it follows the task's previous query by less than the"
                        + " interval the previous query's age gives (a tenth of it, 5 s to 1 min; fixed 5 s for the baseline),"
                        + " both times as the simulator received them, less " + EARLY_TOLERANCE_MILLIS + " ms of compressed time"
                        + " for the millisecond of asr.poll.due.");
        return new Section("9. Real NiFi: PollAsrTask's schedule in the long-audio example flow",
                """
                NiFi %s as the system tests assemble it, both NARs installed, the simulator as a process of its own \
                (zero latency, no bodies kept). examples/long-audio-transcription.json uploaded as a user would; changed \
                only by the time compression of %.0fx: the simulator runs a task of D seconds for D/%.0f, and PollAsrTask's \
                Minimum and Maximum Poll Interval, Yield Duration (1 s) and Penalty Duration (10 s), SubmitAsrTask's Yield \
                Duration, and the client service's Requests Per Minute (100) and Task Queries Per Second (20) are all \
                scaled by it. %d WAV recordings whose headers claim durations spread evenly on a log scale from 5 s to 2 h \
                (the tasks of section 4), dropped before the flow starts: each is uploaded, submitted, polled until it \
                finishes and written as SRT subtitles. Baseline: the same flow with Minimum = Maximum Poll Interval = 5 s \
                and no client-side query limit, on every tenth recording, run after the bundle's. Queries per task, \
                detection lag (from the task's end to the first query after it) and the spacing of queries come from \
                the simulator's log of status queries. Figures are uncompressed (real-service) seconds."""
                        .formatted(NiFiAssembly.NIFI_VERSION, factor, factor, tasks),
                rows, notes);
    }
}
