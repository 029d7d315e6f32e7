/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import io.github.nifiqwenasr.api.ShortAudioResult;

/** What the events of a streamed answer have said so far; the first value seen of each field is kept. */
final class TranscriptBuilder {

    private final StringBuilder text = new StringBuilder();
    private String language;
    private String emotion;
    private Long audioSeconds;
    private String requestId;

    void append(final String piece) {
        text.append(piece);
    }

    String text() {
        return text.toString();
    }

    void language(final String value) {
        language = language == null ? value : language;
    }

    void emotion(final String value) {
        emotion = emotion == null ? value : emotion;
    }

    /** Usage comes cumulative (DashScope repeats it on every event): the latest value wins. */
    void audioSeconds(final Long value) {
        audioSeconds = value == null ? audioSeconds : value;
    }

    void requestId(final String value) {
        requestId = requestId == null ? value : requestId;
    }

    /** The transcript as the text was given. */
    ShortAudioResult build() {
        return new ShortAudioResult(text.toString(), language, emotion, audioSeconds, requestId);
    }

    /**
     * The transcript from a Qwen3-ASR model's raw output ({@link Qwen3AsrOutput}): its language prefix removed, the
     * language it names unless one was already given, else {@code fallbackLanguage} (the one the request forced).
     */
    ShortAudioResult buildFromModelOutput(final String output, final String fallbackLanguage) {
        final Qwen3AsrOutput parsed = Qwen3AsrOutput.parse(output);
        language(parsed.language());
        language(fallbackLanguage);
        return new ShortAudioResult(parsed.text(), language, emotion, audioSeconds, requestId);
    }
}
