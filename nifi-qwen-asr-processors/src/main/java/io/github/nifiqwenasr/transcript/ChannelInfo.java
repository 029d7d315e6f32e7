/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

/**
 * What the first pass learned about one channel of {@code transcripts}.
 *
 * @param index its position in {@code transcripts}
 * @param id its {@code channel_id}, the audio track it transcribes
 * @param hasText whether it has a {@code text} string
 * @param offset the position of its opening brace in the document, in bytes
 */
record ChannelInfo(int index, int id, boolean hasText, long offset) {
}
