/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.api.AsrException;

/** The reading of answer fields every parser shares: liberal in what it accepts, null for what is absent. */
final class JsonFields {

    private JsonFields() {
    }

    /** A scalar field as text; null when absent, null or a container. */
    static String text(final JsonNode node, final String field) {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }

    /** {@code usage.seconds}: the billed audio duration, when the answer has it. */
    static Long seconds(final JsonNode root) {
        final JsonNode seconds = root.path("usage").path("seconds");
        return seconds.isNumber() ? seconds.asLong() : null;
    }

    /** The first {@code language} and {@code emotion} of DashScope's {@code annotations} ({@code audio_info}). */
    static void annotations(final JsonNode holder, final TranscriptBuilder transcript) {
        for (final JsonNode annotation : holder.path("annotations")) {
            transcript.language(text(annotation, "language"));
            transcript.emotion(text(annotation, "emotion"));
        }
    }

    static AsrException unexpected(final String operation, final String missing) {
        return AsrException.permanent(AsrErrorCodes.UNEXPECTED_RESPONSE, operation + " returned JSON without "
                + missing + "; check that the Endpoint Override URL and the API Protocol of the client service match"
                + " the server");
    }
}
