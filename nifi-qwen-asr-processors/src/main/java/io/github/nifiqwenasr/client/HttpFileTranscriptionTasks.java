/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.FileTranscriptionTasks;
import io.github.nifiqwenasr.api.RequestRateLimiter;
import io.github.nifiqwenasr.api.TaskInfo;
import io.github.nifiqwenasr.api.TaskStatus;
import io.github.nifiqwenasr.api.TranscriptionTaskRequest;
import io.github.nifiqwenasr.io.Json;
import okhttp3.HttpUrl;
import okhttp3.Request;

import java.util.regex.Pattern;

/** DashScope's native file-transcription tasks (dashscope-api.md section 5): submit one, and read its status. */
public final class HttpFileTranscriptionTasks implements FileTranscriptionTasks {

    public static final String SUBMIT_PATH = "api/v1/services/audio/asr/transcription";
    public static final String TASKS_PATH = "api/v1/tasks";

    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final String SUBMIT = "Task submission";
    private static final String QUERY = "Task query";

    private final ApiCalls api;
    private final RequestRateLimiter modelCalls;
    private final RequestRateLimiter taskQueries;

    HttpFileTranscriptionTasks(final ApiCalls api, final RequestRateLimiter modelCalls, final RequestRateLimiter taskQueries) {
        this.api = api;
        this.modelCalls = modelCalls;
        this.taskQueries = taskQueries;
    }

    @Override
    public String submitUrl() {
        return submitHttpUrl().toString();
    }

    /** The task's URL; the id must pass {@link #checkTaskId}. */
    @Override
    public String taskUrl(final String taskId) {
        return taskHttpUrl(taskId).toString();
    }

    private HttpUrl submitHttpUrl() {
        return api.endpoint(SUBMIT_PATH);
    }

    private HttpUrl taskHttpUrl(final String taskId) {
        return api.baseUrl().newBuilder().addPathSegments(TASKS_PATH).addPathSegment(taskId).build();
    }

    /** Task ids are opaque tokens of letters, digits, '-' and '_': anything else could change the request path. */
    public static void checkTaskId(final String taskId) throws AsrException {
        if (taskId == null || taskId.isEmpty()) {
            throw AsrException.permanent(AsrErrorCodes.INVALID_TASK_ID, "No task id: the Task ID property evaluated to an empty value");
        }
        if (!TASK_ID.matcher(taskId).matches()) {
            throw AsrException.permanent(AsrErrorCodes.INVALID_TASK_ID, "Task id '" + ApiCalls.printable(taskId)
                    + "' is not a DashScope task id (letters, digits, '-' and '_' only, at most 128 characters)");
        }
    }

    /**
     * Creates a file-transcription task (section 5.1). Each call creates, and bills, a new task, and the API has no way
     * to make a second call find the first one's task. So a failure after which the task may exist (see
     * {@link RemoteErrors#certainlyHadNoEffect}) is thrown as {@link AsrException.Kind#OUTCOME_UNKNOWN}, never as one
     * worth retrying.
     */
    @Override
    public TaskInfo submit(final TranscriptionTaskRequest request) throws AsrException {
        final ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", request.model());
        body.putObject("input").put("file_url", request.fileUrl());
        final ObjectNode parameters = body.putObject("parameters");
        final ArrayNode channels = parameters.putArray("channel_id");
        request.channels().forEach(channels::add);
        parameters.put("enable_itn", request.enableItn());
        parameters.put("enable_words", request.enableWords());
        if (request.language() != null) {
            parameters.put("language", request.language());
        }
        final Request.Builder http = api.request(submitHttpUrl()).header(DashScopeHeaders.ASYNC, DashScopeHeaders.ENABLE);
        DashScopeHeaders.markOssResource(http, request.fileUrl());
        try {
            return parse(api.execute(http.post(RequestBodies.json(body)).build(), SUBMIT, modelCalls), SUBMIT);
        } catch (final AsrException e) {
            if (RemoteErrors.certainlyHadNoEffect(e)) {
                throw e;
            }
            throw RemoteErrors.outcomeUnknown(e, "The service may have created the task, and bills it if it did;"
                    + " submitting again could create a second one");
        }
    }

    /** Reads a task's status (section 5.2). An id the service does not know comes back UNKNOWN. */
    @Override
    public TaskInfo query(final String taskId) throws AsrException {
        checkTaskId(taskId);
        return parse(api.execute(api.request(taskHttpUrl(taskId)).get().build(), QUERY, taskQueries), QUERY);
    }

    private static TaskInfo parse(final JsonNode root, final String operation) throws AsrException {
        final JsonNode output = root.path("output");
        final String taskId = JsonFields.text(output, "task_id");
        final String status = JsonFields.text(output, "task_status");
        if (taskId == null || status == null) {
            throw JsonFields.unexpected(operation, "output.task_id and output.task_status");
        }
        final JsonNode result = output.path("result").isObject() ? output.path("result") : output.path("results").path(0);
        return new TaskInfo(taskId, TaskStatus.fromWire(status), status, JsonFields.text(root, "request_id"),
                JsonFields.text(result, "transcription_url"), JsonFields.seconds(root), JsonFields.text(output, "code"),
                JsonFields.text(output, "message"));
    }
}
