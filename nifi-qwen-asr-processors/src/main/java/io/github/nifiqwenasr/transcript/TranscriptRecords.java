/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import io.github.nifiqwenasr.api.StreamSource;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** One NiFi record per sentence, read channel by channel in document order. */
final class TranscriptRecords {

    static final RecordSchema WORD_SCHEMA = new SimpleRecordSchema(List.of(
            new RecordField(TranscriptFields.BEGIN_TIME, RecordFieldType.LONG.getDataType(), false),
            new RecordField(TranscriptFields.END_TIME, RecordFieldType.LONG.getDataType(), false),
            new RecordField(TranscriptFields.TEXT, RecordFieldType.STRING.getDataType(), false),
            new RecordField(TranscriptFields.PUNCTUATION, RecordFieldType.STRING.getDataType(), false)));

    private static final RecordSchema SENTENCE_SCHEMA = sentenceSchema(false);
    private static final RecordSchema SENTENCE_WITH_WORDS_SCHEMA = sentenceSchema(true);
    private static final List<String> WORD_FIELDS = WORD_SCHEMA.getFieldNames();
    private static final List<String> SENTENCE_FIELDS = SENTENCE_SCHEMA.getFieldNames();
    private static final List<String> SENTENCE_WITH_WORDS_FIELDS = SENTENCE_WITH_WORDS_SCHEMA.getFieldNames();

    private TranscriptRecords() {
    }

    /** The schema of the sentence records; with a nullable {@code words} array when the document has word timestamps. */
    static RecordSchema schema(final boolean wordTimestamps) {
        return wordTimestamps ? SENTENCE_WITH_WORDS_SCHEMA : SENTENCE_SCHEMA;
    }

    /** Writes one record per sentence as a complete record set and returns the number written. */
    static int write(final StreamSource source, final TranscriptLayout layout, final RecordSetWriter writer)
            throws IOException, TranscriptFormatException {
        final boolean wordTimestamps = layout.wordTimestamps();
        final RecordSchema schema = schema(wordTimestamps);
        final Sentence sentence = new Sentence();
        writer.beginRecordSet();
        try (TranscriptCursor cursor = TranscriptCursor.open(source)) {
            for (final ChannelInfo channel : layout.channels()) {
                cursor.enterChannel(channel);
                if (cursor.openSentences()) {
                    while (cursor.nextSentence(sentence)) {
                        writer.write(toRecord(sentence, schema, wordTimestamps));
                    }
                }
            }
        }
        return writer.finishRecordSet().getRecordCount();
    }

    static Record toRecord(final Sentence sentence, final RecordSchema schema, final boolean wordTimestamps) {
        final RecordValues values = wordTimestamps
                ? new RecordValues(SENTENCE_WITH_WORDS_FIELDS, sentence.channelId(), sentence.sentenceId(), sentence.begin(),
                        sentence.end(), sentence.text().toString(), sentence.language(), sentence.emotion(),
                        sentence.hasWords() ? wordRecords(sentence) : null)
                : new RecordValues(SENTENCE_FIELDS, sentence.channelId(), sentence.sentenceId(), sentence.begin(),
                        sentence.end(), sentence.text().toString(), sentence.language(), sentence.emotion());
        return new MapRecord(schema, values);
    }

    private static Object[] wordRecords(final Sentence sentence) {
        final Object[] words = new Object[sentence.wordCount()];
        for (int i = 0; i < words.length; i++) {
            final Word word = sentence.word(i);
            words[i] = new MapRecord(WORD_SCHEMA, new RecordValues(WORD_FIELDS, word.begin(), word.end(),
                    word.text().toString(), text(word.punctuation())));
        }
        return words;
    }

    /** Most words have no punctuation: they share one empty string. */
    private static String text(final StringBuilder value) {
        return value.isEmpty() ? "" : value.toString();
    }

    private static RecordSchema sentenceSchema(final boolean wordTimestamps) {
        final List<RecordField> fields = new ArrayList<>(List.of(
                new RecordField(TranscriptFields.CHANNEL_ID, RecordFieldType.INT.getDataType(), false),
                new RecordField(TranscriptFields.SENTENCE_ID, RecordFieldType.INT.getDataType(), false),
                new RecordField(TranscriptFields.BEGIN_TIME, RecordFieldType.LONG.getDataType(), false),
                new RecordField(TranscriptFields.END_TIME, RecordFieldType.LONG.getDataType(), false),
                new RecordField(TranscriptFields.TEXT, RecordFieldType.STRING.getDataType(), false),
                new RecordField(TranscriptFields.LANGUAGE, RecordFieldType.STRING.getDataType(), true),
                new RecordField(TranscriptFields.EMOTION, RecordFieldType.STRING.getDataType(), true)));
        if (wordTimestamps) {
            final DataType word = RecordFieldType.RECORD.getRecordDataType(WORD_SCHEMA);
            fields.add(new RecordField(TranscriptFields.WORDS, RecordFieldType.ARRAY.getArrayDataType(word), true));
        }
        return new SimpleRecordSchema(fields);
    }
}
