/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A validated submit body of qwen3-asr-flash-filetrans (section 5.1). */
record FiletransRequest(String model, String fileUrl, List<Integer> channels, String language, boolean enableWords) {

    static FiletransRequest parse(final JsonNode body, final Region region) throws ApiError {
        final String model = RequestRules.model(body);
        ModelCatalog.require(model, region, ModelFamily.FILETRANS);
        final JsonNode input = body.get("input");
        if (input == null || input.isNull()) {
            throw ApiError.badRequest("BadRequest.EmptyInput", "Required input parameter missing from request.");
        }
        if (!input.isObject()) {
            throw ApiError.invalidParameter("Parameter input must be an object.");
        }
        final String fileUrl = fileUrl(input);
        final JsonNode parameters = body.get("parameters");
        if (parameters == null || parameters.isNull()) {
            // Section 5.1: "must contain a parameters object, even an empty {}" [V: FUNASR-HTTP, I for this model].
            throw ApiError.badRequest("BadRequest.EmptyParameters", "Required parameter \"parameters\" missing from request.");
        }
        if (!parameters.isObject()) {
            throw ApiError.invalidParameter("Parameter parameters must be an object.");
        }
        RequestRules.optionalBoolean(parameters, "enable_itn", "parameters.enable_itn", false);
        final boolean enableWords = RequestRules.optionalBoolean(parameters, "enable_words", "parameters.enable_words", false);
        final String language = RequestRules.language(parameters, "parameters.language");
        return new FiletransRequest(model, fileUrl, channels(parameters.get("channel_id")), language, enableWords);
    }

    private static String fileUrl(final JsonNode input) throws ApiError {
        final JsonNode fileUrl = input.get("file_url");
        if (fileUrl == null || fileUrl.isNull()) {
            throw ApiError.badRequest("BadRequest.EmptyInput", input.has("file_urls")
                    ? "Required input parameter missing from request: input.file_url (this model takes one URL, not file_urls)."
                    : "Required input parameter missing from request.");
        }
        if (!fileUrl.isTextual()) {
            throw ApiError.invalidParameter("Parameter input.file_url must be a single URL string, got " + fileUrl.getNodeType() + ".");
        }
        if (!AudioLibrary.isDownloadable(fileUrl.asText())) {
            throw ApiError.badRequest("InvalidURL", "Invalid URL provided in your request.");
        }
        return fileUrl.asText();
    }

    /** {@code channel_id}: an array of distinct non-negative integers, default [0]. */
    private static List<Integer> channels(final JsonNode channelId) throws ApiError {
        if (channelId == null || channelId.isNull()) {
            return List.of(0);
        }
        if (!channelId.isArray() || channelId.isEmpty()) {
            throw ApiError.invalidParameter("Parameter parameters.channel_id must be a non-empty array of integers.");
        }
        final List<Integer> channels = new ArrayList<>();
        for (final JsonNode channel : channelId) {
            if (!channel.isIntegralNumber() || !channel.canConvertToInt() || channel.intValue() < 0 || channels.contains(channel.intValue())) {
                throw ApiError.invalidParameter("Parameter parameters.channel_id must hold distinct non-negative integers, got " + channel + ".");
            }
            channels.add(channel.intValue());
        }
        return List.copyOf(channels);
    }
}
