/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.AudioInput;
import io.github.nifiqwenasr.io.Json;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/** JSON request bodies, with the audio either as its URL or streamed in as a base64 data URL. */
final class RequestBodies {

    private static final MediaType JSON = MediaType.get("application/json");

    private RequestBodies() {
    }

    static RequestBody json(final ObjectNode body) throws AsrException {
        try {
            return RequestBody.create(Json.MAPPER.writeValueAsBytes(body), JSON);
        } catch (final JsonProcessingException e) {
            throw cannotWrite(e);
        }
    }

    /** {@code body} with {@code holder.field} set to the audio's URL, or to a data URL streamed from its content. */
    static RequestBody withAudio(final ObjectNode body, final ObjectNode holder, final String field, final AudioInput audio)
            throws AsrException {
        if (audio instanceof AudioInput.Url url) {
            holder.put(field, url.url());
            return json(body);
        }
        try {
            return DataUrlJsonBody.create(body, holder, field, (AudioInput.Content) audio);
        } catch (final JsonProcessingException e) {
            throw cannotWrite(e);
        }
    }

    private static AsrException cannotWrite(final JsonProcessingException e) {
        return AsrException.permanent(AsrErrorCodes.UNEXPECTED_RESPONSE, "Could not write the request: " + e.getOriginalMessage());
    }
}
