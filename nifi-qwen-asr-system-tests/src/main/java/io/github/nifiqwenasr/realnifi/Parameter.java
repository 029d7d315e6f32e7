/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

/** A parameter-context value to set; a sensitive value is write-only in NiFi and encrypted in its flow. */
public record Parameter(String name, String value, boolean sensitive) {

    public static Parameter plain(final String name, final String value) {
        return new Parameter(name, value, false);
    }

    public static Parameter sensitive(final String name, final String value) {
        return new Parameter(name, value, true);
    }
}
