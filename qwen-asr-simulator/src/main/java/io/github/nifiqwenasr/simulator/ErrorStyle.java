/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiqwenasr.simulator.http.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The error envelopes of dashscope-api.md section 7.1, plus OSS XML for the storage host (section 6). */
enum ErrorStyle {
    /** Section 1.4: {"request_id","code","message"}. */
    NATIVE {
        @Override
        void render(final HttpExchange exchange, final ApiError error, final String requestId) throws IOException {
            final ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("request_id", requestId).put("code", error.code()).put("message", error.getMessage());
            exchange.respond(error.status(), JSON, Json.MAPPER.writeValueAsBytes(body));
        }
    },
    /** Section 3.4: a non-2xx event stream holding one event:error. */
    SSE {
        @Override
        void render(final HttpExchange exchange, final ApiError error, final String requestId) throws IOException {
            exchange.respond(error.status(), SseEvents.CONTENT_TYPE,
                    SseEvents.error(1, error, requestId).getBytes(StandardCharsets.UTF_8));
        }
    },
    /** Section 4.4: {"error":{"message","type","param","code"},"request_id"}. */
    COMPAT {
        @Override
        void render(final HttpExchange exchange, final ApiError error, final String requestId) throws IOException {
            exchange.respond(error.status(), JSON, Json.MAPPER.writeValueAsBytes(compatBody(error, requestId)));
        }
    },
    /**
     * vLLM's OpenAI-compatible server: {@code {"error":{"message","type","param","code"}}} where {@code code} is the
     * HTTP status as a number and {@code type} names the error class (vllm/entrypoints/openai/engine/protocol.py
     * ErrorInfo, vllm/entrypoints/utils.py create_error_response); its API-key middleware answers 401 with
     * {@code {"error": "Unauthorized"}} instead (vllm/entrypoints/openai/server_utils.py).
     */
    VLLM {
        @Override
        void render(final HttpExchange exchange, final ApiError error, final String requestId) throws IOException {
            exchange.respond(error.status(), JSON, Json.MAPPER.writeValueAsBytes(vllmBody(error)));
        }
    },
    /** OSS: XML {@code <Error>} documents (section 6, "OSS errors come back as OSS XML"). */
    OSS {
        @Override
        void render(final HttpExchange exchange, final ApiError error, final String requestId) throws IOException {
            final String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>" + escape(error.code())
                    + "</Code>\n  <Message>" + escape(error.getMessage()) + "</Message>\n  <RequestId>" + requestId
                    + "</RequestId>\n  <HostId>127.0.0.1</HostId>\n</Error>\n";
            exchange.addResponseHeader("x-oss-request-id", requestId);
            exchange.respond(error.status(), "application/xml", xml.getBytes(StandardCharsets.UTF_8));
        }
    };

    static final String JSON = "application/json";
    private static final String COMPAT_API_KEY_MESSAGE =
            "Incorrect API key provided. For details, see: https://help.aliyun.com/zh/model-studio/error-code#apikey-error";

    abstract void render(HttpExchange exchange, ApiError error, String requestId) throws IOException;

    /**
     * [I] section 4.4 shows only type invalid_request_error (401); the type of other statuses is not documented:
     * 429 gets limit_requests, 5xx internal_error, everything else invalid_request_error.
     */
    static ObjectNode compatBody(final ApiError error, final String requestId) {
        final ObjectNode body = Json.MAPPER.createObjectNode();
        final ObjectNode inner = body.putObject("error");
        final boolean apiKey = "invalid_api_key".equals(error.compatCode());
        inner.put("message", apiKey ? COMPAT_API_KEY_MESSAGE : error.getMessage());
        inner.put("type", error.status() == 429 ? "limit_requests" : error.status() >= 500 ? "internal_error" : "invalid_request_error");
        inner.putNull("param");
        inner.put("code", error.compatCode());
        body.put("request_id", requestId);
        return body;
    }

    static ObjectNode vllmBody(final ApiError error) {
        final ObjectNode body = Json.MAPPER.createObjectNode();
        if (VllmErrors.isUnauthorized(error)) {
            body.put("error", error.getMessage());
            return body;
        }
        final ObjectNode inner = body.putObject("error");
        inner.put("message", error.getMessage()).put("type", error.code()).putNull("param");
        inner.put("code", error.status());
        return body;
    }

    private static String escape(final String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
