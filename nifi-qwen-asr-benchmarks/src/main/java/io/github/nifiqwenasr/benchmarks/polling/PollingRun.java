/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.polling;

import io.github.nifiqwenasr.api.QwenAsrClient;
import io.github.nifiqwenasr.api.TaskInfo;
import io.github.nifiqwenasr.api.TranscriptionTaskRequest;
import io.github.nifiqwenasr.benchmarks.Wiring;
import io.github.nifiqwenasr.benchmarks.flow.FlowDriver;
import io.github.nifiqwenasr.benchmarks.flow.NiFiDurations;
import io.github.nifiqwenasr.processors.AsrAttributes;
import io.github.nifiqwenasr.processors.PollAsrTask;
import io.github.nifiqwenasr.simulator.DashScopeSimulator;
import io.github.nifiqwenasr.simulator.SimulatorSettings;
import io.github.nifiqwenasr.simulator.TaskView;
import io.github.nifiqwenasr.simulator.audio.SampleAudio;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.MockProcessSession;
import org.apache.nifi.util.TestRunner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One poller (PollAsrTask with a given schedule) watching its own set of tasks on a simulator of its own, with
 * time compressed: a task of D seconds lasts D / factor, and every interval of the poller is divided by the same
 * factor. Tasks are submitted at a given pace; 'running' is looped back to the processor; each FlowFile that leaves
 * success is recorded with its query count and the time it left.
 */
final class PollingRun implements AutoCloseable {

    /** One finished task: which one, its duration, its queries, and how long after its end the FlowFile left success. */
    record Finished(int index, double seconds, int queries, double lagSeconds) {
    }

    static final String INDEX_ATTRIBUTE = "benchmark.task";

    private static final String MODEL = "qwen3-asr-flash-filetrans";
    private static final byte[] NO_CONTENT = new byte[0];

    private final double factor;
    private final DashScopeSimulator simulator;
    private final TestRunner runner;
    private final QwenAsrClient client;
    private final FlowDriver driver;
    private final Map<String, Long> succeededAt = new ConcurrentHashMap<>();
    private final Map<String, Integer> queriesOf = new ConcurrentHashMap<>();
    private final Map<String, Integer> indexOf = new ConcurrentHashMap<>();
    private final AtomicInteger problems = new AtomicInteger();
    private final AtomicLongArray queriesPerRealSecond;
    private volatile long startNanos;

    /**
     * @param schedule    PollAsrTask's Minimum and Maximum Poll Interval, uncompressed
     * @param queryLimit  the client service's Task Queries Per Second, uncompressed (0: no client-side limit)
     * @param horizon     how long the run may last, uncompressed (sizes the per-second query histogram)
     */
    PollingRun(final double factor, final Duration minimum, final Duration maximum, final int queryLimit,
               final int concurrentTasks, final Duration horizon) {
        this.factor = factor;
        this.simulator = DashScopeSimulator.start(new SimulatorSettings().recordBodies(false).maxRecordedRequests(1000)
                .taskPendingTime(Duration.ZERO).taskRunningTimeBase(Duration.ZERO)
                .taskRunningTimePerAudioSecond(Duration.ofNanos(Math.round(1e9 / factor))));
        final int limit = queryLimit == 0 ? 1_000_000 : (int) Math.round(queryLimit * factor);
        this.runner = Wiring.runner(PollAsrTask.class, simulator.apiBaseUrl(), simulator.apiKey(),
                Map.of("Task Queries Per Second", String.valueOf(limit), "Requests Per Minute", "1000000"));
        runner.setProperty(PollAsrTask.MINIMUM_POLL_INTERVAL, NiFiDurations.format(compress(minimum)));
        runner.setProperty(PollAsrTask.MAXIMUM_POLL_INTERVAL, NiFiDurations.format(compress(maximum)));
        runner.run(1, false, true);
        this.client = Wiring.client(runner);
        this.driver = new FlowDriver(runner, concurrentTasks, compress(FlowDriver.defaultYieldDuration(PollAsrTask.class)), this::route);
        this.queriesPerRealSecond = new AtomicLongArray((int) horizon.toSeconds() + 1);
    }

    /** Makes the audio of a task of {@code seconds} downloadable by the simulator; the URL to submit. */
    String host(final int index, final long seconds) {
        final String url = "https://audio.example.com/recording-" + index + ".wav";
        simulator.registerRemoteAudio(url, SampleAudio.wavClaiming(Duration.ofSeconds(seconds), 8_000, 1, "Recording " + index + "."));
        return url;
    }

    void start() {
        startNanos = System.nanoTime();
        driver.start();
    }

    /** Submits task {@code index}, as SubmitAsrTask does, and queues its FlowFile for PollAsrTask. */
    void submit(final int index, final String url) throws Exception {
        final TaskInfo task = client.tasks().submit(new TranscriptionTaskRequest(MODEL, url, List.of(0), false, false, null));
        indexOf.put(task.taskId(), index);
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(AsrAttributes.TASK_ID, task.taskId());
        attributes.put(AsrAttributes.TASK_STATUS, task.status().name());
        attributes.put(AsrAttributes.TASK_SUBMIT_TIME, String.valueOf(System.currentTimeMillis()));
        driver.flow().enqueue(NO_CONTENT, attributes);
    }

    int finished() {
        return succeededAt.size();
    }

    int problems() {
        return problems.get() + driver.failures().size();
    }

    void stop() throws InterruptedException {
        driver.stop();
    }

    /** The finished tasks, uncompressed: durations and lags in the seconds the real service would take. */
    List<Finished> results() {
        final List<Finished> finished = new ArrayList<>();
        succeededAt.forEach((taskId, leftAtMillis) -> {
            final TaskView task = simulator.task(taskId).orElseThrow();
            final double lagMillis = leftAtMillis - task.endTime().toEpochMilli();
            finished.add(new Finished(indexOf.get(taskId), task.audioSeconds(), queriesOf.get(taskId), lagMillis * factor / 1000));
        });
        return finished;
    }

    /**
     * The mean queries per second of the busiest uncompressed minute. (Per second would mislead: the client's limiter,
     * scaled with the clock, holds one compressed second of permits, which is a minute of uncompressed time.)
     */
    double busiestMinuteQueriesPerSecond() {
        long window = 0;
        long busiest = 0;
        for (int i = 0; i < queriesPerRealSecond.length(); i++) {
            window += queriesPerRealSecond.get(i) - (i >= 60 ? queriesPerRealSecond.get(i - 60) : 0);
            busiest = Math.max(busiest, window);
        }
        return busiest / 60.0;
    }

    @Override
    public void close() throws InterruptedException {
        driver.close();
        runner.disableControllerService(runner.getControllerService(Wiring.SERVICE_ID));
        simulator.close();
    }

    private Duration compress(final Duration uncompressed) {
        return Duration.ofNanos(Math.round(uncompressed.toNanos() / factor));
    }

    /** The connections after PollAsrTask: running loops back, success is recorded, anything else is a problem. */
    private void route(final MockProcessSession session) {
        final long now = System.currentTimeMillis();
        final List<MockFlowFile> running = session.getFlowFilesForRelationship(PollAsrTask.REL_RUNNING);
        final List<MockFlowFile> succeeded = session.getFlowFilesForRelationship(PollAsrTask.REL_SUCCESS);
        final int other = session.getFlowFilesForRelationship(PollAsrTask.REL_RETRY).size()
                + session.getFlowFilesForRelationship(PollAsrTask.REL_FAILURE).size();
        count(running.size() + succeeded.size() + other);
        running.forEach(flowFile -> driver.flow().enqueue(NO_CONTENT, flowFile.getAttributes()));
        for (final MockFlowFile flowFile : succeeded) {
            final String taskId = flowFile.getAttribute(AsrAttributes.TASK_ID);
            queriesOf.put(taskId, Integer.parseInt(flowFile.getAttribute(AsrAttributes.POLL_COUNT)));
            succeededAt.put(taskId, now);
        }
        problems.addAndGet(other);
    }

    private void count(final int queries) {
        final int second = (int) ((System.nanoTime() - startNanos) * factor / 1e9);
        if (second < queriesPerRealSecond.length()) {
            queriesPerRealSecond.addAndGet(second, queries);
        }
    }
}
