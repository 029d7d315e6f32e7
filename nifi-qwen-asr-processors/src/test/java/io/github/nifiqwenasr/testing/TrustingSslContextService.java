/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.testing;

import okhttp3.tls.HandshakeCertificates;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.ssl.SSLContextProvider;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;
import java.util.Optional;

/** An SSL Context Service that trusts exactly the certificates a test gives it, such as a MockWebServer's. */
public final class TrustingSslContextService extends AbstractControllerService implements SSLContextProvider {

    private final HandshakeCertificates certificates;

    public TrustingSslContextService(final HandshakeCertificates certificates) {
        this.certificates = certificates;
    }

    @Override
    public SSLContext createContext() {
        return certificates.sslContext();
    }

    @Override
    public Optional<X509ExtendedKeyManager> createKeyManager() {
        return Optional.empty();
    }

    @Override
    public X509TrustManager createTrustManager() {
        return certificates.trustManager();
    }
}
