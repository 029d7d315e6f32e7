/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a channel's {@code sentences}, read completely (its fields may come in any order) and reused from
 * sentence to sentence. Its size is bounded by the longest sentence, not by the document.
 */
final class Sentence {

    static final long ABSENT = -1;

    private final StringBuilder text = new StringBuilder();
    private final List<Word> words = new ArrayList<>();
    private int wordCount;
    private boolean hasWords;
    private int channelId;
    private int sentenceId;
    private long begin;
    private long end;
    private String language;
    private String emotion;

    /** Starts a new sentence; its id defaults to its position in the channel, which is how the service numbers them. */
    void reset(final int channelId, final int position) {
        this.channelId = channelId;
        this.sentenceId = position;
        text.setLength(0);
        wordCount = 0;
        hasWords = false;
        begin = ABSENT;
        end = ABSENT;
        language = null;
        emotion = null;
    }

    Word addWord() {
        if (wordCount == words.size()) {
            words.add(new Word());
        }
        final Word word = words.get(wordCount++);
        word.reset();
        return word;
    }

    Word word(final int index) {
        return words.get(index);
    }

    int wordCount() {
        return wordCount;
    }

    /** Whether the sentence has a {@code words} array (possibly empty): the document was made with word timestamps. */
    boolean hasWords() {
        return hasWords;
    }

    void markHasWords() {
        hasWords = true;
    }

    /** The sentence's {@code text}, or its words joined when the document has no text for it. */
    StringBuilder text() {
        return text;
    }

    int channelId() {
        return channelId;
    }

    int sentenceId() {
        return sentenceId;
    }

    void setSentenceId(final int sentenceId) {
        this.sentenceId = sentenceId;
    }

    long begin() {
        return begin;
    }

    void setBegin(final long begin) {
        this.begin = begin;
    }

    long end() {
        return end;
    }

    void setEnd(final long end) {
        this.end = end;
    }

    String language() {
        return language;
    }

    void setLanguage(final String language) {
        this.language = language;
    }

    String emotion() {
        return emotion;
    }

    void setEmotion(final String emotion) {
        this.emotion = emotion;
    }
}
