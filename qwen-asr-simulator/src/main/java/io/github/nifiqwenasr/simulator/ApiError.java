/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

/**
 * An answer other than success, rendered in the envelope of the endpoint that produced it ({@link ErrorStyle}).
 * {@code compatCode} is the code used in the OpenAI-compatible envelope (dashscope-api.md section 4.4).
 */
final class ApiError extends Exception {
    private final int status;
    private final String code;
    private final String compatCode;

    ApiError(final int status, final String code, final String compatCode, final String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.compatCode = compatCode;
    }

    /** The same code in every envelope (faults injected by tests). */
    static ApiError verbatim(final int status, final String code, final String message) {
        return new ApiError(status, code, code, message);
    }

    /** 400 InvalidParameter (section 7.2); compat: invalid_parameter_error. */
    static ApiError invalidParameter(final String message) {
        return new ApiError(400, "InvalidParameter", "invalid_parameter_error", message);
    }

    static ApiError badRequest(final String code, final String message) {
        return new ApiError(400, code, "invalid_parameter_error", message);
    }

    /** 401 InvalidApiKey; the compat envelope carries OpenAI's invalid_api_key with DashScope's live message (section 4.4). */
    static ApiError invalidApiKey() {
        return new ApiError(401, "InvalidApiKey", "invalid_api_key", "Invalid API-key provided.");
    }

    static ApiError modelNotFound(final String model) {
        return new ApiError(404, "ModelNotFound", "model_not_found", "Model not exist: " + model + ". Model can not be found.");
    }

    static ApiError throttled() {
        return verbatim(429, "Throttling.RateQuota", "Requests rate limit exceeded, please try again later.");
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String compatCode() {
        return compatCode;
    }
}
