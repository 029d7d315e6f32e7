/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.api;

/** DashScope's native file-transcription tasks: submit one, and read its status. */
public interface FileTranscriptionTasks {

    /** Where submissions go (for provenance). */
    String submitUrl();

    /** A task's URL (for provenance). */
    String taskUrl(String taskId);

    /**
     * Creates, and bills, a new task. A failure after which the task may exist is thrown as
     * {@link AsrException.Kind#OUTCOME_UNKNOWN}, never as one worth retrying.
     */
    TaskInfo submit(TranscriptionTaskRequest request) throws AsrException;

    /** Reads a task's status. An id the service does not know comes back UNKNOWN. */
    TaskInfo query(String taskId) throws AsrException;
}
