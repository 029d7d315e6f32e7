/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;

/** The served model names of the simulated vLLM server: {@code GET /v1/models} and the model check of each request. */
final class VllmModels implements EndpointHandler {
    /** [I] Qwen3-ASR's max_model_len as vLLM reports it. */
    private static final int MAX_MODEL_LEN = 65536;

    private final SimulatorSettings settings;

    VllmModels(final SimulatorSettings settings) {
        this.settings = settings;
    }

    /**
     * vllm/entrypoints/openai/engine/serving.py _check_model: no model means the first served name; a name the server
     * does not serve is 404 "The model `x` does not exist.".
     */
    static String check(final String model, final SimulatorSettings settings) throws ApiError {
        if (model == null) {
            return settings.vllmServedModelNames().getFirst();
        }
        if (!settings.vllmServedModelNames().contains(model)) {
            throw VllmErrors.modelNotFound(model);
        }
        return model;
    }

    /** vllm/entrypoints/openai/models: {"object":"list","data":[ModelCard...]}. */
    @Override
    public void handle(final Call call) throws IOException {
        final ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("object", "list");
        final ArrayNode data = answer.putArray("data");
        final String root = settings.vllmServedModelNames().getFirst();
        for (final String name : settings.vllmServedModelNames()) {
            data.addObject().put("id", name).put("object", "model").put("created", Instant.now().getEpochSecond())
                    .put("owned_by", "vllm").put("root", root).putNull("parent").put("max_model_len", MAX_MODEL_LEN);
        }
        call.exchange().respond(200, ErrorStyle.JSON, Json.MAPPER.writeValueAsBytes(answer));
    }
}
