/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.api;


/** The audio a recognition request refers to: a URL the service downloads, or bytes sent inline. */
public sealed interface AudioInput {

    /** An http, https or {@code oss://} URL the service downloads itself. */
    record Url(String url) implements AudioInput {
    }

    /** Audio bytes, sent as a base64 data URL streamed from {@code source}; never held in memory whole. */
    record Content(StreamSource source, long length, String mimeType) implements AudioInput {
    }
}
