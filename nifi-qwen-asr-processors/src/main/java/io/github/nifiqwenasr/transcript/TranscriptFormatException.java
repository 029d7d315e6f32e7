/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

/**
 * The document cannot be converted because converting it would give a wrong result: it is not UTF-8, not JSON,
 * truncated, has no {@code transcripts}, or a value that the output depends on is missing or impossible. The message
 * says where (JSON path and channel) and what is wrong, in terms a NiFi user can act on.
 */
public class TranscriptFormatException extends Exception {

    public TranscriptFormatException(final String message) {
        super(message);
    }

    public TranscriptFormatException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
