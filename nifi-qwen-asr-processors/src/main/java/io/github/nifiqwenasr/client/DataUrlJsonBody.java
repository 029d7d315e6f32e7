/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiqwenasr.api.AudioInput;
import io.github.nifiqwenasr.api.StreamSource;
import io.github.nifiqwenasr.io.Json;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.apache.nifi.stream.io.NonCloseableOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * A JSON request body whose one audio field is a base64 data URL, encoded while it is written to the socket.
 * <p>
 * The JSON around the audio is serialised once with Jackson (so every other value is escaped correctly) with a
 * placeholder where the base64 goes; writing sends the part before the placeholder, streams the content through a
 * base64 encoder, then sends the rest. The audio is never held whole in memory, as bytes or as a String, and the
 * exact Content-Length is known up front. The body can be written again (OkHttp may retry on a fresh connection)
 * because every write reopens the content.
 */
final class DataUrlJsonBody extends RequestBody {

    private static final MediaType JSON = MediaType.get("application/json");

    private final byte[] prefix;
    private final byte[] suffix;
    private final StreamSource source;
    private final long audioLength;

    private DataUrlJsonBody(final byte[] prefix, final byte[] suffix, final StreamSource source, final long audioLength) {
        this.prefix = prefix;
        this.suffix = suffix;
        this.source = source;
        this.audioLength = audioLength;
    }

    /**
     * @param request the request document; {@code audioHolder.put(audioField, ...)} is where the data URL goes
     */
    static DataUrlJsonBody create(final ObjectNode request, final ObjectNode audioHolder, final String audioField,
                                  final AudioInput.Content content) throws JsonProcessingException {
        final String placeholder = "AUDIO-" + UUID.randomUUID();
        audioHolder.put(audioField, dataUrlPrefix(content.mimeType()) + placeholder);
        final String json = Json.MAPPER.writeValueAsString(request);
        final int at = json.indexOf(placeholder);
        final byte[] prefix = json.substring(0, at).getBytes(StandardCharsets.UTF_8);
        final byte[] suffix = json.substring(at + placeholder.length()).getBytes(StandardCharsets.UTF_8);
        return new DataUrlJsonBody(prefix, suffix, content.source(), content.length());
    }

    static String dataUrlPrefix(final String mimeType) {
        return "data:" + mimeType + ";base64,";
    }

    /** Length of the base64 form of {@code length} bytes (with padding). */
    static long base64Length(final long length) {
        return (length + 2) / 3 * 4;
    }

    /** Length of the whole data URL for {@code length} bytes of {@code mimeType} content. */
    static long dataUrlLength(final String mimeType, final long length) {
        return dataUrlPrefix(mimeType).length() + base64Length(length);
    }

    @Override
    public MediaType contentType() {
        return JSON;
    }

    @Override
    public long contentLength() {
        return prefix.length + base64Length(audioLength) + suffix.length;
    }

    @Override
    public void writeTo(final BufferedSink sink) throws IOException {
        sink.write(prefix);
        try (InputStream in = source.open();
             OutputStream base64 = Base64.getEncoder().wrap(new NonCloseableOutputStream(sink.outputStream()))) {
            final long copied = in.transferTo(base64);
            if (copied != audioLength) {
                throw new IOException("The content changed while it was being sent: expected " + audioLength + " bytes, read " + copied);
            }
        }
        sink.write(suffix);
    }
}
