package io.github.nifiqwenasr.client;

import okhttp3.HttpUrl;

/** A {@link ShortAudioProtocol} that can also answer with an event stream. */
interface StreamingShortAudio extends ShortAudioProtocol {

    /** A fresh assembler for the events of one streamed answer from {@code url}. */
    StreamedAnswer streamedAnswer(ShortAudioRequest request, HttpUrl url);
}
