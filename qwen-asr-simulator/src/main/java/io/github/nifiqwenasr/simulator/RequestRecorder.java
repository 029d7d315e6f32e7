/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A bounded, lock-free log of requests, ordered by arrival (requests are added when their answer is done). */
final class RequestRecorder {
    private final ConcurrentLinkedDeque<Entry> entries = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();

    /** Taken when a request arrives; orders the log. */
    long arrival() {
        return sequence.incrementAndGet();
    }

    void add(final long arrival, final RecordedRequest request, final int limit) {
        entries.addLast(new Entry(arrival, request));
        if (size.incrementAndGet() > limit && entries.pollFirst() != null) {
            size.decrementAndGet();
        }
    }

    List<RecordedRequest> all() {
        return entries.stream().sorted(Comparator.comparingLong(Entry::arrival)).map(Entry::request).toList();
    }

    List<RecordedRequest> of(final Endpoint endpoint) {
        return all().stream().filter(request -> request.endpoint() == endpoint).toList();
    }

    void clear() {
        while (entries.pollFirst() != null) {
            size.decrementAndGet();
        }
    }

    private record Entry(long arrival, RecordedRequest request) {
    }
}
