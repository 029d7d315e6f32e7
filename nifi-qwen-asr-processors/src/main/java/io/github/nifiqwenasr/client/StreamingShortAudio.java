/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import io.github.nifiqwenasr.api.ShortAudioRequest;
import okhttp3.HttpUrl;

/** A {@link ShortAudioProtocol} that can also answer with an event stream. */
interface StreamingShortAudio extends ShortAudioProtocol {

    /** A fresh assembler for the events of one streamed answer from {@code url}. */
    StreamedAnswer streamedAnswer(ShortAudioRequest request, HttpUrl url);
}
