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

class WebVttParserTest {

    @Test
    void parsesCuesWithVoicesAndReferences() {
        final List<WebVttParser.Cue> cues = WebVttParser.parse("""
                WEBVTT

                00:00:00.000 --> 00:00:01.440
                <v Channel 0>Tom &amp; Jerry
                &lt;3 &gt;</v>

                100:00:00.000 --> 100:00:01.001
                later

                """);

        assertEquals(List.of(
                new WebVttParser.Cue(0, 1_440, "Channel 0", List.of("Tom & Jerry", "<3 >")),
                new WebVttParser.Cue(360_000_000, 360_001_001, null, List.of("later"))), cues);
    }

    @Test
    void acceptsAFileWithoutCues() {
        assertEquals(List.of(), WebVttParser.parse("WEBVTT\n\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "00:00:00.000 --> 00:00:01.000\ntext\n\n",
        "WEBVTT\n00:00:00.000 --> 00:00:01.000\ntext\n\n",
        "WEBVTT\n\n00:00:00,000 --> 00:00:01,000\ntext\n\n",
        "WEBVTT\n\n0:00:00.000 --> 00:00:01.000\ntext\n\n",
        "WEBVTT\n\n00:00:02.000 --> 00:00:01.000\ntext\n\n",
        "WEBVTT\n\n00:00:02.000 --> 00:00:03.000\na\n\n00:00:01.000 --> 00:00:04.000\nb\n\n",
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n\n",
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\na --> b\n\n",
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nTom & Jerry\n\n",
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<3\n\n",
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<b>bold</b>\n\n",
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\ntext\n",
        "WEBVTT\r\n\r\n00:00:00.000 --> 00:00:01.000\r\ntext\r\n\r\n"
    })
    void rejectsMalformedFiles(final String content) {
        assertThrows(IllegalArgumentException.class, () -> WebVttParser.parse(content));
    }
}
