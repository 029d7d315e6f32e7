/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The language codes Qwen3-ASR accepts: on DashScope in {@code language} (dashscope-api.md section 2.1), and the
 * open-weight models a team serves itself, which read and write languages by name.
 */
public final class Languages {

    public static final List<String> CODES = List.of("zh", "yue", "en", "ja", "de", "ko", "ru", "fr", "pt", "ar", "it",
            "es", "hi", "id", "th", "tr", "uk", "vi", "cs", "da", "fil", "fi", "is", "ms", "no", "pl", "sv");

    /** QwenLM/Qwen3-ASR qwen_asr/inference/utils.py SUPPORTED_LANGUAGES, by the ISO code of each name. */
    private static final Map<String, String> OPEN_MODEL_NAMES = Map.ofEntries(
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

    /** The codes of {@link #OPEN_MODEL_NAMES} in a stable order, for messages and docs. */
    public static final List<String> OPEN_MODEL_CODES = OPEN_MODEL_NAMES.keySet().stream().sorted().toList();

    private static final Set<String> SUPPORTED = Set.copyOf(CODES);
    private static final Map<String, String> OPEN_MODEL_CODES_BY_NAME = OPEN_MODEL_NAMES.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(entry -> entry.getValue().toLowerCase(Locale.ROOT), Map.Entry::getKey));

    private Languages() {
    }

    /**
     * The language to send to DashScope: null for an empty value (the service detects the language), the code when
     * supported.
     *
     * @throws AsrException when the value is not one of {@link #CODES}
     */
    public static String check(final String value) throws AsrException {
        return check(value, SUPPORTED, CODES);
    }

    /** {@link #check} for the open-weight models: one of {@link #OPEN_MODEL_CODES}. */
    public static String checkOpenModel(final String value) throws AsrException {
        return check(value, OPEN_MODEL_NAMES.keySet(), OPEN_MODEL_CODES);
    }

    /** The name an open-weight model uses for a code of {@link #OPEN_MODEL_CODES}. */
    public static String openModelName(final String code) {
        return OPEN_MODEL_NAMES.get(code);
    }

    /** Whether some protocol accepts {@code code}: DashScope or a self-hosted open-weight model. */
    public static boolean isKnown(final String code) {
        return SUPPORTED.contains(code) || OPEN_MODEL_NAMES.containsKey(code);
    }

    /** The code of a language name an open-weight model wrote, or null when it is not one of its languages. */
    public static String openModelCode(final String name) {
        return OPEN_MODEL_CODES_BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    private static String check(final String value, final Set<String> supported, final List<String> listed) throws AsrException {
        if (value == null || value.isBlank()) {
            return null;
        }
        final String code = value.strip();
        if (!supported.contains(code)) {
            throw AsrException.permanent(AsrErrorCodes.INVALID_LANGUAGE, "Language '" + (code.length() > 20 ? code.substring(0, 20) + "..." : code)
                    + "' is not supported; use one of " + String.join(", ", listed) + ", or leave it empty to detect the language");
        }
        return code;
    }
}
