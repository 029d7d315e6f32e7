/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

/** NiFi's REST API answered with an unexpected HTTP status. */
public final class NiFiRestException extends RuntimeException {

    private final int status;

    public NiFiRestException(final String method, final String path, final int status, final String body) {
        super(method + " " + path + " answered HTTP " + status + ": " + body);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
