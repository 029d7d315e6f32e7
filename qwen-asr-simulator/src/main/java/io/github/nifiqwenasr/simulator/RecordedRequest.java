/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as the simulator received it.
 *
 * @param headers        case-insensitive, unmodifiable
 * @param body           the first {@link SimulatorSettings#recordBodyLimitBytes()} bytes, empty when bodies are not recorded
 * @param bodyLength     the full length of the body as received
 * @param responseStatus the status sent, 0 when the connection was closed without an answer
 */
public record RecordedRequest(Endpoint endpoint, String method, String path, String query,
        Map<String, List<String>> headers, byte[] body, long bodyLength, int responseStatus, Instant receivedAt) {

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(final String name) {
        final List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The body parsed as JSON; throws when it is not (or was not recorded). */
    public JsonNode json() {
        try {
            final JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new IOException("empty body");
            }
            return node;
        } catch (final IOException e) {
            throw new UncheckedIOException("The recorded body of " + method + " " + path + " is not JSON", e);
        }
    }
}
