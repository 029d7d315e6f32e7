/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.service;

import io.github.nifiqwenasr.quota.QuotaEvents;
import org.apache.nifi.logging.ComponentLog;

import java.util.Locale;

/** The cluster quota's events as the client service's log messages; warnings become bulletins on the service. */
final class LoggedQuotaEvents implements QuotaEvents {

    private final ComponentLog log;

    LoggedQuotaEvents(final ComponentLog log) {
        this.log = log;
    }

    @Override
    public void stateUnavailable(final String reason, final double modelCallsPerSecond, final double taskQueriesPerSecond) {
        log.warn("Cluster state is unreachable ({}): this node keeps its current share of the account's quota for up to"
                + " 20 seconds, then only {} requests per minute and {} task queries per second until the state answers"
                + " again, so that the nodes together never exceed the quota. FlowFiles wait in their queues meanwhile.",
                reason, perMinute(modelCallsPerSecond), format(taskQueriesPerSecond));
    }

    @Override
    public void stateRestored(final long outageMillis) {
        log.info("Cluster state answers again after {} ms: this node's share of the account's quota follows the"
                + " cluster's demand again.", outageMillis);
    }

    @Override
    public void disconnected(final double modelCallsPerSecond, final double taskQueriesPerSecond) {
        log.warn("This node is disconnected from its cluster: it keeps only {} requests per minute and {} task queries"
                + " per second of the account's quota while the connected nodes share the rest.",
                perMinute(modelCallsPerSecond), format(taskQueriesPerSecond));
    }

    @Override
    public void reconnected() {
        log.info("This node is connected to its cluster again: its share of the account's quota grows as the others"
                + " make room.");
    }

    private static String perMinute(final double perSecond) {
        return format(perSecond * 60);
    }

    private static String format(final double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
