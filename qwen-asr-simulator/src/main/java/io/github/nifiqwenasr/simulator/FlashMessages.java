/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code messages} rules of both flash endpoints (sections 2.1, 4.1): an optional system message first whose
 * content is an array of text items, then exactly one user message whose content is an array of exactly one audio item.
 */
final class FlashMessages {
    private FlashMessages() {
    }

    /** Where the audio reference sits in a user content item. */
    enum AudioItemShape {
        /** {@code {"audio": "<reference>"}} */
        NATIVE,
        /** {@code {"type": "input_audio", "input_audio": {"data": "<reference>"}}} */
        COMPAT
    }

    /** Returns the audio reference of the one user audio item. */
    static String audioReference(final JsonNode messages, final String path, final AudioItemShape shape) throws ApiError {
        if (messages == null || messages.isNull()) {
            throw ApiError.badRequest("BadRequest.EmptyInput", "Required input parameter missing from request.");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw ApiError.invalidParameter("Parameter " + path + " must be a non-empty array.");
        }
        String audio = null;
        for (int i = 0; i < messages.size(); i++) {
            final JsonNode message = messages.get(i);
            final String role = message.path("role").isTextual() ? message.get("role").asText() : null;
            final JsonNode content = message.get("content");
            final String where = path + "[" + i + "]";
            if (!message.isObject() || role == null) {
                throw ApiError.invalidParameter("Parameter " + where + " must be an object with a string role.");
            }
            if (content == null || !content.isArray()) {
                throw ApiError.invalidParameter("Parameter " + where + ".content must be an array.");
            }
            if ("system".equals(role)) {
                if (i != 0) {
                    throw ApiError.invalidParameter("The system message must be the first message.");
                }
                requireTextItems(content, where);
            } else if ("user".equals(role)) {
                if (audio != null) {
                    throw ApiError.invalidParameter("Only one user message is allowed.");
                }
                audio = audioItem(content, where, shape);
            } else {
                throw ApiError.invalidParameter("Parameter " + where + ".role must be system or user, got '" + role + "'.");
            }
        }
        if (audio == null) {
            throw ApiError.invalidParameter("Exactly one user message with one audio item is required.");
        }
        return audio;
    }

    private static void requireTextItems(final JsonNode content, final String where) throws ApiError {
        for (final JsonNode item : content) {
            if (!item.isObject() || !item.path("text").isTextual()) {
                throw ApiError.invalidParameter("Each item of " + where + ".content must be an object with a string text.");
            }
        }
    }

    private static String audioItem(final JsonNode content, final String where, final AudioItemShape shape) throws ApiError {
        if (content.size() != 1) {
            throw ApiError.invalidParameter("The user message must contain exactly one audio item; " + where + ".content has "
                    + content.size() + " items.");
        }
        final JsonNode item = content.get(0);
        final JsonNode reference = shape == AudioItemShape.NATIVE ? item.get("audio")
                : "input_audio".equals(item.path("type").asText(null)) ? item.path("input_audio").get("data") : null;
        if (reference == null || !reference.isTextual() || reference.asText().isEmpty()) {
            throw ApiError.invalidParameter(shape == AudioItemShape.NATIVE
                    ? "The user content item " + where + ".content[0] must be {\"audio\": \"<url or data-uri>\"}."
                    : "The user content item " + where + ".content[0] must be {\"type\": \"input_audio\", \"input_audio\": {\"data\": \"<url or data-uri>\"}}.");
        }
        return reference.asText();
    }
}
