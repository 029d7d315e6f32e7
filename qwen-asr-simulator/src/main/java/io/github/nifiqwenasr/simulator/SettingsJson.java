/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of {@link SimulatorSettings} used by {@code /__sim/settings}: durations as text ("2s", "250ms"),
 * {@code apiKeys} as a list of "region:key" or "key" (current region), {@code randomFaultRate} with {@code seed}.
 */
final class SettingsJson {
    private SettingsJson() {
    }

    /** Applies the fields present; throws IllegalArgumentException on unknown fields or bad values. */
    static void apply(final SimulatorSettings settings, final JsonNode partial) {
        if (!partial.isObject()) {
            throw new IllegalArgumentException("settings must be a JSON object");
        }
        final Iterator<Map.Entry<String, JsonNode>> fields = partial.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> field = fields.next();
            final JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "region" -> settings.region(Region.fromId(value.asText()));
                case "apiKeys" -> value.forEach(key -> addKey(settings, key.asText()));
                case "requestsPerMinute" -> settings.requestsPerMinute(value.asInt());
                case "burst" -> settings.burst(value.asInt());
                case "taskQueriesPerSecond" -> settings.taskQueriesPerSecond(value.asInt());
                case "taskPendingTime" -> settings.taskPendingTime(DurationText.parse(value.asText()));
                case "taskRunningTimeBase" -> settings.taskRunningTimeBase(DurationText.parse(value.asText()));
                case "taskRunningTimePerAudioSecond" -> settings.taskRunningTimePerAudioSecond(DurationText.parse(value.asText()));
                case "transcriptUrlTtl" -> settings.transcriptUrlTtl(DurationText.parse(value.asText()));
                case "uploadPolicyTtl" -> settings.uploadPolicyTtl(DurationText.parse(value.asText()));
                case "flashUploadMaxFileSizeMb" -> settings.flashUploadMaxFileSizeMb(value.asInt());
                case "filetransUploadMaxFileSizeMb" -> settings.filetransUploadMaxFileSizeMb(value.asInt());
                case "randomFaultRate" -> settings.randomFaultRate(value.asDouble(), partial.path("seed").asLong(0));
                case "seed" -> {
                    // read together with randomFaultRate
                }
                case "latency" -> settings.latency(DurationText.parse(value.asText()));
                case "recordBodies" -> settings.recordBodies(value.asBoolean());
                case "recordBodyLimitBytes" -> settings.recordBodyLimitBytes(value.asInt());
                case "maxRecordedRequests" -> settings.maxRecordedRequests(value.asInt());
                case "vllmApiKey" -> settings.vllmApiKey(value.isNull() ? null : value.asText());
                case "vllmServedModelNames" -> settings.vllmServedModelNames(texts(value));
                default -> throw new IllegalArgumentException("Unknown setting '" + field.getKey() + "'");
            }
        }
    }

    /** "region:key" registers the key in that region; a bare "key" in the current region. */
    static void addKey(final SimulatorSettings settings, final String spec) {
        final int colon = spec.indexOf(':');
        if (colon > 0 && isRegion(spec.substring(0, colon))) {
            settings.apiKey(Region.fromId(spec.substring(0, colon)), spec.substring(colon + 1));
        } else {
            settings.apiKey(settings.region(), spec);
        }
    }

    static ObjectNode toJson(final SimulatorSettings settings) {
        final ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("region", settings.region().id());
        json.put("requestsPerMinute", settings.requestsPerMinute());
        json.put("burst", settings.burst());
        json.put("taskQueriesPerSecond", settings.taskQueriesPerSecond());
        json.put("taskPendingTime", settings.taskPendingTime().toString());
        json.put("taskRunningTimeBase", settings.taskRunningTimeBase().toString());
        json.put("taskRunningTimePerAudioSecond", settings.taskRunningTimePerAudioSecond().toString());
        json.put("transcriptUrlTtl", settings.transcriptUrlTtl().toString());
        json.put("uploadPolicyTtl", settings.uploadPolicyTtl().toString());
        json.put("flashUploadMaxFileSizeMb", settings.flashUploadMaxFileSizeMb());
        json.put("filetransUploadMaxFileSizeMb", settings.filetransUploadMaxFileSizeMb());
        json.put("randomFaultRate", settings.randomFaults().rate());
        json.put("seed", settings.randomFaults().seed());
        json.put("latency", settings.latency().toString());
        json.put("recordBodies", settings.recordBodies());
        json.put("recordBodyLimitBytes", settings.recordBodyLimitBytes());
        json.put("maxRecordedRequests", settings.maxRecordedRequests());
        json.put("vllmApiKey", settings.vllmApiKey());
        settings.vllmServedModelNames().forEach(json.putArray("vllmServedModelNames")::add);
        return json;
    }

    private static List<String> texts(final JsonNode array) {
        final List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static boolean isRegion(final String id) {
        for (final Region region : Region.values()) {
            if (region.id().equals(id)) {
                return true;
            }
        }
        return false;
    }
}
