/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.quota;

/** The two quotas of a DashScope account that the client service shares out. */
public enum QuotaKind {
    /** Recognitions and task submissions: Requests Per Minute. */
    MODEL_CALLS,
    /** Task status queries: Task Queries Per Second. */
    TASK_QUERIES
}
