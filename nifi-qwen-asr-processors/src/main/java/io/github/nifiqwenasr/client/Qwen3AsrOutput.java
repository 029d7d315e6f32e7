/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import io.github.nifiqwenasr.api.Languages;

import java.util.Locale;

/**
 * The raw output of a Qwen3-ASR model, {@code language English<asr_text>The text.}, split into language and text.
 * <p>
 * Follows {@code parse_asr_output} of QwenLM/Qwen3-ASR (qwen_asr/inference/utils.py): without the tag the whole
 * output is text; with it, the text is what follows the first tag and the language is read from a
 * {@code language <Name>} line before it; {@code language None} means the audio held no speech. vLLM's chat
 * completions return this raw output (QwenLM/Qwen3-ASR README: "parse ASR output if you want"); its transcription
 * endpoint strips it itself (vllm/model_executor/models/qwen3_asr.py {@code post_process_output}), so there the parser
 * finds plain text. DashScope's answers never carry the tag.
 *
 * @param language the language code ({@link Languages#openModelCode}), the name as the model wrote it when it is not
 *                 a known one, or null when the output named none
 */
record Qwen3AsrOutput(String language, String text) {

    static final String ASR_TEXT_TAG = "<asr_text>";
    private static final String LANGUAGE_PREFIX = "language ";
    private static final String NO_SPEECH = "none";

    static Qwen3AsrOutput parse(final String raw) {
        final String output = raw == null ? "" : raw.strip();
        final int tag = output.indexOf(ASR_TEXT_TAG);
        if (tag < 0) {
            return new Qwen3AsrOutput(null, output);
        }
        final String text = output.substring(tag + ASR_TEXT_TAG.length()).strip();
        return new Qwen3AsrOutput(language(output.substring(0, tag)), text);
    }

    /** The prefix that makes the model write only text in {@code language}: how qwen_asr forces a language. */
    static String forcing(final String languageCode) {
        return LANGUAGE_PREFIX + Languages.openModelName(languageCode) + ASR_TEXT_TAG;
    }

    private static String language(final String meta) {
        for (final String line : meta.split("\\R")) {
            final String trimmed = line.strip();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith(LANGUAGE_PREFIX)) {
                final String name = trimmed.substring(LANGUAGE_PREFIX.length()).strip();
                if (name.isEmpty() || name.equalsIgnoreCase(NO_SPEECH)) {
                    return null;
                }
                final String code = Languages.openModelCode(name);
                return code != null ? code : name;
            }
        }
        return null;
    }
}
