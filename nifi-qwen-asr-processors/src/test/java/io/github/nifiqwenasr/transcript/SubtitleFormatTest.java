/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SubtitleFormatTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|00:00:00,000|00:00:00.000",
        "5|00:00:00,005|00:00:00.005",
        "61010|00:01:01,010|00:01:01.010",
        "3599999|00:59:59,999|00:59:59.999",
        "3600000|01:00:00,000|01:00:00.000",
        "43200000|12:00:00,000|12:00:00.000",
        "359999999|99:59:59,999|99:59:59.999",
        "360000000|100:00:00,000|100:00:00.000",
        "3600000000000|1000000:00:00,000|1000000:00:00.000"
    })
    void writesTimesWithAtLeastTwoDigitsOfHours(final long millis, final String srt, final String vtt) {
        assertEquals(srt, time(SubtitleFormat.SRT, millis));
        assertEquals(vtt, time(SubtitleFormat.VTT, millis));
    }

    @Test
    void writesNumberedSrtCuesWithLabels() {
        final StringBuilder out = new StringBuilder();

        SubtitleFormat.SRT.appendCue(out, 7, cue(1_000, 2_500, "Tom & Jerry\n<3"), "Channel 1");
        SubtitleFormat.SRT.appendCue(out, 8, cue(3_000, 4_000, "plain"), null);

        assertEquals("""
                7
                00:00:01,000 --> 00:00:02,500
                [Channel 1] Tom & Jerry
                <3

                8
                00:00:03,000 --> 00:00:04,000
                plain

                """, out.toString());
    }

    @Test
    void writesVttCuesAsEscapedMarkupInVoiceSpans() {
        final StringBuilder out = new StringBuilder(SubtitleFormat.VTT.header());

        SubtitleFormat.VTT.appendCue(out, 1, cue(1_000, 2_500, "Tom & Jerry\n<3 -->"), "Channel 1");
        SubtitleFormat.VTT.appendCue(out, 2, cue(3_000, 4_000, "plain"), null);

        assertEquals("""
                WEBVTT

                00:00:01.000 --> 00:00:02.500
                <v Channel 1>Tom &amp; Jerry
                &lt;3 --&gt;</v>

                00:00:03.000 --> 00:00:04.000
                plain

                """, out.toString());
    }

    @Test
    void countsTheVisibleLabelOnlyInSrt() {
        assertEquals("[Channel 1] ".length(), SubtitleFormat.SRT.labelColumns("Channel 1"));
        assertEquals(0, SubtitleFormat.VTT.labelColumns("Channel 1"));
        assertEquals(0, SubtitleFormat.SRT.labelColumns(null));
    }

    @Test
    void namesTheMimeTypes() {
        assertEquals("application/x-subrip", SubtitleFormat.SRT.getMimeType());
        assertEquals("text/vtt", SubtitleFormat.VTT.getMimeType());
    }

    private static String time(final SubtitleFormat format, final long millis) {
        final StringBuilder out = new StringBuilder();
        format.appendTime(out, millis);
        return out.toString();
    }

    private static Cue cue(final long start, final long end, final String text) {
        final Cue cue = new Cue();
        cue.reset(start, end);
        cue.text().append(text);
        return cue;
    }
}
