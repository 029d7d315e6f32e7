/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of a filetrans task as the simulated service sees it now.
 *
 * @param status           PENDING, RUNNING, SUCCEEDED, FAILED or CANCELED
 * @param audioSeconds     duration of the audio, 0 when it could not be downloaded
 * @param endTime          when the task reached (or will reach) its final state; null while canceling is possible
 * @param code             failure code, null unless FAILED
 * @param message          failure message, null unless FAILED
 * @param usageSeconds     billed seconds (ceil(duration), at least 1, times the number of channels); 0 unless SUCCEEDED
 * @param transcriptionUrl signed transcript URL, null unless SUCCEEDED
 */
public record TaskView(String taskId, String model, String status, String fileUrl, List<Integer> channelIds,
        String language, boolean enableWords, double audioSeconds, Instant submitTime, Instant scheduledTime,
        Instant endTime, String code, String message, long usageSeconds, String transcriptionUrl) {
}
