/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/** Task query (section 5.2) and cancel (section 5.4). */
final class TaskHandler {
    /** Section 5.2: "yyyy-MM-dd HH:mm:ss.SSS"; the zone is not documented, [I] UTC. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final SimulatorSettings settings;
    private final TaskStore tasks;
    private final TranscriptUrls urls;
    private final String storageBaseUrl;

    TaskHandler(final SimulatorSettings settings, final TaskStore tasks, final TranscriptUrls urls, final String storageBaseUrl) {
        this.settings = settings;
        this.tasks = tasks;
        this.urls = urls;
        this.storageBaseUrl = storageBaseUrl;
    }

    /** The view tests get through {@link DashScopeSimulator#task(String)}. */
    Optional<TaskView> view(final String taskId) {
        final Instant now = Instant.now();
        return tasks.get(taskId).map(task -> task.view(now, transcriptionUrl(task, now)));
    }

    void query(final Call call) throws IOException {
        final String taskId = taskId(call);
        final Instant now = Instant.now();
        final ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("request_id", call.requestId());
        final ObjectNode output = answer.putObject("output");
        output.put("task_id", taskId);
        final Optional<Task> found = tasks.get(taskId);
        if (found.isEmpty()) {
            // Section 5.2: an unknown or expired id is a 200 with task_status UNKNOWN.
            output.put("task_status", "UNKNOWN");
        } else {
            describe(found.get(), now, output, answer);
        }
        call.exchange().respond(200, ErrorStyle.JSON, Json.MAPPER.writeValueAsBytes(answer));
    }

    /** Section 5.4: only PENDING can be canceled; [I] success {"request_id"}, otherwise 400 UnsupportedOperation. */
    void cancel(final Call call) throws ApiError, IOException {
        final Optional<Task> task = tasks.get(taskId(call));
        if (task.isEmpty() || !task.get().cancel(Instant.now())) {
            throw ApiError.verbatim(400, "UnsupportedOperation",
                    "The operation is unsupported on the referee object. Only PENDING tasks can be canceled.");
        }
        final ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("request_id", call.requestId());
        call.exchange().respond(200, ErrorStyle.JSON, Json.MAPPER.writeValueAsBytes(answer));
    }

    private void describe(final Task task, final Instant now, final ObjectNode output, final ObjectNode answer) {
        final String status = task.status(now);
        output.put("task_status", status);
        output.put("submit_time", TIME.format(task.submitted()));
        output.put("scheduled_time", TIME.format(task.scheduled()));
        switch (status) {
            case "PENDING", "RUNNING" -> output.putObject("task_metrics").put("TOTAL", 1).put("SUCCEEDED", 0).put("FAILED", 0);
            case "SUCCEEDED" -> {
                output.put("end_time", TIME.format(task.endTime()));
                output.putObject("result").put("transcription_url", transcriptionUrl(task, now));
                answer.putObject("usage").put("seconds", task.usageSeconds());
            }
            case "FAILED" -> output.put("end_time", TIME.format(task.endTime()))
                    .put("code", task.failureCode()).put("message", task.failureMessage());
            default -> output.put("end_time", TIME.format(task.endTime()));
        }
    }

    private String transcriptionUrl(final Task task, final Instant now) {
        return urls.url(storageBaseUrl, task, now.plus(settings.transcriptUrlTtl()));
    }

    private static String taskId(final Call call) {
        final List<String> segments = call.request().pathSegments();
        return segments.size() > 3 ? segments.get(3) : "";
    }
}
