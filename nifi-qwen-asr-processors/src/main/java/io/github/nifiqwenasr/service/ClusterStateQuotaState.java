/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.service;

import io.github.nifiqwenasr.quota.SharedQuotaState;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.components.state.StateManager;
import org.apache.nifi.components.state.StateMap;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The client service's cluster-scoped state (ZooKeeper in a NiFi cluster) as the shared state of the cluster quota.
 * Writes are {@link StateManager#replace} (compare-and-set on the state's version); only the very first write, when the
 * state has no version yet, is a plain {@link StateManager#setState}: two nodes racing there lose at most one entry,
 * which its node writes again on its next round.
 */
final class ClusterStateQuotaState implements SharedQuotaState {

    private final StateManager stateManager;

    ClusterStateQuotaState(final StateManager stateManager) {
        this.stateManager = stateManager;
    }

    @Override
    public Snapshot read() throws IOException {
        final StateMap map = stateManager.getState(Scope.CLUSTER);
        return new VersionedSnapshot(map);
    }

    @Override
    public boolean replace(final Snapshot expected, final Map<String, String> values) throws IOException {
        if (expected.version().isEmpty()) {
            stateManager.setState(values, Scope.CLUSTER);
            return true;
        }
        return stateManager.replace(((VersionedSnapshot) expected).map, values, Scope.CLUSTER);
    }

    /** NiFi's own state map, which {@link StateManager#replace} needs back. */
    private record VersionedSnapshot(StateMap map) implements Snapshot {
        @Override
        public Optional<String> version() {
            return map.getStateVersion();
        }

        @Override
        public Map<String, String> values() {
            return map.toMap();
        }
    }
}
