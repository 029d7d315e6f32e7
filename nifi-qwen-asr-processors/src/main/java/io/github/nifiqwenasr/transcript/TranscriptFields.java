/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

/** Field names of the transcript document; the sentence records use the same names. */
final class TranscriptFields {

    static final String TRANSCRIPTS = "transcripts";
    static final String CHANNEL_ID = "channel_id";
    static final String SENTENCES = "sentences";
    static final String SENTENCE_ID = "sentence_id";
    static final String BEGIN_TIME = "begin_time";
    static final String END_TIME = "end_time";
    static final String TEXT = "text";
    static final String LANGUAGE = "language";
    static final String EMOTION = "emotion";
    static final String WORDS = "words";
    static final String PUNCTUATION = "punctuation";

    private TranscriptFields() {
    }
}
