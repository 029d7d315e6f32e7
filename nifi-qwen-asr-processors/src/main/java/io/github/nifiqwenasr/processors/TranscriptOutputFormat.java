/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.processors;

import org.apache.nifi.components.DescribedValue;

/** What FetchTranscript writes. */
public enum TranscriptOutputFormat implements DescribedValue {
    JSON("json", "JSON", "The transcript document as the service returned it."),
    TEXT("text", "Text", "Plain UTF-8 text, one block per channel, channels separated by a blank line."),
    SRT("srt", "SRT subtitles", "SubRip subtitles from the sentence timestamps (HH:MM:SS,mmm)."),
    VTT("vtt", "WebVTT subtitles", "WebVTT subtitles from the sentence timestamps (HH:MM:SS.mmm)."),
    RECORDS("records", "Records", "One record per sentence, written with the Record Writer.");

    private final String value;
    private final String displayName;
    private final String description;

    TranscriptOutputFormat(final String value, final String displayName, final String description) {
        this.value = value;
        this.displayName = displayName;
        this.description = description;
    }

    @Override
    public String getValue() {
        return value;
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public String getDescription() {
        return description;
    }

    public static TranscriptOutputFormat fromValue(final String value) {
        for (final TranscriptOutputFormat format : values()) {
            if (format.value.equals(value)) {
                return format;
            }
        }
        throw new IllegalArgumentException("Unknown output format " + value);
    }
}
