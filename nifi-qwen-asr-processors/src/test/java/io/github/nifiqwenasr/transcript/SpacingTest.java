/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpacingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Hello|world|Hello world",
        "欢迎|使用|欢迎使用",
        "阿里云。|谢谢|阿里云。谢谢",
        "我用|iPhone|我用iPhone",
        "iPhone|很好|iPhone很好",
        "こんにちは|世界|こんにちは世界",
        "ありがとう|ございます|ありがとうございます",
        "สวัสดี|ครับ|สวัสดีครับ",
        "안녕하세요|여러분|안녕하세요 여러분",
        "Hello|,|Hello,",
        "Really|?|Really?",
        "called|(twice)|called (twice)",
        "(|twice|(twice",
        "Hola.|¿Qué tal?|Hola. ¿Qué tal?",
        "fifty|%|fifty%",
        "|first|first"
    })
    void joinsCjkDirectlyAndLatinWithASpace(final String left, final String right, final String joined) {
        final String before = left == null ? "" : left;

        final boolean space = Spacing.spaceBetween(Spacing.lastCodePoint(before), Spacing.firstCodePoint(right));

        assertEquals(joined, before + (space ? " " : "") + right);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc|3",
        "欢迎|4",
        "阿里云。|8",
        "ＡＢ|4",
        "안녕|4",
        "e\u0301|1",
        "😀 ok|5"
    })
    void countsWideCharactersAsTwoColumns(final String text, final int columns) {
        assertEquals(columns, Spacing.columns(text));
    }
}
