/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import java.util.ArrayList;
import java.util.List;

/** The cues of one sentence, in time order, in a pool that grows to the most cues any sentence needs. */
final class Cues {

    private final List<Cue> pool = new ArrayList<>();
    private int size;

    void clear() {
        size = 0;
    }

    Cue add(final long start, final long end) {
        if (size == pool.size()) {
            pool.add(new Cue());
        }
        final Cue cue = pool.get(size++);
        cue.reset(start, end);
        return cue;
    }

    /** Drops the cue added last, such as one whose text turned out to be blank. */
    void removeLast() {
        size--;
    }

    int size() {
        return size;
    }

    Cue get(final int index) {
        return pool.get(index);
    }
}
