/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator.http;

import java.io.IOException;

/** The bytes on the connection are not a valid HTTP/1.1 request; the connection gets a 400 and is closed. */
final class MalformedRequestException extends IOException {
    MalformedRequestException(final String message) {
        super(message);
    }
}
