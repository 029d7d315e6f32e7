package io.github.nifiqwenasr.transcript;

import io.github.nifiqwenasr.io.StreamSource;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One NiFi record per sentence, read channel by channel in document order. */
final class TranscriptRecords {

    static final RecordSchema WORD_SCHEMA = new SimpleRecordSchema(List.of(
            new RecordField(TranscriptFields.BEGIN_TIME, RecordFieldType.LONG.getDataType(), false),
            new RecordField(TranscriptFields.END_TIME, RecordFieldType.LONG.getDataType(), false),
            new RecordField(TranscriptFields.TEXT, RecordFieldType.STRING.getDataType(), false),
            new RecordField(TranscriptFields.PUNCTUATION, RecordFieldType.STRING.getDataType(), false)));

    private static final RecordSchema SENTENCE_SCHEMA = sentenceSchema(false);
    private static final RecordSchema SENTENCE_WITH_WORDS_SCHEMA = sentenceSchema(true);

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
        final Map<String, Object> values = new HashMap<>(16);
        values.put(TranscriptFields.CHANNEL_ID, sentence.channelId());
        values.put(TranscriptFields.SENTENCE_ID, sentence.sentenceId());
        values.put(TranscriptFields.BEGIN_TIME, sentence.begin());
        values.put(TranscriptFields.END_TIME, sentence.end());
        values.put(TranscriptFields.TEXT, sentence.text().toString());
        values.put(TranscriptFields.LANGUAGE, sentence.language());
        values.put(TranscriptFields.EMOTION, sentence.emotion());
        if (wordTimestamps) {
            values.put(TranscriptFields.WORDS, sentence.hasWords() ? wordRecords(sentence) : null);
        }
        return new MapRecord(schema, values);
    }

    private static Object[] wordRecords(final Sentence sentence) {
        final Object[] words = new Object[sentence.wordCount()];
        for (int i = 0; i < words.length; i++) {
            final Word word = sentence.word(i);
            final Map<String, Object> values = new HashMap<>(8);
            values.put(TranscriptFields.BEGIN_TIME, word.begin());
            values.put(TranscriptFields.END_TIME, word.end());
            values.put(TranscriptFields.TEXT, word.text().toString());
            values.put(TranscriptFields.PUNCTUATION, word.punctuation().toString());
            words[i] = new MapRecord(WORD_SCHEMA, values);
        }
        return words;
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
