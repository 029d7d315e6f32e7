/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

/** Which endpoints a model answers on. */
enum ModelFamily {
    /** qwen3-asr-flash: native generation (JSON and SSE) and compatible-mode chat completions. */
    FLASH,
    /** qwen3-asr-flash-filetrans: asynchronous transcription tasks. */
    FILETRANS
}
