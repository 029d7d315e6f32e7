package io.github.nifiqwenasr.client;

import java.util.List;
import java.util.Set;

/** The language codes Qwen3-ASR accepts in {@code language} (dashscope-api.md section 2.1). */
public final class Languages {

    public static final List<String> CODES = List.of("zh", "yue", "en", "ja", "de", "ko", "ru", "fr", "pt", "ar", "it",
            "es", "hi", "id", "th", "tr", "uk", "vi", "cs", "da", "fil", "fi", "is", "ms", "no", "pl", "sv");

    private static final Set<String> SUPPORTED = Set.copyOf(CODES);

    private Languages() {
    }

    /**
     * The language to send: null for an empty value (the service detects the language), the code when supported.
     *
     * @throws AsrException when the value is not one of {@link #CODES}
     */
    public static String check(final String value) throws AsrException {
        if (value == null || value.isBlank()) {
            return null;
        }
        final String code = value.strip();
        if (!SUPPORTED.contains(code)) {
            throw AsrException.permanent(AsrErrorCodes.INVALID_LANGUAGE, "Language '" + (code.length() > 20 ? code.substring(0, 20) + "..." : code)
                    + "' is not supported; use one of " + String.join(", ", CODES) + ", or leave it empty to detect the language");
        }
        return code;
    }
}
