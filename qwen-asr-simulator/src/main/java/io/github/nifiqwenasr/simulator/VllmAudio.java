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

/**
 * The audio of a vLLM chat request: an {@code audio_url} (http, https or a base64 data URL, fetched by vLLM's
 * MediaConnector, vllm/multimodal/utils.py) or an {@code input_audio} with raw base64 {@code data}
 * (vllm/entrypoints/chat_utils.py). Errors are vLLM's.
 */
final class VllmAudio {
    private static final String DATA_PREFIX = "data:";
    private static final String BASE64_MARKER = ";base64,";

    private final AudioLibrary library;
    private final String storageBaseUrl;

    VllmAudio(final AudioLibrary library, final String storageBaseUrl) {
        this.library = library;
        this.storageBaseUrl = storageBaseUrl;
    }

    /** An {@code audio_url.url}. */
    AudioDigest fromUrl(final String url, final String model) throws ApiError {
        final String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith(DATA_PREFIX)) {
            final int marker = url.indexOf(BASE64_MARKER);
            if (marker < 0) {
                // MediaConnector._load_data_url raises NotImplementedError, answered 501.
                throw new ApiError(501, "NotImplementedError", "NotImplementedError", "Only base64 data URLs are supported for now.");
            }
            return readable(decode(url.substring(marker + BASE64_MARKER.length())));
        }
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            // MediaConnector: file:// needs --allowed-local-media-path (not set); anything else is refused.
            throw VllmErrors.badRequest("The URL must be either a HTTP, data or file URL.");
        }
        final AudioLibrary.Resolution resolution = library.resolve(url, false, model, storageBaseUrl, Instant.now());
        if (!(resolution instanceof AudioLibrary.Found found)) {
            // [I] the status of a failed fetch is not documented; a 400 names the URL.
            throw VllmErrors.badRequest("Failed to fetch audio from " + url);
        }
        return readable(found.digest());
    }

    /** An {@code input_audio.data}: raw base64, not a data URL. */
    AudioDigest fromBase64(final String data) throws ApiError {
        return readable(decode(data));
    }

    private static AudioDigest decode(final String base64) throws ApiError {
        try {
            return AudioDigest.of(Base64.getDecoder().decode(base64));
        } catch (final IllegalArgumentException e) {
            throw VllmErrors.badRequest("Invalid base64 audio data: " + e.getMessage());
        }
    }

    /** vllm/entrypoints/openai/speech_to_text: what librosa cannot load is "Invalid or unsupported audio file." */
    private static AudioDigest readable(final AudioDigest digest) throws ApiError {
        if (digest.format() == AudioFormat.UNSUPPORTED) {
            throw VllmErrors.badRequest("Invalid or unsupported audio file.");
        }
        return digest;
    }
}
