/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.AudioInput;
import io.github.nifiqwenasr.api.Languages;
import io.github.nifiqwenasr.api.Region;
import io.github.nifiqwenasr.api.ShortAudioRequest;
import io.github.nifiqwenasr.api.ShortAudioResult;
import okhttp3.HttpUrl;
import okhttp3.MultipartBody;
import okhttp3.Request;

/**
 * A self-hosted Qwen3-ASR on vLLM's Whisper-style {@code POST /v1/audio/transcriptions}
 * (vllm/entrypoints/openai/speech_to_text/protocol.py TranscriptionRequest, after OpenAI's createTranscription): a
 * multipart form with {@code model}, {@code language} (ISO-639-1), {@code prompt} (the context),
 * {@code response_format=json}, and the audio as the last part, streamed from the content (never buffered). The
 * answer is {@code {"text", "usage": {"type": "duration", "seconds"}}}. The endpoint takes files only: no audio URLs.
 */
final class OpenAiTranscriptionShortAudio implements ShortAudioProtocol {

    static final String PATH = "v1/audio/transcriptions";

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public String model(final Region region, final String model) {
        return model;
    }

    @Override
    public String checkLanguage(final String value) throws AsrException {
        return Languages.checkOpenModel(value);
    }

    @Override
    public void checkAudio(final AudioInput audio) throws AsrException {
        if (audio instanceof AudioInput.Url) {
            throw AsrException.permanent(AsrErrorCodes.AUDIO_URL_NOT_SUPPORTED, "OpenAI audio transcriptions take the audio"
                    + " as a file upload only, not as a URL. Leave Audio URL empty to send the content, fetch the audio"
                    + " first (for example with InvokeHTTP), or use a client service with OpenAI chat completions");
        }
    }

    @Override
    public Request.Builder request(final HttpUrl url, final ShortAudioRequest request, final boolean stream) {
        final AudioInput.Content content = (AudioInput.Content) request.audio();
        final MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("model", request.model())
                .addFormDataPart("response_format", "json");
        if (request.language() != null) {
            form.addFormDataPart("language", request.language());
        }
        if (request.context() != null && !request.context().isEmpty()) {
            form.addFormDataPart("prompt", request.context());
        }
        form.addFormDataPart("file", fileName(content.mimeType()),
                new StreamingContentBody(content.source(), content.length(), content.mimeType()));
        return new Request.Builder().url(url).post(form.build());
    }

    /** The text, cleaned of a language prefix in case the server does not strip it; the requested language if any. */
    @Override
    public ShortAudioResult parse(final JsonNode answer, final ShortAudioRequest request) throws AsrException {
        final JsonNode text = answer.get("text");
        if (text == null || !text.isTextual()) {
            throw JsonFields.unexpected(HttpQwenAsrClient.SHORT_AUDIO, "text");
        }
        final TranscriptBuilder transcript = new TranscriptBuilder();
        transcript.audioSeconds(JsonFields.seconds(answer));
        return transcript.buildFromModelOutput(text.asText(), request.language());
    }

    /** A file name the server can take the format from: {@code audio.wav} for audio/wav. */
    private static String fileName(final String mimeType) {
        final String subtype = mimeType.substring(mimeType.indexOf('/') + 1).replaceAll("[^A-Za-z0-9.+-]", "");
        return "audio." + (subtype.isEmpty() ? "bin" : subtype);
    }
}
