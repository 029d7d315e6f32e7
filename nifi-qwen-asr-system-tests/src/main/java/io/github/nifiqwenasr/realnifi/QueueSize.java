/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

/** How much waits in a connection. */
public record QueueSize(int flowFiles, long bytes) {
}
