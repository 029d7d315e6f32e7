/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.quota;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link SharedQuotaState} in memory, shared by the nodes that one JVM simulates (tests, the cluster benchmark).
 * It can be made unreachable, like ZooKeeper in an outage, and counts its writes.
 */
public final class InMemoryQuotaState implements SharedQuotaState {

    private long version;
    private Map<String, String> values = Map.of();
    private boolean reachable = true;
    private int racesToLose;
    private long writes;

    @Override
    public synchronized Snapshot read() throws IOException {
        checkReachable();
        return new Reading(version == 0 ? Optional.empty() : Optional.of(Long.toString(version)), values);
    }

    @Override
    public synchronized boolean replace(final Snapshot expected, final Map<String, String> newValues) throws IOException {
        checkReachable();
        final Optional<String> current = version == 0 ? Optional.empty() : Optional.of(Long.toString(version));
        if (!current.equals(expected.version())) {
            return false;
        }
        if (racesToLose > 0) {
            // Another node wrote first: the version moved on under the writer.
            racesToLose--;
            version++;
            return false;
        }
        version++;
        values = Map.copyOf(newValues);
        writes++;
        return true;
    }

    public synchronized void setReachable(final boolean reachable) {
        this.reachable = reachable;
    }

    /** The next {@code count} writes lose a compare-and-set race, as if another node always wrote just before. */
    public synchronized void loseRaces(final int count) {
        this.racesToLose = count;
    }

    public synchronized long writes() {
        return writes;
    }

    private void checkReachable() throws IOException {
        if (!reachable) {
            throw new IOException("Connection to the state store lost (simulated)");
        }
    }

    private record Reading(Optional<String> version, Map<String, String> values) implements Snapshot {
    }
}
