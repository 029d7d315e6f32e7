/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.api;

import java.util.List;

/**
 * An asynchronous file transcription (up to 12 hours / 2 GB).
 *
 * @param fileUrl an http, https or {@code oss://} URL the service downloads
 * @param channels audio track indexes to transcribe; each is billed
 * @param language one language code, or null to let the service detect it
 */
public record TranscriptionTaskRequest(String model, String fileUrl, List<Integer> channels, boolean enableItn,
                                       boolean enableWords, String language) {
}
