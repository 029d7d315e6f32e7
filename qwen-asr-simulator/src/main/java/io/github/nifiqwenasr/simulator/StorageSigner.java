/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The simulated OSS account: one access key id and a random secret per simulator, HMAC-SHA1 signatures in Base64
 * (the OSS V1 scheme used by upload policies and pre-signed URLs).
 */
final class StorageSigner {
    static final String ACCESS_KEY_ID = "LTAI5tQwenSimulator";

    private final SecretKeySpec key;

    StorageSigner() {
        final byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA1");
    }

    String sign(final String data) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required of every JVM", e);
        }
    }

    /** Constant-time comparison of a presented signature with the expected one. */
    boolean verify(final String data, final String presented) {
        return presented != null && MessageDigest.isEqual(sign(data).getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
