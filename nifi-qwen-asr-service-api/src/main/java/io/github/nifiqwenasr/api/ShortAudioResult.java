/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.api;

/**
 * What the service recognised.
 *
 * @param language detected (or requested) language code, null when the service did not say
 * @param emotion detected emotion, null when the service did not say
 * @param audioSeconds billed audio duration, null when the service did not say
 */
public record ShortAudioResult(String text, String language, String emotion, Long audioSeconds, String requestId) {
}
