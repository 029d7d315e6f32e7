/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/** Enqueued faults (FIFO per endpoint, each used once) first, then the seeded random mix of the settings. */
final class FaultInjector {
    private static final Duration RANDOM_DELAY = Duration.ofMillis(200);

    private final Map<Endpoint, Queue<Fault>> queues = new EnumMap<>(Endpoint.class);
    private final ReentrantLock randomLock = new ReentrantLock();
    private SimulatorSettings.RandomFaults randomConfig = SimulatorSettings.RandomFaults.NONE;
    private Random random;

    FaultInjector() {
        for (final Endpoint endpoint : Endpoint.values()) {
            queues.put(endpoint, new ConcurrentLinkedQueue<>());
        }
    }

    void enqueue(final Endpoint endpoint, final Fault fault) {
        queues.get(endpoint).add(fault);
    }

    Optional<Fault> next(final Endpoint endpoint, final SimulatorSettings.RandomFaults config) {
        final Fault queued = queues.get(endpoint).poll();
        if (queued != null) {
            return Optional.of(queued);
        }
        if (config.rate() == 0 || endpoint == Endpoint.AUDIO_FILE || endpoint == Endpoint.UNKNOWN) {
            return Optional.empty();
        }
        return random(config);
    }

    void clear() {
        queues.values().forEach(Queue::clear);
        randomLock.lock();
        try {
            randomConfig = SimulatorSettings.RandomFaults.NONE;
            random = null;
        } finally {
            randomLock.unlock();
        }
    }

    private Optional<Fault> random(final SimulatorSettings.RandomFaults config) {
        final double roll;
        final int pick;
        randomLock.lock();
        try {
            if (config != randomConfig) {
                randomConfig = config;
                random = new Random(config.seed());
            }
            roll = random.nextDouble();
            pick = random.nextInt(7);
        } finally {
            randomLock.unlock();
        }
        if (roll >= config.rate()) {
            return Optional.empty();
        }
        return Optional.of(switch (pick) {
            case 0 -> Fault.error(429, "Throttling.RateQuota", "Requests rate limit exceeded, please try again later.");
            case 1 -> Fault.error(500, "InternalError", "An internal error has occured, please try again later or contact service support.");
            case 2 -> Fault.error(503, "ModelUnavailable", "Model is unavailable, please try again later.");
            case 3 -> Fault.error(504, "RequestTimeOut", "Request timed out, please try again later.");
            case 4 -> Fault.disconnect();
            case 5 -> Fault.truncatedBody();
            default -> Fault.delay(RANDOM_DELAY);
        });
    }
}
