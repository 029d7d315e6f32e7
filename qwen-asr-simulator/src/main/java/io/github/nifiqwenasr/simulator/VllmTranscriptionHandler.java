/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiqwenasr.simulator.audio.AudioDigest;
import io.github.nifiqwenasr.simulator.audio.AudioDigester;
import io.github.nifiqwenasr.simulator.audio.AudioFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A self-hosted Qwen3-ASR on vLLM's Whisper-style {@code POST /v1/audio/transcriptions}
 * (vllm/entrypoints/openai/speech_to_text: protocol.py TranscriptionRequest, speech_to_text.py): a multipart form with
 * a {@code file} part and optional {@code model}, {@code language}, {@code prompt}, {@code response_format},
 * {@code temperature}, ...; the file is streamed through a digest, never held in memory. The text is post-processed
 * (Qwen3ASRForConditionalGeneration.post_process_output drops the {@code language X<asr_text>} prefix).
 */
final class VllmTranscriptionHandler implements EndpointHandler {
    /** vLLM's VLLM_MAX_AUDIO_CLIP_FILESIZE_MB default. */
    static final long MAX_FILE_BYTES = 25L * 1024 * 1024;
    private static final Set<String> RESPONSE_FORMATS = Set.of("json", "text", "srt", "verbose_json", "vtt");
    private static final int MAX_FIELD_BYTES = 64 * 1024;

    private final SimulatorSettings settings;

    VllmTranscriptionHandler(final SimulatorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void handle(final Call call) throws ApiError, IOException {
        final String boundary = MultipartReader.boundary(call.request().header("Content-Type").orElse(null));
        if (boundary == null) {
            throw VllmErrors.invalidRequest("Field required: file (the body must be multipart/form-data)");
        }
        final Form form = Form.read(new MultipartReader(call.body(), boundary));
        if (form.file() == null) {
            throw VllmErrors.invalidRequest("Field required: file");
        }
        if (!form.fileHasName()) {
            // protocol.py validate_transcription_request: a file field without a filename arrives as a string.
            throw new ApiError(422, "Unprocessable Entity", "Unprocessable Entity", "Expected 'file' to be a file-like object, not 'str'.");
        }
        final String model = VllmModels.check(form.fields().get("model"), settings);
        final String responseFormat = form.fields().getOrDefault("response_format", "json");
        if (!RESPONSE_FORMATS.contains(responseFormat)) {
            throw VllmErrors.invalidRequest("Input should be 'json', 'text', 'srt', 'verbose_json' or 'vtt': response_format");
        }
        if ("true".equalsIgnoreCase(form.fields().get("stream_include_usage")) && !"true".equalsIgnoreCase(form.fields().get("stream"))) {
            throw VllmErrors.badRequest("Stream options can only be defined when `stream=True`.");
        }
        if (!Set.of("json", "text", "verbose_json").contains(responseFormat)) {
            throw VllmErrors.badRequest("Currently only support response_format: `text`, `json` or `verbose_json`");
        }
        if (responseFormat.equals("verbose_json")) {
            throw VllmErrors.badRequest("Currently do not support verbose_json for " + model);
        }
        if ("true".equalsIgnoreCase(form.fields().get("stream"))) {
            // A deviation: vLLM streams transcription chunks; the simulator does not.
            throw VllmErrors.badRequest("The simulator does not stream transcriptions (stream=true).");
        }
        final String language = form.fields().get("language");
        if (language != null && !VllmLanguages.acceptedByTranscriptions(language)) {
            throw VllmErrors.badRequest("Unsupported language: '" + language + "'. Language should be an ISO-639-1 code"
                    + " of the model's supported languages.");
        }
        if (form.tooLarge()) {
            throw VllmErrors.badRequest("Maximum file size exceeded");
        }
        if (form.file().format() == AudioFormat.UNSUPPORTED) {
            throw VllmErrors.badRequest("Invalid or unsupported audio file.");
        }
        final Recognition recognition = Recognition.of(form.file(), language);
        if (responseFormat.equals("text")) {
            call.exchange().respond(200, "text/plain; charset=utf-8", recognition.text().getBytes(StandardCharsets.UTF_8));
            return;
        }
        final ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("text", recognition.text());
        answer.putObject("usage").put("type", "duration").put("seconds", recognition.seconds());
        call.exchange().respond(200, ErrorStyle.JSON, Json.MAPPER.writeValueAsBytes(answer));
    }

    /** The parts of the form, in any order: text fields, and the file as a digest. */
    private record Form(Map<String, String> fields, AudioDigest file, boolean fileHasName, boolean tooLarge) {

        static Form read(final MultipartReader reader) throws ApiError, IOException {
            final Map<String, String> fields = new HashMap<>();
            AudioDigest file = null;
            boolean fileHasName = false;
            boolean tooLarge = false;
            try {
                MultipartReader.Part part;
                while ((part = reader.next()) != null) {
                    if (part.name().equals("file")) {
                        final AudioDigester digester = new AudioDigester();
                        final byte[] chunk = new byte[64 * 1024];
                        int read;
                        while ((read = reader.read(chunk, 0, chunk.length)) >= 0) {
                            if (digester.size() + read > MAX_FILE_BYTES) {
                                tooLarge = true;
                            } else {
                                digester.update(chunk, 0, read);
                            }
                        }
                        file = digester.finish();
                        fileHasName = part.filename() != null;
                    } else {
                        fields.put(part.name(), reader.readText(MAX_FIELD_BYTES));
                    }
                }
            } catch (final IOException e) {
                throw VllmErrors.invalidRequest("There was an error parsing the body: " + e.getMessage());
            }
            return new Form(fields, file, fileHasName, tooLarge);
        }
    }
}
