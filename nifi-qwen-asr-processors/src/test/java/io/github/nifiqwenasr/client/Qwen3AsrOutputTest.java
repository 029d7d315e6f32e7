/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Qwen3AsrOutputTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "language English<asr_text>Hello there.           | en   | Hello there.",
        "language Chinese<asr_text>甚至出现交易几乎停滞的情况。 | zh   | 甚至出现交易几乎停滞的情况。",
        "language Cantonese<asr_text> 你好 | yue | 你好",
        "Hello there.                                     | NULL | Hello there.",
        "language None<asr_text>                          | NULL | ''",
        "language Klingon<asr_text>Qapla'                 | Klingon | Qapla'",
        "language English<asr_text>a <asr_text> b         | en   | a <asr_text> b",
        "'  plain text with spaces  '                     | NULL | plain text with spaces"
    })
    void splitsTheLanguagePrefixTheWayQwenAsrDoes(final String raw, final String language, final String text) {
        final Qwen3AsrOutput output = Qwen3AsrOutput.parse(raw);
        assertEquals(language, output.language());
        assertEquals(text, output.text());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"en, language English<asr_text>", "fil, language Filipino<asr_text>", "nl, language Dutch<asr_text>"})
    void forcesALanguageByItsQwenName(final String code, final String prefix) {
        assertEquals(prefix, Qwen3AsrOutput.forcing(code));
    }
}
