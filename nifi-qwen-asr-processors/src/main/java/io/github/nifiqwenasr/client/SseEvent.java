/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.io.Json;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.util.List;

/**
 * One server-sent event (WHATWG HTML "Server-sent events", 9.2.6).
 *
 * @param name     the {@code event:} field, {@code message} when absent
 * @param data     the {@code data:} lines joined with line feeds
 * @param comments the comment lines without their colon, e.g. DashScope's {@code HTTP_STATUS/400}
 */
record SseEvent(String name, String data, List<String> comments) {

    /** The data as JSON; an event whose data is not JSON is a malformed answer, worth retrying. */
    JsonNode json(final HttpUrl url, final String operation) throws AsrException {
        try {
            return Json.MAPPER.readTree(data);
        } catch (final IOException e) {
            throw RemoteErrors.malformedEvent(url, operation, e);
        }
    }
}
