/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.ShortAudioResult;

/** Builds the transcript of one streamed answer from its events, in order. */
interface StreamedAnswer {

    /**
     * Takes the next event.
     *
     * @return true when the answer is complete and no further event needs to be read
     * @throws AsrException when the event reports an error, classified like the same error without streaming
     */
    boolean accept(SseEvent event) throws AsrException;

    /**
     * The transcript once the stream has ended.
     *
     * @throws AsrException when the stream ended before the answer was complete
     */
    ShortAudioResult result() throws AsrException;
}
