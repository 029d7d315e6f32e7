/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.api;

/** The states of an asynchronous task (dashscope-api.md section 5.2). */
public enum TaskStatus {
    PENDING,
    RUNNING,
    SUSPENDED,
    SUCCEEDED,
    FAILED,
    CANCELED,
    /** The service's word for an id it does not know (never created, or expired): terminal. */
    UNKNOWN,
    /**
     * A status word that is not in the documented set (the service may add one). Only a documented terminal status
     * ends a task, so this one is read as still in progress: the task may be running, and is paid for.
     */
    UNRECOGNISED;

    /** Still queued or working, or a status this client does not know: ask again later. */
    public boolean isInProgress() {
        return this == PENDING || this == RUNNING || this == SUSPENDED || this == UNRECOGNISED;
    }

    /** The status a word of the service stands for; {@link #UNRECOGNISED} for a word not in the documented set. */
    public static TaskStatus fromWire(final String value) {
        for (final TaskStatus status : values()) {
            if (status != UNRECOGNISED && status.name().equals(value)) {
                return status;
            }
        }
        return UNRECOGNISED;
    }
}
