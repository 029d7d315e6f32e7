/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a realistic transcript document of any length to a file, streaming: one sentence in memory at a time. Each
 * channel is generated twice from the same seed, once as the channel's {@code text} (streamed through a Reader) and
 * once as its sentences, so the two always agree. Channels are offset in time so that their sentences interleave.
 */
final class TranscriptGenerator {

    enum Script { ENGLISH, CHINESE }

    record Stats(long sentences, long words) {
    }

    private static final String[] ENGLISH = ("so today we are going to talk about how the new data pipeline works and why "
            + "it matters for your team our flow reads records from the queue then writes them to storage with retries "
            + "when a node fails cluster keeps running").split(" ");
    private static final String CHINESE = "今天我们来讨论新的数据管道是如何工作为什么要构建它以及对你团队意味着什么流程从队列读取记录然后写入存储";
    private static final String[] EMOTIONS = {"neutral", "happy", "sad", "surprised"};

    private final int channels;
    private final long durationMillis;
    private final boolean words;
    private final Script script;
    private final long seed;

    TranscriptGenerator(final int channels, final long durationMillis, final boolean words, final Script script, final long seed) {
        this.channels = channels;
        this.durationMillis = durationMillis;
        this.words = words;
        this.script = script;
        this.seed = seed;
    }

    Stats write(final Path path) throws IOException {
        long sentences = 0;
        long wordCount = 0;
        try (JsonGenerator json = TranscriptJson.FACTORY.createGenerator(path.toFile(), JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("file_url", "https://example.com/meeting.wav");
            json.writeObjectFieldStart("audio_info");
            json.writeStringField("format", "wav");
            json.writeNumberField("sample_rate", 16000);
            json.writeEndObject();
            json.writeArrayFieldStart("transcripts");
            for (int channel = 0; channel < channels; channel++) {
                json.writeStartObject();
                json.writeNumberField("channel_id", channel);
                json.writeFieldName("text");
                json.writeString(new ChannelTextReader(new ChannelScript(channel)), -1);
                json.writeArrayFieldStart("sentences");
                final ChannelScript channelScript = new ChannelScript(channel);
                GeneratedSentence sentence;
                while ((sentence = channelScript.next()) != null) {
                    writeSentence(json, sentence);
                    sentences++;
                    wordCount += sentence.words.size();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return new Stats(sentences, wordCount);
    }

    private void writeSentence(final JsonGenerator json, final GeneratedSentence sentence) throws IOException {
        json.writeStartObject();
        json.writeNumberField("sentence_id", sentence.id);
        json.writeNumberField("begin_time", sentence.begin);
        json.writeNumberField("end_time", sentence.end);
        json.writeStringField("language", script == Script.ENGLISH ? "en" : "zh");
        json.writeStringField("emotion", sentence.emotion);
        json.writeStringField("text", sentence.text());
        if (words) {
            json.writeArrayFieldStart("words");
            for (final GeneratedWord word : sentence.words) {
                json.writeStartObject();
                json.writeNumberField("begin_time", word.begin);
                json.writeNumberField("end_time", word.end);
                json.writeStringField("text", word.text);
                json.writeStringField("punctuation", word.punctuation);
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private record GeneratedWord(long begin, long end, String text, String punctuation) {
    }

    private final class GeneratedSentence {
        private final List<GeneratedWord> words = new ArrayList<>();
        private int id;
        private long begin;
        private long end;
        private String emotion;

        String text() {
            final StringBuilder text = new StringBuilder();
            for (final GeneratedWord word : words) {
                if (script == Script.ENGLISH && !text.isEmpty()) {
                    text.append(' ');
                }
                text.append(word.text).append(word.punctuation);
            }
            return text.toString();
        }
    }

    /** The sentences of one channel, the same every time for the same seed and channel. */
    private final class ChannelScript {
        private final Random random;
        private long time;
        private int nextId;

        ChannelScript(final int channel) {
            random = new Random(seed * 31 + channel);
            time = channel * 1_300L;
        }

        GeneratedSentence next() {
            if (time >= durationMillis) {
                return null;
            }
            final GeneratedSentence sentence = new GeneratedSentence();
            sentence.id = nextId++;
            sentence.begin = time;
            sentence.emotion = EMOTIONS[random.nextInt(EMOTIONS.length)];
            final int count = 4 + random.nextInt(22);
            for (int i = 0; i < count; i++) {
                final long wordBegin = time;
                final long wordEnd = wordBegin + (script == Script.ENGLISH ? 180 + random.nextInt(220) : 180 + random.nextInt(150));
                final String text = script == Script.ENGLISH
                        ? ENGLISH[random.nextInt(ENGLISH.length)]
                        : String.valueOf(CHINESE.charAt(random.nextInt(CHINESE.length())));
                sentence.words.add(new GeneratedWord(wordBegin, wordEnd, text, punctuation(i == count - 1)));
                time = wordEnd + random.nextInt(80);
            }
            sentence.end = time;
            time += 200 + random.nextInt(1_000);
            return sentence;
        }

        private String punctuation(final boolean last) {
            if (last) {
                return script == Script.ENGLISH ? "." : "。";
            }
            if (random.nextInt(8) == 0) {
                return script == Script.ENGLISH ? "," : "，";
            }
            return "";
        }
    }

    /** The channel's text, produced sentence by sentence while the generator streams it. */
    private final class ChannelTextReader extends Reader {
        private final ChannelScript sentences;
        private String pending = "";
        private int position;
        private boolean first = true;

        ChannelTextReader(final ChannelScript sentences) {
            this.sentences = sentences;
        }

        @Override
        public int read(final char[] buffer, final int offset, final int length) {
            while (position == pending.length()) {
                final GeneratedSentence sentence = sentences.next();
                if (sentence == null) {
                    return -1;
                }
                final String separator = first || script == Script.CHINESE ? "" : " ";
                pending = separator + sentence.text();
                position = 0;
                first = false;
            }
            final int count = Math.min(length, pending.length() - position);
            pending.getChars(position, position + count, buffer, offset);
            position += count;
            return count;
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
