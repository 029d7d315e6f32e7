/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiqwenasr.simulator.audio.SampleAudio;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Real HTTP calls to a simulator for the tests, plus request bodies shaped like the docs' examples. */
final class SimulatorClient {
    static final MediaType JSON = MediaType.get("application/json");
    static final OkHttpClient HTTP = new OkHttpClient.Builder()
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .readTimeout(Duration.ofSeconds(20))
            .build();

    private final DashScopeSimulator simulator;

    SimulatorClient(final DashScopeSimulator simulator) {
        this.simulator = simulator;
    }

    /** Status, headers and the whole body as text. */
    record Answer(int status, Headers headers, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (final IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        String header(final String name) {
            return headers.get(name);
        }
    }

    static Answer execute(final Request request) {
        try (Response response = HTTP.newCall(request).execute()) {
            return new Answer(response.code(), response.headers(), response.body().string());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Answer post(final String path, final Object body, final Map<String, String> headers) {
        final Request.Builder request = new Request.Builder().url(simulator.apiBaseUrl() + path)
                .header("Authorization", "Bearer " + simulator.apiKey())
                .post(RequestBody.create(body instanceof String text ? text : write(body), JSON));
        headers.forEach(request::header);
        return execute(request.build());
    }

    Answer get(final String path, final Map<String, String> headers) {
        final Request.Builder request = new Request.Builder().url(simulator.apiBaseUrl() + path)
                .header("Authorization", "Bearer " + simulator.apiKey());
        headers.forEach(request::header);
        return execute(request.build());
    }

    Answer flash(final Object body) {
        return post(Routes.FLASH_PATH, body, Map.of());
    }

    Answer flashSse(final Object body) {
        return post(Routes.FLASH_PATH, body, Map.of("X-DashScope-SSE", "enable"));
    }

    Answer compat(final Object body) {
        return post(Routes.COMPAT_PATH, body, Map.of());
    }

    /** vLLM's chat completions; sends no Authorization (a vLLM server started without --api-key needs none). */
    Answer vllmChat(final Object body) {
        return execute(new Request.Builder().url(simulator.apiBaseUrl() + Routes.VLLM_CHAT_PATH)
                .post(RequestBody.create(body instanceof String text ? text : write(body), JSON)).build());
    }

    /** vLLM's transcriptions: a multipart form with {@code fields} first and the file last, named {@code fileName}. */
    Answer vllmTranscription(final Map<String, String> fields, final String fileName, final byte[] audio) {
        final MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
        fields.forEach(form::addFormDataPart);
        if (audio != null) {
            form.addFormDataPart("file", fileName, RequestBody.create(audio, MediaType.get("audio/wav")));
        }
        return execute(new Request.Builder().url(simulator.apiBaseUrl() + Routes.VLLM_TRANSCRIPTION_PATH).post(form.build()).build());
    }

    Answer submit(final Object body) {
        return post(Routes.SUBMIT_PATH, body, Map.of("X-DashScope-Async", "enable"));
    }

    Answer task(final String taskId) {
        return get("/api/v1/tasks/" + taskId, Map.of());
    }

    static String write(final Object body) {
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode parse(final String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Field names of a JSON object in document order. */
    static List<String> names(final JsonNode node) {
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static byte[] wav(final String text, final int seconds) {
        return SampleAudio.wav(Duration.ofSeconds(seconds), 16_000, 1, text);
    }

    static String dataUri(final String mime, final byte[] audio) {
        return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(audio);
    }

    /** Section 2.1's example body with {@code audio} as the one user item. */
    static ObjectNode flashBody(final String model, final String audio) {
        return parse("""
                {"model": "%s",
                 "input": {"messages": [
                   {"role": "system", "content": [{"text": ""}]},
                   {"role": "user", "content": [{"audio": "%s"}]}]},
                 "parameters": {"asr_options": {"enable_itn": false}}}""".formatted(model, audio));
    }

    /** Section 4.1's example body. */
    static ObjectNode compatBody(final String audio, final boolean stream) {
        return parse("""
                {"model": "qwen3-asr-flash",
                 "messages": [{"role": "user", "content": [{"type": "input_audio", "input_audio": {"data": "%s"}}]}],
                 "stream": %s,
                 "asr_options": {"enable_itn": false}}""".formatted(audio, stream));
    }

    /** The QwenLM/Qwen3-ASR README's vLLM request: one user message with one audio_url part. */
    static ObjectNode vllmBody(final String audioUrl, final boolean stream) {
        return parse("""
                {"model": "Qwen/Qwen3-ASR-1.7B",
                 "messages": [{"role": "user", "content": [{"type": "audio_url", "audio_url": {"url": "%s"}}]}],
                 "stream": %s}""".formatted(audioUrl, stream));
    }

    /** Section 5.1's example body. */
    static ObjectNode submitBody(final String fileUrl) {
        return parse("""
                {"model": "qwen3-asr-flash-filetrans",
                 "input": {"file_url": "%s"},
                 "parameters": {"channel_id": [0], "enable_itn": false, "enable_words": true, "language": "en"}}""".formatted(fileUrl));
    }
}
