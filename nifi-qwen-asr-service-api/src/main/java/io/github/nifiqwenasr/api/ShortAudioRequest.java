/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.api;

/**
 * A synchronous recognition of up to 5 minutes of audio.
 *
 * @param model the model name as the region knows it (see {@link Region#shortAudioModel})
 * @param language one language code, or null to let the service detect it
 * @param context domain text or terms that bias recognition, or null
 */
public record ShortAudioRequest(String model, AudioInput audio, String language, boolean enableItn, String context) {
}
