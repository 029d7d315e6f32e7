/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.audio;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The containers Qwen3-ASR accepts (dashscope-api.md section 8.2), with the MIME type sent in a data URL and the file
 * name extensions that usually carry them.
 */
public enum AudioFormat {
    WAV("audio/wav", List.of("wav", "wave")),
    MP3("audio/mpeg", List.of("mp3", "mpga")),
    FLAC("audio/flac", List.of("flac")),
    OGG("audio/ogg", List.of("ogg", "oga", "opus")),
    M4A("audio/mp4", List.of("m4a", "m4b")),
    MP4("video/mp4", List.of("mp4", "m4v")),
    MOV("video/quicktime", List.of("mov")),
    AAC("audio/aac", List.of("aac", "adts")),
    AMR("audio/amr", List.of("amr")),
    AMR_WB("audio/amr-wb", List.of("awb")),
    AIFF("audio/aiff", List.of("aif", "aiff", "aifc")),
    WEBM("audio/webm", List.of("webm")),
    MKV("video/x-matroska", List.of("mkv", "mka")),
    ASF("audio/x-ms-wma", List.of("wma", "wmv", "asf")),
    AVI("video/x-msvideo", List.of("avi")),
    FLV("video/x-flv", List.of("flv")),
    MPEG("video/mpeg", List.of("mpeg", "mpg"));

    private final String mimeType;
    private final List<String> extensions;

    AudioFormat(final String mimeType, final List<String> extensions) {
        this.mimeType = mimeType;
        this.extensions = extensions;
    }

    public String getMimeType() {
        return mimeType;
    }

    /** The format a file name's extension suggests, if any. */
    public static Optional<AudioFormat> fromFileName(final String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        final int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return Optional.empty();
        }
        final String extension = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (final AudioFormat format : values()) {
            if (format.extensions.contains(extension)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
