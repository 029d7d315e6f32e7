/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

/**
 * What a recorded request was addressed to. API port: the DashScope endpoints (FLASH to UPLOAD_POLICY) and the
 * vLLM OpenAI-compatible server of a self-hosted Qwen3-ASR (VLLM_*); storage port: OSS_UPLOAD, TRANSCRIPT, AUDIO_FILE.
 */
public enum Endpoint {
    FLASH("POST"),
    COMPAT_CHAT("POST"),
    SUBMIT("POST"),
    TASK_QUERY("GET"),
    TASK_CANCEL("POST"),
    UPLOAD_POLICY("GET"),
    VLLM_CHAT("POST"),
    VLLM_TRANSCRIPTION("POST"),
    VLLM_MODELS("GET"),
    OSS_UPLOAD("POST"),
    TRANSCRIPT("GET"),
    AUDIO_FILE("GET"),
    UNKNOWN(null);

    private final String method;

    Endpoint(final String method) {
        this.method = method;
    }

    /** The one HTTP method the endpoint answers; null for UNKNOWN. */
    String method() {
        return method;
    }

    /** Model calls share the requests-per-minute quota (dashscope-api.md section 8.2: 100 RPM per model). */
    boolean isModelCall() {
        return this == FLASH || this == COMPAT_CHAT || this == SUBMIT;
    }

    /** Served by the simulated vLLM server (a self-hosted model: no DashScope keys, regions or quotas). */
    boolean isVllm() {
        return this == VLLM_CHAT || this == VLLM_TRANSCRIPTION || this == VLLM_MODELS;
    }

    /** Answers with an event stream when the request asks for one, so a fault may cut it short. */
    boolean canStream() {
        return this == FLASH || this == COMPAT_CHAT || this == VLLM_CHAT;
    }
}
