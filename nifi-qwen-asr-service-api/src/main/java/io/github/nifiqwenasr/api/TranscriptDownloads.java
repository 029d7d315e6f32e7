/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.api;

/** Downloads of finished transcripts from their pre-signed URLs, which carry their own signature and get no key. */
public interface TranscriptDownloads {

    /** Opens the transcript for reading; reading more than {@code maxBytes} fails. Close what it returns. */
    TranscriptDownload open(String url, long maxBytes) throws AsrException;
}
