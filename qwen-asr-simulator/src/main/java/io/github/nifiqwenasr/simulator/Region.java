/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import java.util.Arrays;

/** The Model Studio regions of dashscope-api.md section 1.1; API keys are valid in one region only. */
public enum Region {
    AP_SOUTHEAST_1("ap-southeast-1"),
    US_EAST_1("us-east-1"),
    CN_BEIJING("cn-beijing");

    private final String id;

    Region(final String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The key every simulator accepts for this region unless settings remove it: {@code sk-qwensim-<region id>}. */
    public String defaultApiKey() {
        return "sk-qwensim-" + id;
    }

    public static Region fromId(final String id) {
        return Arrays.stream(values()).filter(region -> region.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown region '" + id + "'; expected one of ap-southeast-1, us-east-1, cn-beijing"));
    }
}
