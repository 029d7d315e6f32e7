/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import io.github.nifiqwenasr.simulator.audio.AudioDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A filetrans task. Its state is a function of time (not of polls): PENDING for the pending time, then RUNNING for
 * the running time, then SUCCEEDED; a task that cannot succeed turns FAILED when its pending time ends.
 */
final class Task {
    private final String id;
    private final String model;
    private final String fileUrl;
    private final List<Integer> channels;
    private final String language;
    private final boolean enableWords;
    private final AudioDigest audio;
    private final String failureCode;
    private final String failureMessage;
    private final Instant submitted;
    private final Instant scheduled;
    private final Instant finished;
    private final AtomicReference<Instant> canceled = new AtomicReference<>();

    Task(final String id, final FiletransRequest request, final AudioDigest audio, final String failureCode,
            final String failureMessage, final Instant submitted, final Duration pending, final Duration running) {
        this.id = id;
        this.model = request.model();
        this.fileUrl = request.fileUrl();
        this.channels = request.channels();
        this.language = request.language();
        this.enableWords = request.enableWords();
        this.audio = audio;
        this.failureCode = failureCode;
        this.failureMessage = failureMessage;
        this.submitted = submitted;
        this.scheduled = submitted.plus(pending);
        this.finished = failureCode != null ? scheduled : scheduled.plus(running);
    }

    String id() {
        return id;
    }

    String fileUrl() {
        return fileUrl;
    }

    List<Integer> channels() {
        return channels;
    }

    String language() {
        return language;
    }

    boolean enableWords() {
        return enableWords;
    }

    AudioDigest audio() {
        return audio;
    }

    String status(final Instant now) {
        if (canceled.get() != null) {
            return "CANCELED";
        }
        if (now.isBefore(scheduled)) {
            return "PENDING";
        }
        if (failureCode != null) {
            return "FAILED";
        }
        return now.isBefore(finished) ? "RUNNING" : "SUCCEEDED";
    }

    /** Section 5.4: only PENDING tasks can be canceled. */
    boolean cancel(final Instant now) {
        return "PENDING".equals(status(now)) && canceled.compareAndSet(null, now);
    }

    Instant submitted() {
        return submitted;
    }

    Instant scheduled() {
        return scheduled;
    }

    Instant endTime() {
        final Instant canceledAt = canceled.get();
        return canceledAt != null ? canceledAt : finished;
    }

    String failureCode() {
        return failureCode;
    }

    String failureMessage() {
        return failureMessage;
    }

    long usageSeconds() {
        return audio == null ? 0 : audio.billedSeconds() * channels.size();
    }

    TaskView view(final Instant now, final String transcriptionUrl) {
        final String status = status(now);
        final boolean succeeded = "SUCCEEDED".equals(status);
        final boolean failed = "FAILED".equals(status);
        return new TaskView(id, model, status, fileUrl, channels, language, enableWords,
                audio == null ? 0 : audio.durationSeconds(), submitted, scheduled, endTime(),
                failed ? failureCode : null, failed ? failureMessage : null,
                succeeded ? usageSeconds() : 0, succeeded ? transcriptionUrl : null);
    }
}
