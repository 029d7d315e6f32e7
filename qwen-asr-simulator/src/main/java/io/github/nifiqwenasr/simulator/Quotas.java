/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

/** The service-side rate limits (dashscope-api.md sections 7.3 and 8.2); each is off while its setting is 0. */
final class Quotas {
    private final SimulatorSettings settings;
    private final TokenBucket modelCalls = new TokenBucket();
    private final TokenBucket taskQueries = new TokenBucket();

    Quotas(final SimulatorSettings settings) {
        this.settings = settings;
    }

    /** Throws 429 Throttling.RateQuota when the endpoint's quota is exhausted. */
    void check(final Endpoint endpoint) throws ApiError {
        if (endpoint.isModelCall()) {
            final int rpm = settings.requestsPerMinute();
            if (rpm > 0 && !modelCalls.tryAcquire(rpm / 60.0, settings.burst())) {
                throw ApiError.throttled();
            }
        } else if (endpoint == Endpoint.TASK_QUERY) {
            final int qps = settings.taskQueriesPerSecond();
            if (qps > 0 && !taskQueries.tryAcquire(qps, qps)) {
                throw ApiError.throttled();
            }
        }
    }

    void reset() {
        modelCalls.reset();
        taskQueries.reset();
    }
}
