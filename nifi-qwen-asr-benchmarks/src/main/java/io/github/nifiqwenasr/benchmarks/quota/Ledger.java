/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.quota;

import io.github.nifiqwenasr.benchmarks.flow.MockFlow;
import io.github.nifiqwenasr.processors.TranscribeAudioShort;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.MockProcessSession;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where every FlowFile of the quota run went: the connections downstream of TranscribeAudioShort. Retried FlowFiles
 * return to the input queue when their penalty is over, as a retry connection looped back does.
 */
final class Ledger {

    private final String expectedTranscript;
    private final Duration penalty;
    private final Set<String> transcribed = ConcurrentHashMap.newKeySet();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    private final Set<String> waitingForRetry = ConcurrentHashMap.newKeySet();
    private final AtomicInteger successes = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger wrongTranscripts = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final ScheduledExecutorService penaltyBox = Executors.newSingleThreadScheduledExecutor();
    private volatile MockFlow input;
    private volatile byte[] content;

    Ledger(final String expectedTranscript, final Duration penalty) {
        this.expectedTranscript = expectedTranscript;
        this.penalty = penalty;
    }

    /** Where retried FlowFiles go back to once their penalty is over, with the content they carry. */
    void loopRetriesBackTo(final MockFlow flow, final byte[] audio) {
        this.input = flow;
        this.content = audio;
    }

    void record(final MockProcessSession session) {
        for (final MockFlowFile transcript : session.getFlowFilesForRelationship(TranscribeAudioShort.REL_SUCCESS)) {
            successes.incrementAndGet();
            if (!expectedTranscript.equals(new String(transcript.getData(), StandardCharsets.UTF_8))) {
                wrongTranscripts.incrementAndGet();
            }
        }
        for (final MockFlowFile original : session.getFlowFilesForRelationship(TranscribeAudioShort.REL_ORIGINAL)) {
            if (!transcribed.add(id(original))) {
                duplicates.incrementAndGet();
            }
        }
        session.getFlowFilesForRelationship(TranscribeAudioShort.REL_FAILURE).forEach(flowFile -> failed.add(id(flowFile)));
        for (final MockFlowFile retry : session.getFlowFilesForRelationship(TranscribeAudioShort.REL_RETRY)) {
            retries.incrementAndGet();
            final String id = id(retry);
            waitingForRetry.add(id);
            final Map<String, String> attributes = new HashMap<>(retry.getAttributes());
            penaltyBox.schedule(() -> {
                waitingForRetry.remove(id);
                input.enqueue(content, attributes);
            }, penalty.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops looping retries back; FlowFiles still penalized stay counted as waiting for retry. */
    void stop() throws InterruptedException {
        penaltyBox.shutdownNow();
        penaltyBox.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** The ids of every FlowFile transcribed, failed or waiting for retry; the caller adds those still queued. */
    Set<String> accountedIds() {
        final Set<String> ids = new HashSet<>(transcribed);
        ids.addAll(failed);
        ids.addAll(waitingForRetry);
        return ids;
    }

    int successes() {
        return successes.get();
    }

    int retries() {
        return retries.get();
    }

    int failures() {
        return failed.size();
    }

    int wrongTranscripts() {
        return wrongTranscripts.get();
    }

    int duplicates() {
        return duplicates.get();
    }

    private static String id(final MockFlowFile flowFile) {
        return flowFile.getAttribute(QuotaGoodputBenchmark.ID_ATTRIBUTE);
    }
}
