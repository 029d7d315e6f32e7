/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** Field checks shared by the model endpoints; each failure is the error the real service documents (section 7.2). */
final class RequestRules {
    /** dashscope-api.md section 2.1: the language codes qwen3-asr accepts (one code only). */
    static final Set<String> LANGUAGES = Set.of("zh", "yue", "en", "ja", "de", "ko", "ru", "fr", "pt", "ar", "it", "es",
            "hi", "id", "th", "tr", "uk", "vi", "cs", "da", "fil", "fi", "is", "ms", "no", "pl", "sv");

    private RequestRules() {
    }

    /** {@code model}: missing or empty -> 400 BadRequest.EmptyModel; not a string -> 400 InvalidParameter. */
    static String model(final JsonNode body) throws ApiError {
        final JsonNode model = body.get("model");
        if (model == null || model.isNull() || model.isTextual() && model.asText().isEmpty()) {
            throw ApiError.badRequest("BadRequest.EmptyModel", "Required parameter \"model\" missing from request.");
        }
        if (!model.isTextual()) {
            throw ApiError.invalidParameter("Parameter model must be a string.");
        }
        return model.asText();
    }

    /** An optional member that must be an object when present. */
    static JsonNode optionalObject(final JsonNode parent, final String name, final String path) throws ApiError {
        final JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiError.invalidParameter("Parameter " + path + " must be an object.");
        }
        return node;
    }

    static boolean optionalBoolean(final JsonNode parent, final String name, final String path, final boolean fallback)
            throws ApiError {
        final JsonNode node = parent == null ? null : parent.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw ApiError.invalidParameter("Parameter " + path + " must be a boolean, got " + node + ".");
        }
        return node.booleanValue();
    }

    /** {@code language}: absent means auto-detect; otherwise one code of {@link #LANGUAGES}. */
    static String language(final JsonNode parent, final String path) throws ApiError {
        final JsonNode node = parent == null ? null : parent.get("language");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || !LANGUAGES.contains(node.asText())) {
            throw ApiError.invalidParameter("Parameter " + path + " is not a supported language code: " + node + ".");
        }
        return node.asText();
    }

    /** asr_options of the flash models: language, enable_itn; enable_lid accepted and ignored (section 2.1). */
    static String asrOptionsLanguage(final JsonNode asrOptions, final String path) throws ApiError {
        optionalBoolean(asrOptions, "enable_itn", path + ".enable_itn", false);
        optionalBoolean(asrOptions, "enable_lid", path + ".enable_lid", false);
        return language(asrOptions, path + ".language");
    }
}
