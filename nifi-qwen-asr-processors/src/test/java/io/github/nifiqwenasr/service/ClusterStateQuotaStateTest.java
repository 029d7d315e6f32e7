/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.service;

import io.github.nifiqwenasr.quota.SharedQuotaState;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.state.MockStateManager;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterStateQuotaStateTest {

    private final MockStateManager stateManager = new MockStateManager(new StandardQwenAsrClientService());
    private final ClusterStateQuotaState state = new ClusterStateQuotaState(stateManager);

    @Test
    void theFirstWriteCreatesTheClusterState() throws IOException {
        final SharedQuotaState.Snapshot empty = state.read();
        assertTrue(empty.version().isEmpty());
        assertTrue(state.replace(empty, Map.of("node-a", "1;0.000;0;0.000;0")));
        stateManager.assertStateEquals(Map.of("node-a", "1;0.000;0;0.000;0"), Scope.CLUSTER);
        assertTrue(state.read().version().isPresent());
    }

    @Test
    void aWriteFromAStaleReadingIsRefused() throws IOException {
        state.replace(state.read(), Map.of("node-a", "1;0.000;0;0.000;0"));
        final SharedQuotaState.Snapshot seenByA = state.read();
        final SharedQuotaState.Snapshot seenByB = state.read();
        assertTrue(state.replace(seenByB, Map.of("node-a", "1;0.000;0;0.000;0", "node-b", "1;0.000;0;0.000;0")));
        assertFalse(state.replace(seenByA, Map.of("node-a", "2;1.000;1;0.000;0")), "node A lost the race and must re-read");
        assertEquals(Map.of("node-a", "1;0.000;0;0.000;0", "node-b", "1;0.000;0;0.000;0"), state.read().values());
    }

    @Test
    void anUnreachableStateIsAnIOException() {
        stateManager.setFailOnStateGet(Scope.CLUSTER, true);
        assertThrows(IOException.class, state::read);
    }
}
