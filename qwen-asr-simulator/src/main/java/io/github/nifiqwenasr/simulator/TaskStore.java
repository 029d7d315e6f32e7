/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Every task submitted since the last reset. */
final class TaskStore {
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();

    void add(final Task task) {
        tasks.put(task.id(), task);
    }

    Optional<Task> get(final String id) {
        return Optional.ofNullable(tasks.get(id));
    }

    int size() {
        return tasks.size();
    }

    void clear() {
        tasks.clear();
    }
}
