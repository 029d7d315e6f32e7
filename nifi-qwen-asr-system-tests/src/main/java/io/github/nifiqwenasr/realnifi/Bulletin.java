/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

/** One entry of NiFi's bulletin board. */
public record Bulletin(String sourceId, String sourceName, String level, String message) {
}
