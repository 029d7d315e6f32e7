/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.quota;

/**
 * What one node wants of one quota: the permits per second it has been using, and whether it was refused permits
 * lately (it could use more than it has).
 */
public record NodeDemand(double usedPerSecond, boolean hungry) {

    static final NodeDemand IDLE = new NodeDemand(0, false);
}
