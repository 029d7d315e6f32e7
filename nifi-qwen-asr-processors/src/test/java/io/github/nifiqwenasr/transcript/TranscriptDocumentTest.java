/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.ThreadMXBean;
import io.github.nifiqwenasr.api.StreamSource;
import io.github.nifiqwenasr.testing.SrtParser;
import io.github.nifiqwenasr.testing.WebVttParser;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;
import org.apache.nifi.serialization.record.type.ArrayDataType;
import org.apache.nifi.serialization.record.type.RecordDataType;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TranscriptDocumentTest {

    /** The example of the API reference: one channel, Chinese, with word timestamps, among fields the engine ignores. */
    private static final String CHINESE_WITH_WORDS = """
            {
              "file_url": "https://example.com/welcome.mp3",
              "properties": {"audio_format": "mp3", "channels": [0], "original_duration_in_milliseconds": 1440},
              "audio_info": {"format": "mp3", "sample_rate": 22050},
              "transcripts": [
                {
                  "channel_id": 0,
                  "text": "欢迎使用阿里云。",
                  "sentences": [
                    {
                      "sentence_id": 0,
                      "begin_time": 0,
                      "end_time": 1440,
                      "language": "zh",
                      "emotion": "neutral",
                      "text": "欢迎使用阿里云。",
                      "words": [
                        {"begin_time": 0, "end_time": 160, "text": "欢", "punctuation": ""},
                        {"begin_time": 160, "end_time": 320, "text": "迎", "punctuation": ""},
                        {"begin_time": 320, "end_time": 640, "text": "使", "punctuation": ""},
                        {"begin_time": 640, "end_time": 720, "text": "用", "punctuation": ""},
                        {"begin_time": 880, "end_time": 960, "text": "阿", "punctuation": ""},
                        {"begin_time": 1040, "end_time": 1120, "text": "里", "punctuation": ""},
                        {"begin_time": 1120, "end_time": 1440, "text": "云", "punctuation": "。"}
                      ]
                    }
                  ]
                }
              ]
            }""";

    /**
     * Two English channels without word timestamps whose sentences interleave in time. Channel 1 has no text, its
     * fields in another order, sentences without ids, language or emotion, and unknown fields.
     */
    private static final String ENGLISH_TWO_CHANNELS = """
            {
              "transcripts": [
                {
                  "channel_id": 0,
                  "text": "Hello, thanks for calling. Sure, one moment.",
                  "sentences": [
                    {"sentence_id": 0, "begin_time": 0, "end_time": 2000, "language": "en", "emotion": "happy",
                     "text": "Hello, thanks for calling."},
                    {"sentence_id": 1, "begin_time": 5000, "end_time": 7000, "language": "en", "emotion": "neutral",
                     "text": "Sure, one moment."}
                  ]
                },
                {
                  "sentences": [
                    {"text": "Hi, I have a question.", "end_time": 4000, "begin_time": 2500, "language": null},
                    {"begin_time": 5000, "end_time": 9000, "text": "It is about my invoice.", "extra": {"nested": [1, [2]]}}
                  ],
                  "speaker": "caller",
                  "channel_id": 1
                }
              ]
            }""";

    private static final String LONG_ENGLISH = "So today we are going to talk about how the new data pipeline works, "
            + "why we built it, and what it means for your team.";

    private static final String LONG_CHINESE = "今天我们来讨论新的数据管道是如何工作的，为什么要构建它，以及它对你的团队意味着什么。";

    /** One long English sentence with word timestamps, one word every 300 ms from 10 s; no channel text. */
    private static final String ENGLISH_LONG_SENTENCE = """
            {"transcripts": [{"channel_id": 0, "sentences": [
              {"sentence_id": 0, "begin_time": 10000, "end_time": 17500, "language": "en", "emotion": "neutral",
               "text": "%s", "words": %s}
            ]}]}""".formatted(LONG_ENGLISH, words(LONG_ENGLISH, 10_000, 300));

    /** One long Chinese sentence with word timestamps, one character every 250 ms from 20 s. */
    private static final String CHINESE_LONG_SENTENCE = """
            {"transcripts": [{"channel_id": 0, "text": "%s", "sentences": [
              {"sentence_id": 0, "begin_time": 20000, "end_time": 29800, "text": "%s", "words": %s}
            ]}]}""".formatted(LONG_CHINESE, LONG_CHINESE, words(LONG_CHINESE, 20_000, 250));

    /** The long English sentence on channel 0 and a short answer on channel 1 that starts between its two cues. */
    private static final String TWO_CHANNELS_WITH_WORDS = """
            {"transcripts": [
              {"channel_id": 0, "sentences": [
                {"begin_time": 10000, "end_time": 17500, "text": "%s", "words": %s}
              ]},
              {"channel_id": 1, "sentences": [
                {"begin_time": 12000, "end_time": 12600, "text": "Right.", "words": %s}
              ]}
            ]}""".formatted(LONG_ENGLISH, words(LONG_ENGLISH, 10_000, 300), words("Right.", 12_000, 300));

    private static final String LONG_TIMES = """
            {"transcripts": [{"channel_id": 0, "sentences": [
              {"begin_time": 3599999, "end_time": 3600000, "text": "Just before one hour."},
              {"begin_time": 36000000, "end_time": 36001500, "text": "Ten hours in."},
              {"begin_time": 360000000, "end_time": 360002000, "text": "One hundred hours."}
            ]}]}""";

    private static final String EMPTY = """
            {"transcripts": []}""";

    private static final String SILENT_CHANNEL = """
            {"transcripts": [{"channel_id": 0, "text": "", "sentences": []}]}""";

    @Nested
    class Scan {

        @Test
        void reportsTheLanguageOfTheFirstSentence() throws Exception {
            assertEquals(Optional.of("zh"), scan(CHINESE_WITH_WORDS).getLanguage());
            assertEquals(Optional.of("en"), scan(ENGLISH_TWO_CHANNELS).getLanguage());
            assertEquals(Optional.empty(), scan(EMPTY).getLanguage());
        }

        @Test
        void reportsWordTimestamps() throws Exception {
            assertTrue(scan(CHINESE_WITH_WORDS).hasWordTimestamps());
            assertFalse(scan(ENGLISH_TWO_CHANNELS).hasWordTimestamps());
        }

        @Test
        void validatesEveryDocumentThatConverts() throws Exception {
            for (final String document : List.of(CHINESE_WITH_WORDS, ENGLISH_TWO_CHANNELS, ENGLISH_LONG_SENTENCE,
                    CHINESE_LONG_SENTENCE, TWO_CHANNELS_WITH_WORDS, LONG_TIMES, EMPTY, SILENT_CHANNEL)) {
                scan(document).validate();
            }
        }
    }

    @Nested
    class Text {

        @Test
        void writesTheChannelText() throws Exception {
            assertEquals("欢迎使用阿里云。", text(CHINESE_WITH_WORDS));
            assertEquals(LONG_CHINESE, text(CHINESE_LONG_SENTENCE));
        }

        @Test
        void separatesChannelsByABlankLineAndJoinsSentencesWhenAChannelHasNoText() throws Exception {
            assertEquals("""
                    Hello, thanks for calling. Sure, one moment.

                    Hi, I have a question. It is about my invoice.""", text(ENGLISH_TWO_CHANNELS));
        }

        @Test
        void joinsChineseSentencesWithoutSpaces() throws Exception {
            assertEquals("欢迎使用阿里云。请问有什么可以帮您？", text("""
                    {"transcripts": [{"channel_id": 0, "sentences": [
                      {"begin_time": 0, "end_time": 1440, "text": "欢迎使用阿里云。"},
                      {"begin_time": 1500, "end_time": 3000, "text": "请问有什么可以帮您？"}
                    ]}]}"""));
        }

        @Test
        void joinsWordsWhenASentenceHasNoText() throws Exception {
            assertEquals("Hello world.你好。", text("""
                    {"transcripts": [{"channel_id": 0, "sentences": [
                      {"begin_time": 0, "end_time": 900, "words": [
                        {"begin_time": 0, "end_time": 400, "text": "Hello", "punctuation": ""},
                        {"begin_time": 500, "end_time": 900, "text": "world", "punctuation": "."}]},
                      {"begin_time": 1000, "end_time": 1400, "words": [
                        {"begin_time": 1000, "end_time": 1200, "text": "你"},
                        {"begin_time": 1200, "end_time": 1400, "text": "好", "punctuation": "。"}]}
                    ]}]}"""));
        }

        @Test
        void usesTheChannelTextAlsoWhenItComesAfterTheSentences() throws Exception {
            assertEquals("The channel's own text.", text("""
                    {"transcripts": [{"channel_id": 0,
                      "sentences": [{"begin_time": 0, "end_time": 10, "text": "Sentence text."}],
                      "text": "The channel's own text."}]}"""));
        }

        @Test
        void keepsAnEmptyBlockForASilentChannel() throws Exception {
            assertEquals("\n\nsecond", text("""
                    {"transcripts": [{"channel_id": 0, "sentences": []}, {"channel_id": 1, "text": "second"}]}"""));
            assertEquals("", text(EMPTY));
        }
    }

    @Nested
    class Subtitles {

        @Test
        void writesAShortChineseSentenceAsOneCue() throws Exception {
            assertEquals("""
                    1
                    00:00:00,000 --> 00:00:01,440
                    欢迎使用阿里云。

                    """, srt(CHINESE_WITH_WORDS));
            assertEquals("""
                    WEBVTT

                    00:00:00.000 --> 00:00:01.440
                    欢迎使用阿里云。

                    """, vtt(CHINESE_WITH_WORDS));
        }

        @Test
        void mergesChannelsByStartTimeWithLabels() throws Exception {
            assertEquals("""
                    1
                    00:00:00,000 --> 00:00:02,000
                    [Channel 0] Hello, thanks for calling.

                    2
                    00:00:02,500 --> 00:00:04,000
                    [Channel 1] Hi, I have a question.

                    3
                    00:00:05,000 --> 00:00:07,000
                    [Channel 0] Sure, one moment.

                    4
                    00:00:05,000 --> 00:00:09,000
                    [Channel 1] It is about my invoice.

                    """, srt(ENGLISH_TWO_CHANNELS));
            assertEquals("""
                    WEBVTT

                    00:00:00.000 --> 00:00:02.000
                    <v Channel 0>Hello, thanks for calling.</v>

                    00:00:02.500 --> 00:00:04.000
                    <v Channel 1>Hi, I have a question.</v>

                    00:00:05.000 --> 00:00:07.000
                    <v Channel 0>Sure, one moment.</v>

                    00:00:05.000 --> 00:00:09.000
                    <v Channel 1>It is about my invoice.</v>

                    """, vtt(ENGLISH_TWO_CHANNELS));
        }

        @Test
        void splitsALongEnglishSentenceAtPunctuation() throws Exception {
            assertEquals("""
                    1
                    00:00:10,000 --> 00:00:14,150
                    So today we are going to talk about
                    how the new data pipeline works,

                    2
                    00:00:14,200 --> 00:00:17,500
                    why we built it, and what
                    it means for your team.

                    """, srt(ENGLISH_LONG_SENTENCE));
            assertEquals("""
                    WEBVTT

                    00:00:10.000 --> 00:00:14.150
                    So today we are going to talk about
                    how the new data pipeline works,

                    00:00:14.200 --> 00:00:17.500
                    why we built it, and what
                    it means for your team.

                    """, vtt(ENGLISH_LONG_SENTENCE));
        }

        @Test
        void splitsALongChineseSentenceAtPunctuationAndSevenSeconds() throws Exception {
            assertEquals("""
                    1
                    00:00:20,000 --> 00:00:26,450
                    今天我们来讨论新的数据管道是
                    如何工作的，为什么要构建它，

                    2
                    00:00:26,500 --> 00:00:29,800
                    以及它对你的团队意味着什么。

                    """, srt(CHINESE_LONG_SENTENCE));
        }

        @Test
        void ordersSplitCuesOfAllChannelsByTheirOwnStart() throws Exception {
            assertEquals("""
                    1
                    00:00:10,000 --> 00:00:14,150
                    [Channel 0] So today we are going to talk
                    about how the new data pipeline works,

                    2
                    00:00:12,000 --> 00:00:12,600
                    [Channel 1] Right.

                    3
                    00:00:14,200 --> 00:00:17,500
                    [Channel 0] why we built it,
                    and what it means for your team.

                    """, srt(TWO_CHANNELS_WITH_WORDS));
            assertEquals("""
                    WEBVTT

                    00:00:10.000 --> 00:00:14.150
                    <v Channel 0>So today we are going to talk about
                    how the new data pipeline works,</v>

                    00:00:12.000 --> 00:00:12.600
                    <v Channel 1>Right.</v>

                    00:00:14.200 --> 00:00:17.500
                    <v Channel 0>why we built it, and what
                    it means for your team.</v>

                    """, vtt(TWO_CHANNELS_WITH_WORDS));
        }

        @Test
        void keepsALongSentenceWithoutWordsInOneCue() throws Exception {
            final String sentence = "This sentence has no word timestamps, so however long it is, and it is long, it stays one cue.";

            assertEquals("""
                    1
                    00:00:00,000 --> 00:00:30,000
                    %s

                    """.formatted(sentence), srt("""
                    {"transcripts": [{"channel_id": 0, "sentences": [{"begin_time": 0, "end_time": 30000, "text": "%s"}]}]}"""
                    .formatted(sentence)));
        }

        @Test
        void writesHoursBeyondTen() throws Exception {
            assertEquals("""
                    1
                    00:59:59,999 --> 01:00:00,000
                    Just before one hour.

                    2
                    10:00:00,000 --> 10:00:01,500
                    Ten hours in.

                    3
                    100:00:00,000 --> 100:00:02,000
                    One hundred hours.

                    """, srt(LONG_TIMES));
            assertEquals("""
                    WEBVTT

                    00:59:59.999 --> 01:00:00.000
                    Just before one hour.

                    10:00:00.000 --> 10:00:01.500
                    Ten hours in.

                    100:00:00.000 --> 100:00:02.000
                    One hundred hours.

                    """, vtt(LONG_TIMES));
        }

        @Test
        void escapesMarkupInWebVtt() throws Exception {
            final String document = """
                    {"transcripts": [{"channel_id": 0, "sentences": [{"begin_time": 0, "end_time": 900, "text": "Tom & Jerry <3 -->"}]}]}""";

            assertEquals("WEBVTT\n\n00:00:00.000 --> 00:00:00.900\nTom &amp; Jerry &lt;3 --&gt;\n\n", vtt(document));
            assertEquals("1\n00:00:00,000 --> 00:00:00,900\nTom & Jerry <3 -->\n\n", srt(document));
        }

        @Test
        void writesNoCuesForSilence() throws Exception {
            assertEquals("", srt(EMPTY));
            assertEquals("", srt(SILENT_CHANNEL));
            assertEquals("WEBVTT\n\n", vtt(SILENT_CHANNEL));
            assertEquals("", srt("""
                    {"transcripts": [{"channel_id": 0, "sentences": [{"begin_time": 0, "end_time": 900, "text": " \\n "}]}]}"""));
        }

        @Test
        void countsTheCuesWritten() throws Exception {
            assertEquals(3, scan(TWO_CHANNELS_WITH_WORDS).writeSubtitles(SubtitleFormat.SRT, new ByteArrayOutputStream()));
        }

        @ParameterizedTest
        @EnumSource(SubtitleFormat.class)
        void writesValidFilesForGeneratedDocuments(final SubtitleFormat format) throws Exception {
            for (final TranscriptGenerator.Script script : TranscriptGenerator.Script.values()) {
                for (final int channels : new int[] {1, 3}) {
                    for (final boolean words : new boolean[] {true, false}) {
                        final byte[] document = generate(channels, 30 * 60_000, words, script);
                        final String subtitles = convert(document, Conversion.forFormat(format));
                        final long cues = format == SubtitleFormat.SRT ? SrtParser.parse(subtitles).size() : WebVttParser.parse(subtitles).size();
                        assertTrue(cues > 100 * channels, () -> script + ", " + channels + " channels, words " + words + ": only " + cues + " cues");
                    }
                }
            }
        }
    }

    @Nested
    class Records {

        @Test
        void describesTheSchema() throws Exception {
            final RecordSchema withWords = scan(CHINESE_WITH_WORDS).getRecordSchema();
            final RecordSchema withoutWords = scan(ENGLISH_TWO_CHANNELS).getRecordSchema();

            assertEquals(List.of("channel_id", "sentence_id", "begin_time", "end_time", "text", "language", "emotion"),
                    withoutWords.getFieldNames());
            assertEquals(List.of(RecordFieldType.INT, RecordFieldType.INT, RecordFieldType.LONG, RecordFieldType.LONG,
                    RecordFieldType.STRING, RecordFieldType.STRING, RecordFieldType.STRING),
                    withoutWords.getFields().stream().map(field -> field.getDataType().getFieldType()).toList());
            assertEquals(List.of(false, false, false, false, false, true, true),
                    withoutWords.getFields().stream().map(RecordField::isNullable).toList());
            final RecordField words = withWords.getField("words").orElseThrow();
            final RecordDataType word = (RecordDataType) ((ArrayDataType) words.getDataType()).getElementType();
            assertEquals(List.of("begin_time", "end_time", "text", "punctuation"), word.getChildSchema().getFieldNames());
            assertTrue(words.isNullable());
        }

        @Test
        void writesOneRecordPerSentenceWithWordsThroughTheJsonWriter() throws Exception {
            final List<Record> records = readBack(CHINESE_WITH_WORDS);

            assertEquals(1, records.size());
            final Record sentence = records.getFirst();
            assertEquals(0, sentence.getAsInt("channel_id"));
            assertEquals(0, sentence.getAsInt("sentence_id"));
            assertEquals(0L, sentence.getAsLong("begin_time"));
            assertEquals(1_440L, sentence.getAsLong("end_time"));
            assertEquals("欢迎使用阿里云。", sentence.getAsString("text"));
            assertEquals("zh", sentence.getAsString("language"));
            assertEquals("neutral", sentence.getAsString("emotion"));
            final Object[] words = sentence.getAsArray("words");
            assertEquals(7, words.length);
            final Record last = (Record) words[6];
            assertEquals(1_120L, last.getAsLong("begin_time"));
            assertEquals(1_440L, last.getAsLong("end_time"));
            assertEquals("云", last.getAsString("text"));
            assertEquals("。", last.getAsString("punctuation"));
            assertEquals("", ((Record) words[0]).getAsString("punctuation"));
        }

        @Test
        void writesRecordsOfAllChannelsInDocumentOrder() throws Exception {
            final List<Record> records = readBack(ENGLISH_TWO_CHANNELS);

            assertEquals(List.of("0/0 0-2000 en happy Hello, thanks for calling.",
                            "0/1 5000-7000 en neutral Sure, one moment.",
                            "1/0 2500-4000 null null Hi, I have a question.",
                            "1/1 5000-9000 null null It is about my invoice."),
                    records.stream().map(record -> record.getAsInt("channel_id") + "/" + record.getAsInt("sentence_id") + " "
                            + record.getAsLong("begin_time") + "-" + record.getAsLong("end_time") + " "
                            + record.getValue("language") + " " + record.getValue("emotion") + " " + record.getAsString("text")).toList());
            assertNull(records.getFirst().getValue("words"));
        }

        @Test
        void returnsTheCountAndCompletesTheRecordSet() throws Exception {
            final List<Record> records = new ArrayList<>();
            final CollectingRecordSetWriter writer = new CollectingRecordSetWriter(records::add);

            final int count = scan(ENGLISH_TWO_CHANNELS).writeRecords(writer);

            assertEquals(4, count);
            assertEquals(4, records.size());
            assertTrue(writer.isComplete());
        }

        @Test
        void joinsWordsForASentenceWithoutTextAndLeavesWordsNullWhereASentenceHasNone() throws Exception {
            final List<Record> records = new ArrayList<>();
            scan("""
                    {"transcripts": [{"channel_id": 3, "sentences": [
                      {"begin_time": 0, "end_time": 900, "words": [
                        {"begin_time": 0, "end_time": 400, "text": "Hello"},
                        {"begin_time": 500, "end_time": 900, "text": "world", "punctuation": "!"}]},
                      {"sentence_id": 7, "begin_time": 1000, "end_time": 1400, "text": "No words here."}
                    ]}]}""").writeRecords(new CollectingRecordSetWriter(records::add));

            assertEquals("Hello world!", records.get(0).getAsString("text"));
            assertEquals(3, records.get(0).getAsInt("channel_id"));
            assertEquals(0, records.get(0).getAsInt("sentence_id"));
            assertEquals("", ((Record) records.get(0).getAsArray("words")[0]).getAsString("punctuation"));
            assertEquals(7, records.get(1).getAsInt("sentence_id"));
            assertNull(records.get(1).getValue("words"));
        }

        private static List<Record> readBack(final String document) throws Exception {
            final TestRunner runner = TestRunners.newTestRunner(NoOpProcessor.class);
            final JsonRecordSetWriter writerFactory = new JsonRecordSetWriter();
            runner.addControllerService("writer", writerFactory);
            runner.enableControllerService(writerFactory);
            final JsonTreeReader readerFactory = new JsonTreeReader();
            runner.addControllerService("reader", readerFactory);
            runner.enableControllerService(readerFactory);

            final TranscriptDocument transcript = scan(document);
            final RecordSchema schema = writerFactory.getSchema(Map.of(), transcript.getRecordSchema());
            final ByteArrayOutputStream json = new ByteArrayOutputStream();
            final int count;
            try (RecordSetWriter writer = writerFactory.createWriter(runner.getLogger(), schema, json, Map.of())) {
                count = transcript.writeRecords(writer);
                assertEquals("application/json", writer.getMimeType());
            }

            final List<Record> records = new ArrayList<>();
            final byte[] bytes = json.toByteArray();
            try (RecordReader reader = readerFactory.createRecordReader(Map.of(), new ByteArrayInputStream(bytes), bytes.length, runner.getLogger())) {
                Record record;
                while ((record = reader.nextRecord()) != null) {
                    records.add(record);
                }
            }
            assertEquals(count, records.size());
            return records;
        }
    }

    @Nested
    class MalformedInput {

        /** Bytes that mutations put into valid documents: JSON syntax, digits, escapes, and a byte that is not UTF-8. */
        private static final String MUTATIONS = "{}[]:,\"0123456789-.e \\uxtrn\u00e9";

        static Stream<Arguments> malformedDocuments() {
            return Stream.of(
                    Arguments.of("", "Invalid transcript: the document is empty"),
                    Arguments.of("[]", "Invalid transcript: expected a JSON object with a transcripts array, found an array"),
                    Arguments.of("{\"file_url\": \"https://example.com/a.mp3\"}", "the document has no transcripts array"),
                    Arguments.of("{\"transcripts\": {\"channel_id\": 0}}", "at transcripts: expected an array of channels, found an object"),
                    Arguments.of("{\"transcripts\": null}", "at transcripts: expected an array of channels, found null"),
                    Arguments.of("{\"transcripts\": [1]}", "at transcripts[0]: expected a channel object, found the number 1"),
                    Arguments.of("{\"transcripts\": [{\"sentences\": []}]}", "at transcripts[0]: channel_id is missing"),
                    Arguments.of("{\"transcripts\": [{\"channel_id\": \"0\"}]}",
                            "at transcripts[0].channel_id: expected a whole number from 0 to 2147483647, found the string \"0\""),
                    Arguments.of("{\"transcripts\": [{\"channel_id\": -1}]}", "at transcripts[0].channel_id: expected a whole number"),
                    Arguments.of("{\"transcripts\": [{\"channel_id\": 0, \"text\": 5}]}",
                            "at transcripts[0].text (channel 0): expected a string, found the number 5"),
                    Arguments.of("{\"transcripts\": [{\"channel_id\": 0, \"sentences\": {}}]}",
                            "at transcripts[0].sentences (channel 0): expected an array of sentences, found an object"),
                    Arguments.of(sentences("1"), "at transcripts[0].sentences[1] (channel 0): expected a sentence object, found the number 1"),
                    Arguments.of(sentences("{\"end_time\": 10, \"text\": \"a\"}"), "at transcripts[0].sentences[1] (channel 0): begin_time is missing"),
                    Arguments.of(sentences("{\"begin_time\": 10}"), "at transcripts[0].sentences[1] (channel 0): end_time is missing"),
                    Arguments.of(sentences("{\"begin_time\": -5, \"end_time\": 10}"),
                            "at transcripts[0].sentences[1].begin_time (channel 0): a time cannot be negative, found -5"),
                    Arguments.of(sentences("{\"begin_time\": 1000, \"end_time\": 900}"),
                            "at transcripts[0].sentences[1] (channel 0): end_time 900 is before begin_time 1000"),
                    Arguments.of(sentences("{\"begin_time\": \"100\", \"end_time\": 200}"),
                            "at transcripts[0].sentences[1].begin_time (channel 0): expected a whole number of milliseconds, found the string \"100\""),
                    Arguments.of(sentences("{\"begin_time\": 100, \"end_time\": 1.5e3}"),
                            "at transcripts[0].sentences[1].end_time (channel 0): expected a whole number of milliseconds, found the number 1.5e3"),
                    Arguments.of(sentences("{\"begin_time\": null, \"end_time\": 200}"), "expected a whole number of milliseconds, found null"),
                    Arguments.of(sentences("{\"begin_time\": 0, \"end_time\": 123456789012345678901234567890}"),
                            "at transcripts[0].sentences[1].end_time (channel 0): the time 123456789012345678901234567890 ms is too large"),
                    Arguments.of(sentences("{\"begin_time\": 0, \"end_time\": 10, \"sentence_id\": 1.0}"),
                            "at transcripts[0].sentences[1].sentence_id (channel 0): expected a whole number"),
                    Arguments.of(sentences("{\"begin_time\": 0, \"end_time\": 10, \"text\": 5}"),
                            "at transcripts[0].sentences[1].text (channel 0): expected a string, found the number 5"),
                    Arguments.of(sentences("{\"begin_time\": 0, \"end_time\": 10, \"language\": {}}"),
                            "at transcripts[0].sentences[1].language (channel 0): expected a string, found an object"),
                    Arguments.of(sentences("{\"begin_time\": 0, \"end_time\": 10, \"text\": \"a\\ud800b\"}"),
                            "at transcripts[0].sentences[1].text (channel 0): the text contains \\uD800, half of a surrogate pair"),
                    Arguments.of(sentences("{\"begin_time\": 0, \"end_time\": 10, \"words\": \"abc\"}"),
                            "at transcripts[0].sentences[1].words (channel 0): expected an array of words, found the string \"abc\""),
                    Arguments.of(sentences("{\"begin_time\": 0, \"end_time\": 10, \"words\": [[]]}"),
                            "at transcripts[0].sentences[1].words[0] (channel 0): expected a word object, found an array"),
                    Arguments.of(sentences("{\"begin_time\": 0, \"end_time\": 10, \"words\": [{\"begin_time\": 0, \"end_time\": 5},"
                                    + " {\"begin_time\": 5, \"end_time\": 6}, {\"end_time\": 9, \"text\": \"x\"}]}"),
                            "at transcripts[0].sentences[1].words[2] (channel 0): begin_time is missing"),
                    Arguments.of(sentences("{\"begin_time\": 0, \"end_time\": 10, \"words\": [{\"begin_time\": 2, \"end_time\": 1}]}"),
                            "at transcripts[0].sentences[1].words[0] (channel 0): end_time 1 is before begin_time 2"),
                    Arguments.of(sentences("{\"begin_time\": 0, \"end_time\": 10, \"words\": [{\"begin_time\": 0, \"end_time\": -1}]}"),
                            "at transcripts[0].sentences[1].words[0].end_time (channel 0): a time cannot be negative"),
                    Arguments.of(CHINESE_WITH_WORDS.substring(0, CHINESE_WITH_WORDS.indexOf("\"里\"")),
                            "Invalid transcript: the document ends unexpectedly at line"),
                    Arguments.of(EMPTY + " {}", "Invalid transcript: unexpected content after the end of the JSON document, at line 1"),
                    Arguments.of(EMPTY + " x", "Invalid transcript: not valid JSON at line 1, column 21: Unrecognized token 'x'"),
                    Arguments.of("{\"transcripts\": [{\"channel_id\": 0,}]}", "Invalid transcript: not valid JSON at line 1, column 35 (in transcripts[0].channel_id): Unexpected character ('}'"),
                    Arguments.of("{\"deep\": " + "[".repeat(100) + "]".repeat(100) + ", \"transcripts\": []}",
                            "Invalid transcript: the document exceeds a safety limit of the JSON parser: Document nesting depth (65)"));
        }

        @ParameterizedTest
        @MethodSource("malformedDocuments")
        void rejectsWithAMessageNamingThePlace(final String document, final String message) {
            assertRejected(document.getBytes(StandardCharsets.UTF_8), message);
        }

        @ParameterizedTest
        @MethodSource("malformedUtf8")
        void rejectsMalformedUtf8InsteadOfReplacingIt(final byte[] sequence) {
            final String message = "Invalid transcript: the document is not valid UTF-8 text";
            assertRejected(withBytes(sentences("{\"begin_time\": 0, \"end_time\": 10, \"text\": \"a@b\"}"), sequence), message);
            assertRejected(withBytes("{\"file_url\": \"a@b\", \"transcripts\": []}", sequence), message);
        }

        static Stream<byte[]> malformedUtf8() {
            return Stream.of(
                    new byte[] {(byte) 0xFF},
                    new byte[] {(byte) 0x80},
                    new byte[] {(byte) 0xC0, (byte) 0xAF},
                    new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                    new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                    new byte[] {(byte) 0xE6, (byte) 0xAC});
        }

        @Test
        void closesEveryStreamItOpenedWhenTheFirstBytesAreNotUtf8() {
            final List<Boolean> closed = new ArrayList<>();
            final byte[] document = withBytes("{\"transcripts\": [{\"channel_id\": 0, \"text\": \"a@b\"}]}", new byte[] {(byte) 0xE9});
            final StreamSource tracked = () -> {
                final int index = closed.size();
                closed.add(false);
                return new ByteArrayInputStream(document) {
                    @Override
                    public void close() {
                        closed.set(index, true);
                    }
                };
            };

            assertThrows(TranscriptFormatException.class, () -> TranscriptDocument.scan(tracked));

            assertEquals(List.of(true), closed, "NiFi cannot remove a FlowFile whose content stream is still open");
        }

        @Test
        void acceptsUnknownFieldsNestedToAReasonableDepth() throws Exception {
            final String document = "{\"deep\": " + "[".repeat(50) + "]".repeat(50) + ", \"transcripts\": []}";

            assertEquals("", text(document));
        }

        @Test
        void rejectsEveryTruncation() {
            for (final String document : List.of(CHINESE_WITH_WORDS, ENGLISH_TWO_CHANNELS)) {
                final byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
                for (int length = 0; length < bytes.length; length++) {
                    final byte[] truncated = Arrays.copyOf(bytes, length);
                    assertThrows(TranscriptFormatException.class, () -> TranscriptDocument.scan(source(truncated)), () -> new String(truncated, StandardCharsets.UTF_8));
                }
            }
        }

        @Test
        void rejectsSubtitlesForSentencesOutOfTimeOrderButConvertsTheRest() throws Exception {
            final String document = """
                    {"transcripts": [{"channel_id": 2, "sentences": [
                      {"begin_time": 5000, "end_time": 6000, "text": "Later."},
                      {"begin_time": 1000, "end_time": 2000, "text": "Earlier."}
                    ]}]}""";

            for (final Conversion conversion : List.of(Conversion.SRT, Conversion.VTT)) {
                final TranscriptFormatException e = assertThrows(TranscriptFormatException.class, () -> convert(bytes(document), conversion));
                assertEquals("Invalid transcript at transcripts[0].sentences[1] (channel 2): begin_time 1000 is before the begin_time 5000"
                        + " of the sentence before it; subtitles need each channel's sentences in time order", e.getMessage());
            }
            assertEquals("Later. Earlier.", text(document));
            assertEquals("2", convert(bytes(document), Conversion.RECORDS));
        }

        @Test
        void neverFailsWithAnythingButTranscriptFormatExceptionAndNeverWritesAnInvalidFile() throws IOException {
            final Random random = new Random(7);
            final List<byte[]> documents = List.of(bytes(CHINESE_WITH_WORDS), bytes(ENGLISH_TWO_CHANNELS), bytes(TWO_CHANNELS_WITH_WORDS));
            int converted = 0;
            for (int round = 0; round < 400; round++) {
                final byte[] document = documents.get(round % documents.size()).clone();
                for (int change = 1 + random.nextInt(3); change > 0; change--) {
                    document[random.nextInt(document.length)] = (byte) MUTATIONS.charAt(random.nextInt(MUTATIONS.length()));
                }
                for (final Conversion conversion : Conversion.values()) {
                    try {
                        convert(document, conversion);
                        converted++;
                    } catch (final TranscriptFormatException expected) {
                        assertTrue(expected.getMessage().startsWith("Invalid transcript"), expected.getMessage());
                    }
                }
            }
            assertTrue(converted > 100, "too few mutations still convert: " + converted);
        }

        private static void assertRejected(final byte[] document, final String message) {
            for (final Conversion conversion : Conversion.values()) {
                final TranscriptFormatException e = assertThrows(TranscriptFormatException.class, () -> convert(document, conversion),
                        conversion::name);
                assertTrue(e.getMessage().contains(message), () -> conversion + ": '" + e.getMessage() + "' does not contain '" + message + "'");
            }
        }

        /** A channel whose first sentence is fine and whose second is the given one. */
        private static String sentences(final String second) {
            return "{\"transcripts\": [{\"channel_id\": 0, \"sentences\": [{\"begin_time\": 0, \"end_time\": 10, \"text\": \"ok\"}, "
                    + second + "]}]}";
        }

        private static byte[] withBytes(final String document, final byte[] sequence) {
            final byte[] text = bytes(document);
            final int at = document.indexOf('@');
            final byte[] result = new byte[text.length - 1 + sequence.length];
            System.arraycopy(text, 0, result, 0, at);
            System.arraycopy(sequence, 0, result, at, sequence.length);
            System.arraycopy(text, at + 1, result, at + sequence.length, text.length - at - 1);
            return result;
        }
    }

    @Nested
    class TwelveHours {

        private static final long HOUR = 3_600_000;
        private static final int RUNS = 3;
        private static final ObjectMapper MAPPER = new ObjectMapper();
        private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
        private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

        /** One way of reading the document; it calls the probe now and then while it holds what it has read. */
        @FunctionalInterface
        interface Task {
            void run(Runnable probe) throws Exception;
        }

        /**
         * The best and the mean time of a few runs, the bytes one run allocates, and the most heap a run held beyond
         * what was live before it.
         */
        record Measurement(String name, long bestNanos, long meanNanos, long allocated, long retained) {
            @Override
            public String toString() {
                return "%-8s best %4d ms  mean %4d ms  allocated %6.1f MB  retained %6.2f MB"
                        .formatted(name, bestNanos / 1_000_000, meanNanos / 1_000_000, allocated / 1e6, retained / 1e6);
            }
        }

        @Test
        void convertsWithAFractionOfTheTimeAndMemoryOfATree(@TempDir final Path directory) throws Exception {
            final Path file = directory.resolve("twelve-hours.json");
            final TranscriptGenerator.Stats stats = new TranscriptGenerator(1, 12 * HOUR, true, TranscriptGenerator.Script.ENGLISH, 42).write(file);
            final long size = Files.size(file);
            final StreamSource source = () -> Files.newInputStream(file);
            assertTrue(stats.words() >= 100_000, "only " + stats.words() + " words");

            final Measurement tree = measure("readTree", probe -> {
                try (InputStream in = Files.newInputStream(file)) {
                    final JsonNode document = MAPPER.readTree(in);
                    probe.run();
                    assertEquals(1, document.get("transcripts").size());
                }
            });
            final Measurement srt = measure("srt", probe -> TranscriptDocument.scan(source)
                    .writeSubtitles(SubtitleFormat.SRT, probing(OutputStream.nullOutputStream(), 256 * 1024, probe)));
            final Measurement records = measure("records", probe -> {
                final int[] count = {0};
                TranscriptDocument.scan(source).writeRecords(new CollectingRecordSetWriter(record -> {
                    if (++count[0] % 2_000 == 0) {
                        probe.run();
                    }
                }));
            });
            final Measurement text = measure("text", probe -> TranscriptDocument.scan(source)
                    .writeText(probing(OutputStream.nullOutputStream(), 64 * 1024, probe)));
            System.out.printf("12 h transcript: %,d bytes, %,d sentences, %,d words%n%s%n%s%n%s%n%s%n",
                    size, stats.sentences(), stats.words(), tree, srt, records, text);

            for (final Measurement streaming : List.of(srt, records)) {
                assertTrue(streaming.retained() < size / 20, () -> streaming + " holds more than a twentieth of the " + size + " byte document");
                assertTrue(streaming.retained() < tree.retained() / 10, () -> streaming + " holds more than a tenth of " + tree);
            }
            assertTrue(text.retained() < tree.retained() / 10, () -> text + " holds more than a tenth of " + tree);
            final Path subtitles = directory.resolve("twelve-hours.srt");
            try (OutputStream out = Files.newOutputStream(subtitles)) {
                TranscriptDocument.scan(source).writeSubtitles(SubtitleFormat.SRT, out);
            }
            assertTrue(SrtParser.parse(Files.readString(subtitles)).size() >= stats.sentences());
        }

        @Test
        void mergesChannelsHoldingOneSentencePerChannel(@TempDir final Path directory) throws Exception {
            final Path file = directory.resolve("three-channels.json");
            final TranscriptGenerator.Stats stats = new TranscriptGenerator(3, 4 * HOUR, true, TranscriptGenerator.Script.CHINESE, 5).write(file);
            final long size = Files.size(file);
            final StreamSource source = () -> Files.newInputStream(file);

            final Measurement vtt = measure("vtt", probe -> TranscriptDocument.scan(source)
                    .writeSubtitles(SubtitleFormat.VTT, probing(OutputStream.nullOutputStream(), 256 * 1024, probe)));
            System.out.printf("3 channels x 4 h: %,d bytes, %,d sentences, %,d words%n%s%n", size, stats.sentences(), stats.words(), vtt);

            assertTrue(vtt.retained() < size / 20, () -> vtt + " holds more than a twentieth of the " + size + " byte document");
        }

        private static Measurement measure(final String name, final Task task) throws Exception {
            task.run(() -> { });
            long best = Long.MAX_VALUE;
            long total = 0;
            long allocated = Long.MAX_VALUE;
            for (int run = 0; run < RUNS; run++) {
                final long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
                final long start = System.nanoTime();
                task.run(() -> { });
                final long nanos = System.nanoTime() - start;
                best = Math.min(best, nanos);
                total += nanos;
                allocated = Math.min(allocated, THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore);
            }
            final long baseline = heapAfterGc();
            final long[] retained = {0};
            task.run(() -> retained[0] = Math.max(retained[0], heapAfterGc() - baseline));
            return new Measurement(name, best, total / RUNS, allocated, retained[0]);
        }

        private static long heapAfterGc() {
            System.gc();
            return MEMORY.getHeapMemoryUsage().getUsed();
        }

        /** Passes bytes through, calling the probe each time another {@code interval} bytes have gone by. */
        private static OutputStream probing(final OutputStream out, final long interval, final Runnable probe) {
            return new FilterOutputStream(out) {
                private long written;

                @Override
                public void write(final byte[] bytes, final int offset, final int length) throws IOException {
                    out.write(bytes, offset, length);
                    if ((written + length) / interval > written / interval) {
                        probe.run();
                    }
                    written += length;
                }
            };
        }
    }

    /** The conversions the processor offers, each from the document's bytes to its output as text. */
    enum Conversion {
        JSON, TEXT, SRT, VTT, RECORDS;

        static Conversion forFormat(final SubtitleFormat format) {
            return format == SubtitleFormat.SRT ? SRT : VTT;
        }

        String run(final TranscriptDocument document) throws IOException, TranscriptFormatException {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            switch (this) {
                case JSON -> document.validate();
                case TEXT -> document.writeText(out);
                case SRT -> document.writeSubtitles(SubtitleFormat.SRT, out);
                case VTT -> document.writeSubtitles(SubtitleFormat.VTT, out);
                case RECORDS -> {
                    return String.valueOf(document.writeRecords(new CollectingRecordSetWriter(record -> { })));
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }

        /** Checks that a subtitle file passes the strict parser. */
        void check(final String output) {
            if (this == SRT) {
                SrtParser.parse(output);
            } else if (this == VTT) {
                WebVttParser.parse(output);
            }
        }
    }

    static String convert(final byte[] document, final Conversion conversion) throws IOException, TranscriptFormatException {
        final String output = conversion.run(TranscriptDocument.scan(source(document)));
        conversion.check(output);
        return output;
    }

    static TranscriptDocument scan(final String document) throws IOException, TranscriptFormatException {
        return TranscriptDocument.scan(source(bytes(document)));
    }

    private static String text(final String document) throws IOException, TranscriptFormatException {
        return convert(bytes(document), Conversion.TEXT);
    }

    private static String srt(final String document) throws IOException, TranscriptFormatException {
        return convert(bytes(document), Conversion.SRT);
    }

    private static String vtt(final String document) throws IOException, TranscriptFormatException {
        return convert(bytes(document), Conversion.VTT);
    }

    static StreamSource source(final byte[] document) {
        return () -> new ByteArrayInputStream(document);
    }

    private static byte[] bytes(final String document) {
        return document.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] generate(final int channels, final long millis, final boolean words, final TranscriptGenerator.Script script)
            throws IOException {
        final Path file = Files.createTempFile("transcript", ".json");
        try {
            new TranscriptGenerator(channels, millis, words, script, 11).write(file);
            return Files.readAllBytes(file);
        } finally {
            Files.delete(file);
        }
    }

    /**
     * A words array for the text: a word per Han character, or else per space-separated token, trailing
     * punctuation split off into {@code punctuation}; word i begins at {@code begin + i * step} and lasts 50 ms less.
     */
    private static String words(final String text, final long begin, final long step) {
        final List<String> pieces = new ArrayList<>();
        if (text.codePoints().noneMatch(codePoint -> Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN)) {
            pieces.addAll(List.of(text.split(" ")));
        } else {
            text.codePoints().mapToObj(Character::toString).forEach(character -> {
                if (Spacing.isPunctuation(character.codePointAt(0))) {
                    pieces.set(pieces.size() - 1, pieces.getLast() + character);
                } else {
                    pieces.add(character);
                }
            });
        }
        return IntStream.range(0, pieces.size()).mapToObj(i -> {
            final String piece = pieces.get(i);
            final int cut = Spacing.isPunctuation(piece.codePointBefore(piece.length())) ? piece.length() - 1 : piece.length();
            final long wordBegin = begin + i * step;
            return "{\"begin_time\": %d, \"end_time\": %d, \"text\": \"%s\", \"punctuation\": \"%s\"}"
                    .formatted(wordBegin, wordBegin + step - 50, piece.substring(0, cut), piece.substring(cut));
        }).collect(Collectors.joining(", ", "[", "]"));
    }
}
