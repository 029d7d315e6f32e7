/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import java.util.List;

/** Which endpoint a path addresses (dashscope-api.md section 1.2 on the API port; OSS-style paths on the storage port). */
final class Routes {
    static final String FLASH_PATH = "/api/v1/services/aigc/multimodal-generation/generation";
    static final String COMPAT_PATH = "/compatible-mode/v1/chat/completions";
    static final String SUBMIT_PATH = "/api/v1/services/audio/asr/transcription";
    static final String UPLOADS_PATH = "/api/v1/uploads";
    /** vLLM's OpenAI-compatible server (vllm/entrypoints/openai): the routes a Qwen3-ASR deployment serves. */
    static final String VLLM_PREFIX = "/v1/";
    static final String VLLM_CHAT_PATH = "/v1/chat/completions";
    static final String VLLM_TRANSCRIPTION_PATH = "/v1/audio/transcriptions";
    static final String VLLM_MODELS_PATH = "/v1/models";
    static final String ADMIN_PREFIX = "/__sim/";

    private Routes() {
    }

    static Endpoint api(final String path, final List<String> segments) {
        return switch (path) {
            case FLASH_PATH -> Endpoint.FLASH;
            case COMPAT_PATH -> Endpoint.COMPAT_CHAT;
            case SUBMIT_PATH -> Endpoint.SUBMIT;
            case UPLOADS_PATH -> Endpoint.UPLOAD_POLICY;
            case VLLM_CHAT_PATH -> Endpoint.VLLM_CHAT;
            case VLLM_TRANSCRIPTION_PATH -> Endpoint.VLLM_TRANSCRIPTION;
            case VLLM_MODELS_PATH -> Endpoint.VLLM_MODELS;
            default -> task(segments);
        };
    }

    static Endpoint storage(final String path) {
        if ("/".equals(path)) {
            return Endpoint.OSS_UPLOAD;
        }
        if (path.startsWith(TranscriptUrls.PREFIX)) {
            return Endpoint.TRANSCRIPT;
        }
        return path.startsWith("/files/") && path.length() > "/files/".length() ? Endpoint.AUDIO_FILE : Endpoint.UNKNOWN;
    }

    private static Endpoint task(final List<String> segments) {
        final boolean tasks = segments.size() >= 4 && "api".equals(segments.get(0)) && "v1".equals(segments.get(1))
                && "tasks".equals(segments.get(2));
        if (tasks && segments.size() == 4) {
            return Endpoint.TASK_QUERY;
        }
        return tasks && segments.size() == 5 && "cancel".equals(segments.get(4)) ? Endpoint.TASK_CANCEL : Endpoint.UNKNOWN;
    }
}
