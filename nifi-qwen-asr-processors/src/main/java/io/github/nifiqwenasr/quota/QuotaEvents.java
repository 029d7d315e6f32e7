/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.quota;

/** What the cluster quota reports for users to see (the client service turns these into log messages and bulletins). */
public interface QuotaEvents {

    /** The shared state could not be read or written; this node keeps a safe share until it can again. */
    void stateUnavailable(String reason, double modelCallsPerSecond, double taskQueriesPerSecond);

    /** The shared state answers again after an outage. */
    void stateRestored(long outageMillis);

    /** NiFi reports this node as disconnected from its cluster: it keeps only the floor, the others take over. */
    void disconnected(double modelCallsPerSecond, double taskQueriesPerSecond);

    /** The node is connected to its cluster again. */
    void reconnected();
}
