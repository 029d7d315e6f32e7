/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.quota;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The state every node of a cluster reads and writes to agree on its share of the account's quota: one small map
 * (an entry per node), replaced only by compare-and-set. In NiFi it is the client service's cluster-scoped state
 * (ZooKeeper); tests and the benchmark use an in-memory one.
 */
public interface SharedQuotaState {

    /** The current map and its version; the version is empty while the state has never been written. */
    Snapshot read() throws IOException;

    /**
     * Writes {@code values} if the state is still at {@code expected}'s version (for a state never written: if it still
     * has not been); false when another node wrote in between.
     */
    boolean replace(Snapshot expected, Map<String, String> values) throws IOException;

    /** One reading of the state; each implementation keeps in it what its compare-and-set needs. */
    interface Snapshot {
        /** Empty while the state has never been written. */
        Optional<String> version();

        Map<String, String> values();
    }
}
