/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import java.util.List;

/**
 * What the first pass over a document learned, so that the second pass can write without looking ahead.
 *
 * @param channels the channels in document order
 * @param wordTimestamps whether any sentence has {@code words}
 * @param language the {@code language} of the first sentence, or null
 */
record TranscriptLayout(List<ChannelInfo> channels, boolean wordTimestamps, String language) {
}
