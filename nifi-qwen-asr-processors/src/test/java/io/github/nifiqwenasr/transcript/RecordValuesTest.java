/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecordValuesTest {

    private static final List<String> WORD_FIELDS = TranscriptRecords.WORD_SCHEMA.getFieldNames();

    @Test
    void aRecordReadsEveryFieldByNameAndNullWhereAValueIsNull() {
        final Record word = new MapRecord(TranscriptRecords.WORD_SCHEMA, new RecordValues(WORD_FIELDS, 1_200L, 1_440L, "云", null));

        assertEquals(1_200L, word.getAsLong("begin_time"));
        assertEquals(1_440L, word.getAsLong("end_time"));
        assertEquals("云", word.getAsString("text"));
        assertNull(word.getValue("punctuation"));
        assertNull(word.getValue("no such field"));
    }

    @Test
    void iteratesInTheOrderOfTheSchema() {
        final Map<String, Object> values = new RecordValues(WORD_FIELDS, 0L, 400L, "Hello", ",");

        final List<String> seen = new ArrayList<>();
        values.forEach((name, value) -> seen.add(name + "=" + value));

        assertEquals(List.of("begin_time=0", "end_time=400", "text=Hello", "punctuation=,"), seen);
        assertEquals(Map.of("begin_time", 0L, "end_time", 400L, "text", "Hello", "punctuation", ","), values);
    }

    @Test
    void refusesChangesAndValuesThatDoNotMatchTheNames() {
        final Map<String, Object> values = new RecordValues(WORD_FIELDS, 0L, 400L, "Hello", "");

        assertThrows(UnsupportedOperationException.class, () -> values.put("text", "changed"));
        assertThrows(IllegalArgumentException.class, () -> new RecordValues(WORD_FIELDS, 0L, 400L));
    }
}
