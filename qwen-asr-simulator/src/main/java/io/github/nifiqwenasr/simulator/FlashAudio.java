/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import io.github.nifiqwenasr.simulator.audio.AudioDigest;
import io.github.nifiqwenasr.simulator.audio.AudioFormat;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/** Turns the audio reference of a flash request into the audio the model would hear, with the flash limits. */
final class FlashAudio {
    /** Section 2.1: 10 MB after encoding; DashScope counts the whole data-URI string against 10,485,760 bytes. */
    static final int MAX_DATA_URI_BYTES = 10_485_760;
    /** Section 8.2: qwen3-asr-flash takes at most 10 MB and 5 minutes. */
    static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
    static final double MAX_SECONDS = 300;
    /** Section 7.2 observation: an audio URL the service cannot fetch (incl. oss:// without the resolve header). */
    static final String DOWNLOAD_FAILED = "Download failed with exit code: 1";
    private static final String DATA_PREFIX = "data:";
    private static final String BASE64_MARKER = ";base64,";

    private final AudioLibrary library;

    FlashAudio(final AudioLibrary library) {
        this.library = library;
    }

    AudioDigest resolve(final String reference, final Call call, final String model, final String storageBaseUrl) throws ApiError {
        final AudioDigest digest;
        if (reference.regionMatches(true, 0, DATA_PREFIX, 0, DATA_PREFIX.length())) {
            digest = AudioDigest.of(decodeDataUri(reference));
        } else if (AudioLibrary.isDownloadable(reference)) {
            final AudioLibrary.Resolution resolution = library.resolve(reference,
                    call.enabled("X-DashScope-OssResourceResolve"), model, storageBaseUrl, Instant.now());
            if (!(resolution instanceof AudioLibrary.Found found)) {
                throw ApiError.invalidParameter(DOWNLOAD_FAILED);
            }
            digest = found.digest();
            if (digest.size() > MAX_FILE_BYTES) {
                throw ApiError.invalidParameter("The audio file is " + digest.size() + " bytes; this model accepts at most 10 MB.");
            }
        } else {
            throw ApiError.badRequest("InvalidURL", "Invalid URL provided in your request.");
        }
        if (digest.format() == AudioFormat.UNSUPPORTED) {
            // Section 6 error table: the documented 400 for a media format the service cannot read.
            throw ApiError.badRequest("InvalidParameter.DataInspection",
                    "The media format is not supported or incorrect for the data inspection.");
        }
        if (digest.durationSeconds() > MAX_SECONDS) {
            throw ApiError.invalidParameter(String.format(Locale.ROOT,
                    "The audio is %.1f s long; this model accepts at most 300 s (5 minutes).", digest.durationSeconds()));
        }
        return digest;
    }

    private static byte[] decodeDataUri(final String reference) throws ApiError {
        if (reference.length() > MAX_DATA_URI_BYTES) {
            throw ApiError.invalidParameter("Exceeded limit on max bytes per data-uri item : " + MAX_DATA_URI_BYTES);
        }
        final int marker = reference.indexOf(BASE64_MARKER);
        if (marker < 0) {
            throw ApiError.invalidParameter("The data-uri must have the form data:<mime>;base64,<data>.");
        }
        final String mime = reference.substring(DATA_PREFIX.length(), marker).toLowerCase(Locale.ROOT);
        if (!mime.startsWith("audio/") || mime.length() == "audio/".length()) {
            throw ApiError.invalidParameter("The data-uri mime type '" + mime + "' is not an audio type.");
        }
        try {
            return Base64.getDecoder().decode(reference.substring(marker + BASE64_MARKER.length()));
        } catch (final IllegalArgumentException e) {
            throw ApiError.invalidParameter("The data-uri does not hold valid base64 data: " + e.getMessage());
        }
    }
}
