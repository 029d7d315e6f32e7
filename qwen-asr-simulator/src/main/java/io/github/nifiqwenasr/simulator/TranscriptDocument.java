/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.nifiqwenasr.simulator.audio.AudioDigest;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates the transcript document of a succeeded task (section 5.3) straight onto a stream, deterministically:
 * <ul>
 *   <li>one {@code transcripts[]} entry per requested channel, in request order;</li>
 *   <li>sentences of {@value #SENTENCE_MILLIS} ms ({@code begin_time = k * 5000}, the last one ends at the audio's
 *       duration), {@code sentence_id} from 0; texts by {@link #sentenceText};</li>
 *   <li>{@code language} the requested one, else zh for text with Han characters, else en; {@code emotion} neutral;</li>
 *   <li>{@code words} only with {@code enable_words}: Han characters one word each, otherwise whitespace-separated
 *       words, trailing punctuation moved to {@code punctuation}; times split evenly over the sentence;</li>
 *   <li>the channel {@code text} is the sentence texts joined (no separator for zh, a space otherwise).</li>
 * </ul>
 */
final class TranscriptDocument {
    static final long SENTENCE_MILLIS = 5_000;
    private static final String PUNCTUATION = ".,!?;:。，！？；：、";

    private TranscriptDocument() {
    }

    /**
     * Sentence 0 of channel 0 is the audio's transcript; sentence 0 of channel c > 0 adds " (channel c)"; later
     * sentences have 14 words (about the words per 5 s of real speech, so a 12-hour document with words has the
     * 100,000+ words and tens of MB of a real one).
     */
    static String sentenceText(final String transcript, final int channel, final int sentence) {
        if (sentence == 0) {
            return channel == 0 ? transcript : transcript + " (channel " + channel + ")";
        }
        return "Sentence " + sentence + " of channel " + channel + " is simulated speech with a dozen words in it.";
    }

    static void write(final Task task, final OutputStream out) throws IOException {
        final AudioDigest audio = task.audio();
        final long durationMillis = Math.round(audio.durationSeconds() * 1000);
        final int sentences = (int) Math.max(1, (durationMillis + SENTENCE_MILLIS - 1) / SENTENCE_MILLIS);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("file_url", task.fileUrl());
            json.writeObjectFieldStart("audio_info");
            json.writeStringField("format", audio.format().label());
            json.writeNumberField("sample_rate", audio.sampleRate());
            json.writeEndObject();
            json.writeArrayFieldStart("transcripts");
            for (final int channel : task.channels()) {
                writeChannel(json, task, channel, sentences, durationMillis);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeChannel(final JsonGenerator json, final Task task, final int channel, final int sentences,
            final long durationMillis) throws IOException {
        final String transcript = task.audio().transcript();
        json.writeStartObject();
        json.writeNumberField("channel_id", channel);
        final StringBuilder text = new StringBuilder();
        for (int k = 0; k < sentences; k++) {
            final String sentence = sentenceText(transcript, channel, k);
            if (!text.isEmpty() && !"zh".equals(language(task, sentence))) {
                text.append(' ');
            }
            text.append(sentence);
        }
        json.writeStringField("text", text.toString());
        json.writeArrayFieldStart("sentences");
        for (int k = 0; k < sentences; k++) {
            final String sentence = sentenceText(transcript, channel, k);
            final long begin = k * SENTENCE_MILLIS;
            final long end = Math.min(begin + SENTENCE_MILLIS, Math.max(durationMillis, begin));
            json.writeStartObject();
            json.writeNumberField("sentence_id", k);
            json.writeNumberField("begin_time", begin);
            json.writeNumberField("end_time", end);
            json.writeStringField("language", language(task, sentence));
            json.writeStringField("emotion", Recognition.EMOTION);
            json.writeStringField("text", sentence);
            if (task.enableWords()) {
                writeWords(json, sentence, begin, end);
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeWords(final JsonGenerator json, final String sentence, final long begin, final long end)
            throws IOException {
        final List<String[]> words = words(sentence);
        json.writeArrayFieldStart("words");
        final long span = end - begin;
        for (int i = 0; i < words.size(); i++) {
            json.writeStartObject();
            json.writeNumberField("begin_time", begin + span * i / words.size());
            json.writeNumberField("end_time", begin + span * (i + 1) / words.size());
            json.writeStringField("text", words.get(i)[0]);
            json.writeStringField("punctuation", words.get(i)[1]);
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** Pairs of (text, punctuation). */
    static List<String[]> words(final String sentence) {
        final List<String> tokens = new ArrayList<>();
        if ("zh".equals(Recognition.detectLanguage(sentence))) {
            sentence.codePoints().filter(codePoint -> !Character.isWhitespace(codePoint))
                    .forEach(codePoint -> tokens.add(Character.toString(codePoint)));
        } else {
            for (final String token : sentence.trim().split("\\s+")) {
                if (!token.isEmpty()) {
                    tokens.add(token);
                }
            }
        }
        final List<String[]> words = new ArrayList<>();
        for (final String token : tokens) {
            int cut = token.length();
            while (cut > 0 && PUNCTUATION.indexOf(token.charAt(cut - 1)) >= 0) {
                cut--;
            }
            if (cut == 0 && !words.isEmpty()) {
                final String[] previous = words.getLast();
                previous[1] = previous[1] + token;
            } else {
                words.add(new String[] {token.substring(0, cut), token.substring(cut)});
            }
        }
        return words;
    }

    private static String language(final Task task, final String sentence) {
        return task.language() != null ? task.language() : Recognition.detectLanguage(sentence);
    }
}
