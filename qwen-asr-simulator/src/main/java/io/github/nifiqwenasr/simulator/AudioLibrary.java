/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import io.github.nifiqwenasr.simulator.audio.AudioDigest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every audio file the simulated service can "download": hosted under {@code /files/}, registered for any URL,
 * or uploaded to the temporary storage ({@code oss://}). Uploads keep only their {@link AudioDigest}.
 */
final class AudioLibrary {
    /** Temporary uploads are valid 48 h (dashscope-api.md section 6, step 3). */
    static final Duration UPLOAD_LIFETIME = Duration.ofHours(48);
    static final String DOWNLOAD_FAILED = "FILE_DOWNLOAD_FAILED";
    private static final String FILES_PATH = "/files/";

    private final Map<String, Hosted> hosted = new ConcurrentHashMap<>();
    private final Map<String, AudioDigest> remote = new ConcurrentHashMap<>();
    private final Map<String, Unavailable> failures = new ConcurrentHashMap<>();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

    String host(final String storageBaseUrl, final String name, final byte[] audio) {
        hosted.put(name, new Hosted(audio.clone(), AudioDigest.of(audio)));
        return storageBaseUrl + FILES_PATH + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    Optional<byte[]> hostedBytes(final String name) {
        return Optional.ofNullable(hosted.get(name)).map(Hosted::bytes);
    }

    void registerRemote(final String url, final AudioDigest digest) {
        failures.remove(url);
        remote.put(url, digest);
    }

    void registerFailure(final String url, final String code, final String message) {
        remote.remove(url);
        failures.put(url, new Unavailable(code, message));
    }

    boolean uploadExists(final String key) {
        return uploads.containsKey(key);
    }

    void putUpload(final String key, final String model, final AudioDigest digest, final Instant uploadedAt) {
        uploads.put(key, new Upload(model, digest, uploadedAt));
    }

    void clear() {
        hosted.clear();
        remote.clear();
        failures.clear();
        uploads.clear();
    }

    /**
     * Resolves an http(s) or oss:// reference the way the service's downloader would.
     * oss:// needs {@code X-DashScope-OssResourceResolve: enable}, an object uploaded less than 48 h ago, and the same
     * model as the policy it was uploaded with (section 6 constraints).
     */
    Resolution resolve(final String reference, final boolean ossResolve, final String model, final String storageBaseUrl,
            final Instant now) {
        if (reference.startsWith("oss://")) {
            final Upload upload = uploads.get(reference.substring("oss://".length()));
            if (!ossResolve || upload == null || !upload.model().equals(model)
                    || now.isAfter(upload.uploadedAt().plus(UPLOAD_LIFETIME))) {
                return new Unavailable(DOWNLOAD_FAILED, "The audio file cannot be downloaded.");
            }
            return new Found(upload.digest());
        }
        final Unavailable failure = failures.get(reference);
        if (failure != null) {
            return failure;
        }
        final AudioDigest registered = remote.get(reference);
        if (registered != null) {
            return new Found(registered);
        }
        final String filesPrefix = storageBaseUrl + FILES_PATH;
        if (reference.startsWith(filesPrefix)) {
            final String rawName = reference.substring(filesPrefix.length()).split("[?#]", 2)[0];
            final Hosted file = hosted.get(URLDecoder.decode(rawName.replace("+", "%2B"), StandardCharsets.UTF_8));
            if (file != null) {
                return new Found(file.digest());
            }
        }
        return new Unavailable(DOWNLOAD_FAILED, "The audio file cannot be downloaded.");
    }

    /** Whether a reference has a scheme the service downloads from at all. */
    static boolean isDownloadable(final String reference) {
        final String lower = reference.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("oss://");
    }

    sealed interface Resolution permits Found, Unavailable {
    }

    record Found(AudioDigest digest) implements Resolution {
    }

    record Unavailable(String code, String message) implements Resolution {
    }

    private record Hosted(byte[] bytes, AudioDigest digest) {
    }

    private record Upload(String model, AudioDigest digest, Instant uploadedAt) {
    }
}
