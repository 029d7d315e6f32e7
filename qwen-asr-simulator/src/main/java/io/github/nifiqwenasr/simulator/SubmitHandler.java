/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiqwenasr.simulator.audio.AudioDigest;
import io.github.nifiqwenasr.simulator.audio.AudioFormat;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;

/**
 * qwen3-asr-flash-filetrans submit (section 5.1). The audio is "downloaded" at submit time; what would make the
 * task fail is decided then and becomes visible as FAILED when the pending time ends. Failure codes other than
 * FILE_DOWNLOAD_FAILED are [I] (section 5.2: "plausible others ... unverified").
 */
final class SubmitHandler implements EndpointHandler {
    /** Section 8.2: filetrans takes at most 2 GB and 12 hours. */
    static final long MAX_FILE_BYTES = 2L * 1024 * 1024 * 1024;
    static final double MAX_SECONDS = 12 * 3600;

    private final SimulatorSettings settings;
    private final AudioLibrary library;
    private final TaskStore tasks;
    private final String storageBaseUrl;

    SubmitHandler(final SimulatorSettings settings, final AudioLibrary library, final TaskStore tasks,
            final String storageBaseUrl) {
        this.settings = settings;
        this.library = library;
        this.tasks = tasks;
        this.storageBaseUrl = storageBaseUrl;
    }

    @Override
    public void handle(final Call call) throws ApiError, IOException {
        if (!call.enabled("X-DashScope-Async")) {
            // Section 1.3: the message is documented, the status is [I] 403 AccessDenied.
            throw ApiError.verbatim(403, "AccessDenied", "current user api does not support synchronous calls");
        }
        final FiletransRequest request = FiletransRequest.parse(call.jsonBody(), settings.region());
        final Instant now = Instant.now();
        final AudioLibrary.Resolution resolution = library.resolve(request.fileUrl(),
                call.enabled("X-DashScope-OssResourceResolve"), request.model(), storageBaseUrl, now);
        final Task task = switch (resolution) {
            case AudioLibrary.Unavailable unavailable -> task(request, null, unavailable.code(), unavailable.message(), now);
            case AudioLibrary.Found found -> taskFor(request, found.digest(), now);
        };
        tasks.add(task);
        final ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("request_id", call.requestId());
        answer.putObject("output").put("task_id", task.id()).put("task_status", "PENDING");
        call.exchange().respond(200, ErrorStyle.JSON, Json.MAPPER.writeValueAsBytes(answer));
    }

    private Task taskFor(final FiletransRequest request, final AudioDigest audio, final Instant now) {
        if (audio.format() == AudioFormat.UNSUPPORTED) {
            return task(request, audio, "FILE_FORMAT_UNSUPPORTED", "The audio file format is not supported.", now);
        }
        if (audio.size() > MAX_FILE_BYTES) {
            return task(request, audio, "FILE_TOO_LARGE", "The audio file exceeds 2 GB.", now);
        }
        if (audio.durationSeconds() > MAX_SECONDS) {
            return task(request, audio, "FILE_TOO_LONG", "The audio file exceeds 12 hours.", now);
        }
        final int highest = Collections.max(request.channels());
        if (highest >= audio.addressableChannels()) {
            return task(request, audio, "INVALID_CHANNEL_ID", "channel_id " + highest + " does not exist: the audio has "
                    + audio.addressableChannels() + " channel(s).", now);
        }
        return task(request, audio, null, null, now);
    }

    private Task task(final FiletransRequest request, final AudioDigest audio, final String code, final String message,
            final Instant now) {
        final double billedAudio = audio == null ? 0 : audio.durationSeconds() * request.channels().size();
        final Duration running = settings.taskRunningTimeBase()
                .plusNanos((long) (settings.taskRunningTimePerAudioSecond().toNanos() * billedAudio));
        return new Task(RequestIds.next(), request, audio, code, message, now, settings.taskPendingTime(), running);
    }
}
