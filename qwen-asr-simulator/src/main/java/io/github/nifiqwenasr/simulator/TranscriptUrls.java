/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Pre-signed transcript URLs on the storage port (section 5.2: Expires, OSSAccessKeyId, Signature; valid 24 h). */
final class TranscriptUrls {
    static final String PREFIX = "/transcripts/";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final StorageSigner signer;

    TranscriptUrls(final StorageSigner signer) {
        this.signer = signer;
    }

    String url(final String storageBaseUrl, final Task task, final Instant expires) {
        final String path = PREFIX + DAY.format(task.submitted()) + "/" + task.id() + ".json";
        final long expiresSeconds = expires.getEpochSecond();
        return storageBaseUrl + path + "?Expires=" + expiresSeconds + "&OSSAccessKeyId=" + StorageSigner.ACCESS_KEY_ID
                + "&Signature=" + URLEncoder.encode(signer.sign(stringToSign(path, expiresSeconds)), StandardCharsets.UTF_8)
                + "&response-content-disposition=" + URLEncoder.encode("attachment;filename=" + task.id() + ".json", StandardCharsets.UTF_8);
    }

    /** Throws the OSS error for a missing, tampered or expired signature. */
    void verify(final String path, final Map<String, String> query, final Instant now) throws ApiError {
        final String expires = query.get("Expires");
        final String signature = query.get("Signature");
        if (expires == null || signature == null || !StorageSigner.ACCESS_KEY_ID.equals(query.get("OSSAccessKeyId"))) {
            throw ApiError.verbatim(403, "AccessDenied", "You have no right to access this object because of bucket acl.");
        }
        final long expiresSeconds;
        try {
            expiresSeconds = Long.parseLong(expires);
        } catch (final NumberFormatException e) {
            throw ApiError.verbatim(403, "AccessDenied", "Invalid Expires: " + expires);
        }
        if (!signer.verify(stringToSign(path, expiresSeconds), signature)) {
            throw ApiError.verbatim(403, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
        }
        if (now.getEpochSecond() > expiresSeconds) {
            throw ApiError.verbatim(403, "AccessDenied", "Request has expired.");
        }
    }

    private static String stringToSign(final String path, final long expires) {
        return "GET\n\n\n" + expires + "\n" + path;
    }
}
