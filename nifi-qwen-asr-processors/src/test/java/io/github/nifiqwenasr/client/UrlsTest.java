/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UrlsTest {

    @Test
    void redactionDropsCredentialsAndSignatures() {
        assertEquals("https://host/a/b.json", Urls.redact("https://user:pass@host/a/b.json?Expires=1&Signature=abc#frag"));
        assertEquals("http://127.0.0.1:8080/x", Urls.redact(HttpUrl.get("http://127.0.0.1:8080/x?token=1")));
        assertEquals("oss://bucket/dir/a.wav", Urls.redact("oss://bucket/dir/a.wav?x=1"));
        assertEquals("ftp://host/file", Urls.redact("ftp://user:secret@host/file"));
    }

    @Test
    void onlyLoopbackHostsMayUsePlainHttp() {
        assertTrue(Urls.isSecureOrLoopback(HttpUrl.get("http://127.0.0.1:9000/")));
        assertTrue(Urls.isSecureOrLoopback(HttpUrl.get("http://127.9.9.9/")));
        assertTrue(Urls.isSecureOrLoopback(HttpUrl.get("http://localhost/")));
        assertTrue(Urls.isSecureOrLoopback(HttpUrl.get("http://[::1]:80/")));
        assertTrue(Urls.isSecureOrLoopback(HttpUrl.get("https://gateway.example.com/")));
        assertFalse(Urls.isSecureOrLoopback(HttpUrl.get("http://gateway.example.com/")));
        assertFalse(Urls.isSecureOrLoopback(HttpUrl.get("http://10.0.0.5/")));
        assertFalse(Urls.isSecureOrLoopback(HttpUrl.get("http://127.0.0.1.nip.io/")));
    }
}
