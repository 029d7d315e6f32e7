/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** DashScope native SSE framing (section 3.2): no space after colons, an HTTP_STATUS comment, a blank line. */
final class SseEvents {
    static final String CONTENT_TYPE = "text/event-stream;charset=UTF-8";

    private SseEvents() {
    }

    static String result(final int id, final JsonNode data) {
        return "id:" + id + "\nevent:result\n:HTTP_STATUS/200\ndata:" + write(data) + "\n\n";
    }

    static String error(final int id, final ApiError error, final String requestId) {
        final ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("code", error.code()).put("message", error.getMessage()).put("request_id", requestId);
        return "id:" + id + "\nevent:error\n:HTTP_STATUS/" + error.status() + "\ndata:" + write(data) + "\n\n";
    }

    /** OpenAI framing used by compatible mode (section 4.3): "data: " with a space. */
    static String compat(final JsonNode data) {
        return "data: " + write(data) + "\n\n";
    }

    /** The OpenAI stream's last line ({@code data: [DONE]}), in DashScope compatible mode and vLLM alike. */
    static byte[] compatDone() {
        return "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    }

    static String write(final JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
