/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.api;

/**
 * One answer of a task submission or query.
 *
 * @param statusWord the status as the service wrote it (the same as {@code status} unless that is UNRECOGNISED)
 * @param transcriptionUrl where the transcript can be downloaded (SUCCEEDED only), else null
 * @param audioSeconds billed audio seconds (SUCCEEDED only), else null
 * @param code the service's failure code (FAILED), else null
 * @param message the service's failure message (FAILED), else null
 */
public record TaskInfo(String taskId, TaskStatus status, String statusWord, String requestId, String transcriptionUrl, Long audioSeconds,
                       String code, String message) {
}
