/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import java.util.Map;

/** A FlowFile waiting in a connection's queue, with its attributes. */
public record QueuedFlowFile(String uuid, long size, Map<String, String> attributes) {

    public String attribute(final String name) {
        return attributes.get(name);
    }
}
