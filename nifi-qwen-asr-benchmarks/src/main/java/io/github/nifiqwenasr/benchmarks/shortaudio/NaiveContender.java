/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.shortaudio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiqwenasr.api.QwenAsrClient;
import io.github.nifiqwenasr.client.HttpQwenAsrClient;
import io.github.nifiqwenasr.io.Json;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Base64;

/**
 * The obvious hand-written client: read the whole file, Base64 it into a String, build the request as a Jackson tree,
 * serialise it to bytes, POST it with OkHttp and read the answer as a tree.
 */
final class NaiveContender implements Contender {

    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http = new OkHttpClient();
    private final ShortAudioCall call;
    private final HttpUrl url;

    NaiveContender(final ShortAudioCall call) {
        this.call = call;
        this.url = HttpUrl.get(call.apiBaseUrl()).newBuilder().addPathSegments(HttpQwenAsrClient.SHORT_AUDIO_PATH).build();
    }

    @Override
    public String transcribe() throws IOException {
        final byte[] audio = Files.readAllBytes(call.audio());
        final String base64 = Base64.getEncoder().encodeToString(audio);
        final ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", ShortAudioCall.MODEL);
        body.putObject("input").putArray("messages").addObject().put("role", "user").putArray("content").addObject()
                .put("audio", "data:" + call.mimeType() + ";base64," + base64);
        body.putObject("parameters").putObject("asr_options").put("enable_itn", false);
        final Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + call.apiKey())
                .post(RequestBody.create(Json.MAPPER.writeValueAsBytes(body), JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("HTTP " + response.code() + ": " + response.body().string());
            }
            final JsonNode root = Json.MAPPER.readTree(response.body().byteStream());
            return root.path("output").path("choices").path(0).path("message").path("content").path(0).path("text").asText();
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
