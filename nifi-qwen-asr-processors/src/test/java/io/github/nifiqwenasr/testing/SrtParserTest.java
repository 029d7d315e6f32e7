/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SrtParserTest {

    @Test
    void parsesNumberedCuesWithLongHours() {
        final List<SrtParser.Cue> cues = SrtParser.parse("""
                1
                00:00:00,000 --> 00:00:01,440
                first line
                second line

                2
                100:00:00,000 --> 100:00:01,001
                later

                """);

        assertEquals(List.of(
                new SrtParser.Cue(0, 1_440, List.of("first line", "second line")),
                new SrtParser.Cue(360_000_000, 360_001_001, List.of("later"))), cues);
    }

    @Test
    void acceptsAnEmptyFile() {
        assertEquals(List.of(), SrtParser.parse(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2\n00:00:00,000 --> 00:00:01,000\ntext\n\n",
        "1\n0:00:00,000 --> 00:00:01,000\ntext\n\n",
        "1\n00:60:00,000 --> 01:00:01,000\ntext\n\n",
        "1\n00:00:00.000 --> 00:00:01.000\ntext\n\n",
        "1\n00:00:00,000 -> 00:00:01,000\ntext\n\n",
        "1\n00:00:02,000 --> 00:00:01,000\ntext\n\n",
        "1\n00:00:02,000 --> 00:00:03,000\na\n\n2\n00:00:01,000 --> 00:00:04,000\nb\n\n",
        "1\n00:00:00,000 --> 00:00:01,000\n\n",
        "1\n00:00:00,000 --> 00:00:01,000\n   \n\n",
        "1\n00:00:00,000 --> 00:00:01,000\ntext\n",
        "1\n00:00:00,000 --> 00:00:01,000\na\n\n\n2\n00:00:01,000 --> 00:00:02,000\nb\n\n",
        "1\r\n00:00:00,000 --> 00:00:01,000\r\ntext\r\n\r\n"
    })
    void rejectsMalformedFiles(final String content) {
        assertThrows(IllegalArgumentException.class, () -> SrtParser.parse(content));
    }
}
