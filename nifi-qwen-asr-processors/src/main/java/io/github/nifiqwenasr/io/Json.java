/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.io;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson mapper of the bundle: thread-safe once configured, and costly to create. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
