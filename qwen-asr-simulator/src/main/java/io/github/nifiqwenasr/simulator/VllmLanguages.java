/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The languages a self-hosted Qwen3-ASR knows, by the names it writes in its output prefix
 * ({@code language English<asr_text>...}), and the codes vLLM's transcription endpoint accepts in {@code language}.
 */
final class VllmLanguages {
    /** QwenLM/Qwen3-ASR qwen_asr/inference/utils.py SUPPORTED_LANGUAGES, keyed by the ISO code of each name. */
    private static final Map<String, String> QWEN3_ASR_NAMES = Map.ofEntries(
            Map.entry("zh", "Chinese"), Map.entry("en", "English"), Map.entry("yue", "Cantonese"),
            Map.entry("ar", "Arabic"), Map.entry("de", "German"), Map.entry("fr", "French"),
            Map.entry("es", "Spanish"), Map.entry("pt", "Portuguese"), Map.entry("id", "Indonesian"),
            Map.entry("it", "Italian"), Map.entry("ko", "Korean"), Map.entry("ru", "Russian"),
            Map.entry("th", "Thai"), Map.entry("vi", "Vietnamese"), Map.entry("ja", "Japanese"),
            Map.entry("tr", "Turkish"), Map.entry("hi", "Hindi"), Map.entry("ms", "Malay"),
            Map.entry("nl", "Dutch"), Map.entry("sv", "Swedish"), Map.entry("da", "Danish"),
            Map.entry("fi", "Finnish"), Map.entry("pl", "Polish"), Map.entry("cs", "Czech"),
            Map.entry("fil", "Filipino"), Map.entry("fa", "Persian"), Map.entry("el", "Greek"),
            Map.entry("ro", "Romanian"), Map.entry("hu", "Hungarian"), Map.entry("mk", "Macedonian"));

    /**
     * vLLM's Qwen3-ASR declares {@code supported_languages = ISO639_1_SUPPORTED_LANGS} of its Whisper model
     * (vllm/model_executor/models/qwen3_asr.py, whisper.py): OpenAI's speech-to-text language list.
     */
    private static final Set<String> TRANSCRIPTION_CODES = Set.of("af", "ar", "hy", "az", "be", "bs", "bg", "ca", "zh",
            "hr", "cs", "da", "nl", "en", "et", "fi", "fr", "gl", "de", "el", "he", "hi", "hu", "is", "id", "it", "ja",
            "kn", "kk", "ko", "lv", "lt", "mk", "ms", "mr", "mi", "ne", "no", "fa", "pl", "pt", "ro", "ru", "sr", "sk",
            "sl", "es", "sw", "sv", "tl", "ta", "th", "tr", "uk", "ur", "vi", "cy");

    private VllmLanguages() {
    }

    /** The name Qwen3-ASR writes for a language code (the simulator detects only zh and en). */
    static String name(final String code) {
        return QWEN3_ASR_NAMES.getOrDefault(code, "English");
    }

    /** The code of a name Qwen3-ASR writes, when it is one of its languages. */
    static Optional<String> code(final String name) {
        return QWEN3_ASR_NAMES.entrySet().stream().filter(entry -> entry.getValue().equalsIgnoreCase(name))
                .map(Map.Entry::getKey).findFirst();
    }

    static boolean acceptedByTranscriptions(final String code) {
        return TRANSCRIPTION_CODES.contains(code);
    }
}
