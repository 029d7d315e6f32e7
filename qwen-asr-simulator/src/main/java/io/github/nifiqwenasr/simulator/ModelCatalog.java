/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The model names of dashscope-api.md section 8.1 and the regions serving them. */
final class ModelCatalog {
    private static final Set<Region> INTERNATIONAL_AND_BEIJING = EnumSet.of(Region.AP_SOUTHEAST_1, Region.CN_BEIJING);
    private static final Set<Region> US = EnumSet.of(Region.US_EAST_1);
    private static final Map<String, Entry> MODELS = Map.of(
            "qwen3-asr-flash", new Entry(ModelFamily.FLASH, INTERNATIONAL_AND_BEIJING),
            "qwen3-asr-flash-2025-09-08", new Entry(ModelFamily.FLASH, INTERNATIONAL_AND_BEIJING),
            "qwen3-asr-flash-2026-02-10", new Entry(ModelFamily.FLASH, INTERNATIONAL_AND_BEIJING),
            "qwen3-asr-flash-us", new Entry(ModelFamily.FLASH, US),
            "qwen3-asr-flash-2025-09-08-us", new Entry(ModelFamily.FLASH, US),
            "qwen3-asr-flash-filetrans", new Entry(ModelFamily.FILETRANS, INTERNATIONAL_AND_BEIJING),
            "qwen3-asr-flash-filetrans-2025-11-17", new Entry(ModelFamily.FILETRANS, INTERNATIONAL_AND_BEIJING));

    private ModelCatalog() {
    }

    /**
     * Checks that {@code model} exists in {@code region} and belongs to {@code family}.
     * Unknown, or not served in this region: 404 ModelNotFound (section 7.2). Served, but by another endpoint:
     * [I] 400 InvalidParameter "url error, please check url!" (DashScope's answer to a model sent to the wrong API).
     */
    static void require(final String model, final Region region, final ModelFamily family) throws ApiError {
        final Entry entry = MODELS.get(model);
        if (entry == null || !entry.regions().contains(region)) {
            throw ApiError.modelNotFound(model);
        }
        if (entry.family() != family) {
            throw ApiError.invalidParameter("url error, please check url! Model " + model + " is not supported by this API.");
        }
    }

    /** The family of a model served in this region, for the upload policy (any family may upload). */
    static ModelFamily familyIn(final String model, final Region region) throws ApiError {
        final Entry entry = MODELS.get(model);
        if (entry == null || !entry.regions().contains(region)) {
            throw ApiError.modelNotFound(model);
        }
        return entry.family();
    }

    private record Entry(ModelFamily family, Set<Region> regions) {
    }
}
