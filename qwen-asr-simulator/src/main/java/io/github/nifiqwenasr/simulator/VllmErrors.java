/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

/**
 * The errors of vLLM's OpenAI-compatible server, as {@link ApiError}s whose code is vLLM's error {@code type}
 * (rendered by {@link ErrorStyle#VLLM}).
 */
final class VllmErrors {
    private static final String UNAUTHORIZED = "Unauthorized";

    private VllmErrors() {
    }

    /** A request the server understood but refuses (vllm/entrypoints/utils.py: ValueError and VLLMValidationError). */
    static ApiError badRequest(final String message) {
        return new ApiError(400, "BadRequestError", "BadRequestError", message);
    }

    /**
     * A body that does not match the request schema: FastAPI's RequestValidationError, answered 400 with type
     * "Bad Request" (vllm/entrypoints/openai/server_utils.py validation_exception_handler).
     */
    static ApiError invalidRequest(final String message) {
        return new ApiError(400, "Bad Request", "Bad Request", message);
    }

    /** vllm/entrypoints/openai/engine/serving.py _check_model: a model name the server does not serve. */
    static ApiError modelNotFound(final String model) {
        return new ApiError(404, "NotFoundError", "NotFoundError", "The model `" + model + "` does not exist.");
    }

    static ApiError unauthorized() {
        return new ApiError(401, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED);
    }

    static boolean isUnauthorized(final ApiError error) {
        return error.status() == 401 && UNAUTHORIZED.equals(error.code());
    }
}
