/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.processors;

import io.github.nifiqwenasr.api.ApiProtocol;
import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.TaskInfo;
import io.github.nifiqwenasr.api.TranscriptionTaskRequest;
import io.github.nifiqwenasr.simulator.Endpoint;
import io.github.nifiqwenasr.simulator.Fault;
import io.github.nifiqwenasr.simulator.RecordedRequest;
import io.github.nifiqwenasr.simulator.TaskView;
import io.github.nifiqwenasr.testing.SimulatedService;
import io.github.nifiqwenasr.testing.TestAudio;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PollAsrTaskTest {

    private SimulatedService asr;

    @AfterEach
    void stop() {
        if (asr != null) {
            asr.close();
        }
    }

    private TestRunner start() {
        asr = SimulatedService.start(PollAsrTask.class).enable();
        return asr.runner();
    }

    /** Submits a task for {@code audio}, hosted by the simulator, and returns the attributes SubmitAsrTask would write. */
    private Map<String, String> submit(final byte[] audio, final String name) {
        return submitUrl(asr.simulator().hostAudio(name, audio));
    }

    private Map<String, String> submitUrl(final String url) {
        try {
            final TaskInfo task = asr.service().getClient().tasks().submit(new TranscriptionTaskRequest("qwen3-asr-flash-filetrans",
                    url, List.of(0), false, false, null));
            return Map.of("asr.task.id", task.taskId(), "asr.task.submit.time", String.valueOf(System.currentTimeMillis()));
        } catch (final AsrException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFinishedTaskGoesToSuccessWithItsTranscriptUrl() {
        final TestRunner runner = start();
        asr.simulator().settings().taskRunningTimeBase(Duration.ZERO);
        final Map<String, String> task = submit(TestAudio.wav(1), "a.wav");
        runner.enqueue("audio", task);

        runner.run();

        runner.assertAllFlowFilesTransferred(PollAsrTask.REL_SUCCESS, 1);
        final MockFlowFile done = runner.getFlowFilesForRelationship(PollAsrTask.REL_SUCCESS).getFirst();
        final TaskView view = asr.simulator().task(task.get("asr.task.id")).orElseThrow();
        done.assertAttributeEquals("asr.task.status", "SUCCEEDED");
        done.assertAttributeEquals("asr.transcription.url", view.transcriptionUrl());
        done.assertAttributeEquals("asr.audio.seconds", String.valueOf(view.usageSeconds()));
        done.assertAttributeEquals("asr.poll.count", "1");
        done.assertAttributeNotExists("asr.poll.due");
        assertEquals(ProvenanceEventType.REMOTE_INVOCATION, runner.getProvenanceEvents().getFirst().getEventType());
        assertEquals("/api/v1/tasks/" + task.get("asr.task.id"), asr.simulator().requests(Endpoint.TASK_QUERY).getFirst().path());
    }

    @Test
    void aRunningTaskIsNotPenalizedAndNotQueriedAgainBeforeItIsDue() {
        final TestRunner runner = start();
        asr.simulator().settings().taskRunningTimeBase(Duration.ofHours(1));
        runner.setProperty(PollAsrTask.MINIMUM_POLL_INTERVAL, "30 sec");
        final Map<String, String> task = submit(TestAudio.wav(2), "b.wav");
        runner.enqueue("audio", task);

        final long before = System.currentTimeMillis();
        runner.run();

        runner.assertAllFlowFilesTransferred(PollAsrTask.REL_RUNNING, 1);
        final MockFlowFile running = runner.getFlowFilesForRelationship(PollAsrTask.REL_RUNNING).getFirst();
        assertFalse(running.isPenalized(), "the schedule decides when it is due, not the Penalty Duration");
        running.assertAttributeEquals("asr.poll.count", "1");
        final long due = Long.parseLong(running.getAttribute("asr.poll.due"));
        assertTrue(due >= before + 30_000 && due <= System.currentTimeMillis() + 30_000, "due " + (due - before) + " ms later");
        assertTrue(running.getAttribute("asr.task.status").matches("PENDING|RUNNING"));

        runner.clearTransferState();
        runner.enqueue("audio", running.getAttributes());
        runner.run();
        runner.assertTransferCount(PollAsrTask.REL_RUNNING, 0);
        assertEquals(1, runner.getQueueSize().getObjectCount(), "a FlowFile that is not due stays queued");
        assertEquals(1, asr.simulator().requests(Endpoint.TASK_QUERY).size(), "and costs no request");
        assertTrue(asr.yielded());
    }

    @Test
    void theNextQueryIsDueAnIntervalAfterTheAnswerEvenWhenTheBatchTookLong() {
        final TestRunner runner = start();
        asr.simulator().settings().taskRunningTimeBase(Duration.ofHours(1)).latency(Duration.ofMillis(300));
        runner.setProperty(PollAsrTask.MINIMUM_POLL_INTERVAL, "1 sec");
        for (int i = 0; i < 3; i++) {
            runner.enqueue("audio", submit(TestAudio.wav(1), "batch-" + i + ".wav"));
        }

        runner.run();

        runner.assertAllFlowFilesTransferred(PollAsrTask.REL_RUNNING, 3);
        final List<RecordedRequest> queries = asr.simulator().requests(Endpoint.TASK_QUERY);
        assertEquals(3, queries.size());
        for (final MockFlowFile running : runner.getFlowFilesForRelationship(PollAsrTask.REL_RUNNING)) {
            final RecordedRequest query = queries.stream()
                    .filter(request -> request.path().endsWith("/" + running.getAttribute("asr.task.id"))).findFirst().orElseThrow();
            final long due = Long.parseLong(running.getAttribute("asr.poll.due"));
            // The answer left the simulator at least its latency after the request arrived; the interval counts from there.
            assertTrue(due >= query.receivedAt().toEpochMilli() + 300 + 1_000,
                    "due " + (due - query.receivedAt().toEpochMilli()) + " ms after its query arrived");
        }
    }

    @Test
    void theIntervalIsATenthOfTheTaskAgeWithinTheBounds() {
        final PollAsrTask.Schedule schedule = new PollAsrTask.Schedule(5_000, 60_000);
        assertEquals(5_000, schedule.interval(0));
        assertEquals(5_000, schedule.interval(49_000));
        assertEquals(6_000, schedule.interval(60_000));
        assertEquals(30_000, schedule.interval(300_000));
        assertEquals(60_000, schedule.interval(3_600_000));
        assertEquals(5_000, schedule.interval(-10));
    }

    @Test
    void aFailedTaskCarriesTheServiceReason() {
        final TestRunner runner = start();
        asr.simulator().settings().taskRunningTimeBase(Duration.ZERO);
        final String url = "https://storage.example.com/forbidden.wav";
        asr.simulator().registerRemoteFailure(url, "FILE_403_FORBIDDEN", "FILE_403_FORBIDDEN");
        runner.enqueue("audio", submitUrl(url));

        runner.run();

        runner.assertAllFlowFilesTransferred(PollAsrTask.REL_FAILURE, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(PollAsrTask.REL_FAILURE).getFirst();
        failed.assertAttributeEquals("asr.task.status", "FAILED");
        failed.assertAttributeEquals("asr.error.code", "FILE_403_FORBIDDEN");
        assertTrue(failed.getAttribute("asr.error.message").contains("FILE_403_FORBIDDEN"));
        failed.assertAttributeNotExists("asr.http.status");
    }

    @Test
    void anUnknownTaskFails() {
        final TestRunner runner = start();
        runner.enqueue("audio", Map.of("asr.task.id", "9be1700a-0f8e-4778-be74-000000000000"));
        runner.run();
        runner.assertAllFlowFilesTransferred(PollAsrTask.REL_FAILURE, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(PollAsrTask.REL_FAILURE).getFirst();
        failed.assertAttributeEquals("asr.task.status", "UNKNOWN");
        failed.assertAttributeEquals("asr.error.code", "TaskUnknown");
        assertTrue(failed.getAttribute("asr.error.message").contains("24 hours"));
    }

    @Test
    void aCanceledTaskFails() {
        final TestRunner runner = start();
        asr.simulator().enqueueFault(Endpoint.TASK_QUERY, Fault.rawBody(200, "application/json",
                "{\"request_id\":\"r\",\"output\":{\"task_id\":\"t-1\",\"task_status\":\"CANCELED\"}}"));
        runner.enqueue("audio", Map.of("asr.task.id", "t-1"));
        runner.run();
        runner.assertAllFlowFilesTransferred(PollAsrTask.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(PollAsrTask.REL_FAILURE).getFirst().assertAttributeEquals("asr.error.code", "TaskCanceled");
    }

    @Test
    void aStatusTheBundleDoesNotKnowKeepsTheTaskRunningAndIsWarnedAboutOnce() {
        final TestRunner runner = start();
        for (int i = 0; i < 2; i++) {
            asr.simulator().enqueueFault(Endpoint.TASK_QUERY, Fault.rawBody(200, "application/json",
                    "{\"request_id\":\"r\",\"output\":{\"task_id\":\"t-" + i + "\",\"task_status\":\"QUEUED_FOR_GPU\"}}"));
            runner.enqueue("audio", Map.of("asr.task.id", "t-" + i));
        }
        runner.run();
        runner.assertAllFlowFilesTransferred(PollAsrTask.REL_RUNNING, 2);
        final MockFlowFile running = runner.getFlowFilesForRelationship(PollAsrTask.REL_RUNNING).getFirst();
        running.assertAttributeEquals("asr.task.status", "QUEUED_FOR_GPU");
        assertFalse(running.isPenalized());
        running.assertAttributeNotExists("asr.error.code");
        final long warnings = runner.getLogger().getWarnMessages().stream()
                .filter(message -> message.getMsg().contains("QUEUED_FOR_GPU")).count();
        assertEquals(1, warnings, "one warning per unknown status, not one per query");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../uploads", "a?b", "a#b", "a b", "x/y"})
    void missingOrMalformedTaskIdsFailWithoutACall(final String taskId) {
        final TestRunner runner = start();
        runner.enqueue("audio", taskId.isEmpty() ? Map.of() : Map.of("asr.task.id", taskId));
        runner.run();
        runner.assertAllFlowFilesTransferred(PollAsrTask.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(PollAsrTask.REL_FAILURE).getFirst().assertAttributeEquals("asr.error.code", AsrErrorCodes.INVALID_TASK_ID);
        assertTrue(asr.simulator().requests().isEmpty());
    }

    @Test
    void transportTroubleIsRetriedWithBackoff() {
        final TestRunner runner = start();
        asr.simulator().enqueueFault(Endpoint.TASK_QUERY, Fault.error(503, "ModelUnavailable", "Model is unavailable, please try again later."));
        runner.enqueue("audio", Map.of("asr.task.id", "t-2"));
        runner.run();
        runner.assertAllFlowFilesTransferred(PollAsrTask.REL_RETRY, 1);
        final MockFlowFile retry = runner.getFlowFilesForRelationship(PollAsrTask.REL_RETRY).getFirst();
        assertTrue(retry.isPenalized());
        retry.assertAttributeEquals("asr.error.code", "ModelUnavailable");
        retry.assertAttributeEquals("asr.http.status", "503");
        assertTrue(Long.parseLong(retry.getAttribute("asr.poll.due")) > System.currentTimeMillis());
    }

    @Test
    void theQueryLimiterCapsEachRunAndLeavesTheRestQueued() {
        asr = SimulatedService.start(PollAsrTask.class).serviceProperty("Task Queries Per Second", "5").enable();
        final TestRunner runner = asr.runner();
        runner.setProperty(PollAsrTask.BATCH_SIZE, "50");
        for (int i = 0; i < 20; i++) {
            runner.enqueue("audio", Map.of("asr.task.id", "unknown-" + i));
        }
        runner.run();
        assertEquals(5, asr.simulator().requests(Endpoint.TASK_QUERY).size());
        assertEquals(15, runner.getQueueSize().getObjectCount());
        assertTrue(asr.yielded());
    }

    @Test
    void aThousandTasksInFlightStayWithinTheBackoffBudget() {
        final TestRunner runner = start();
        final long minimum = 200;
        final long maximum = 2_000;
        runner.setProperty(PollAsrTask.MINIMUM_POLL_INTERVAL, minimum + " millis");
        runner.setProperty(PollAsrTask.MAXIMUM_POLL_INTERVAL, maximum + " millis");
        runner.setProperty(PollAsrTask.BATCH_SIZE, "1000");
        asr.simulator().settings().taskRunningTimeBase(Duration.ofMillis(500)).taskRunningTimePerAudioSecond(Duration.ofMillis(10));
        final int tasks = 1000;
        final List<Map<String, String>> inFlight = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            final double seconds = 1 + (i % 100) * 6.0;
            inFlight.add(submit(TestAudio.wav(100, 1, 8, seconds, i), "t" + i + ".wav"));
        }
        asr.simulator().clearRequests();
        inFlight.forEach(attributes -> runner.enqueue("audio", attributes));

        final long started = System.currentTimeMillis();
        int finished = 0;
        while (finished < tasks && System.currentTimeMillis() - started < 60_000) {
            runner.run(1, false, finished == 0);
            final List<MockFlowFile> running = runner.getFlowFilesForRelationship(PollAsrTask.REL_RUNNING);
            finished += runner.getFlowFilesForRelationship(PollAsrTask.REL_SUCCESS).size();
            assertEquals(0, runner.getFlowFilesForRelationship(PollAsrTask.REL_FAILURE).size());
            assertEquals(0, runner.getFlowFilesForRelationship(PollAsrTask.REL_RETRY).size());
            runner.clearTransferState();
            running.forEach(flowFile -> runner.enqueue("audio", flowFile.getAttributes()));
        }
        final long elapsed = System.currentTimeMillis() - started;
        assertEquals(tasks, finished);

        long budget = 0;
        long fixedBaseline = 0;
        for (final Map<String, String> attributes : inFlight) {
            final TaskView view = asr.simulator().task(attributes.get("asr.task.id")).orElseThrow();
            final long duration = Duration.between(view.submitTime(), view.endTime()).toMillis();
            budget += queriesWithin(duration + 1_000, minimum, maximum);
            fixedBaseline += duration / minimum + 1;
        }
        final int queries = asr.simulator().requests(Endpoint.TASK_QUERY).size();
        System.out.printf("PollAsrTask, %d tasks lasting 0.5-6.5 s: %d status queries (%.1f per task) in %d ms;"
                        + " budget %d; polling every %d ms would take %d%n",
                tasks, queries, (double) queries / tasks, elapsed, budget, minimum, fixedBaseline);
        assertTrue(queries <= budget, queries + " queries exceed the budget of " + budget);
    }

    /** How many queries the schedule allows before a task of {@code duration} ms is seen finished. */
    private static long queriesWithin(final long duration, final long minimum, final long maximum) {
        final PollAsrTask.Schedule schedule = new PollAsrTask.Schedule(minimum, maximum);
        long age = 0;
        long queries = 1;
        while (age < duration) {
            age += schedule.interval(age);
            queries++;
        }
        return queries;
    }
    @Test
    void aSelfHostedServiceCannotPollTasks() {
        asr = SimulatedService.start(PollAsrTask.class, ApiProtocol.OPENAI_CHAT_COMPLETIONS).enable();
        final PollAsrTask processor = (PollAsrTask) asr.runner().getProcessor();
        final ProcessException error = assertThrows(ProcessException.class, () -> processor.checkProtocol(asr.runner().getProcessContext()));
        assertTrue(error.getMessage().contains("OpenAI chat completions (self-hosted)"), error.getMessage());
    }
}
