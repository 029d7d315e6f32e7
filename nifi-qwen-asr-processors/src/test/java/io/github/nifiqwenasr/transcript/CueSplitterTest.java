/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CueSplitterTest {

    private static final String[] LONG_ENGLISH = ("So today we are going to talk about how the new data pipeline works, "
            + "why we built it, and what it means for your team.").split(" ");

    record Split(long start, long end, String text) {
    }

    @Test
    void keepsAShortSentenceInOneCue() {
        final Sentence sentence = sentence(1_000, 2_600, "Hello", "world.");

        assertEquals(List.of(new Split(1_000, 2_600, "Hello world.")), split(sentence, 0));
    }

    @Test
    void keepsASentenceWithoutWordsInOneCueOnOneLine() {
        final Sentence sentence = new Sentence();
        sentence.reset(0, 0);
        sentence.setBegin(0);
        sentence.setEnd(60_000);
        sentence.text().append("A very long sentence\nwithout word timestamps ".repeat(10).strip());

        final List<Split> cues = split(sentence, 0);

        assertEquals(1, cues.size());
        assertEquals(new Split(0, 60_000, "A very long sentence without word timestamps ".repeat(10).strip()), cues.getFirst());
    }

    @Test
    void splitsALongSentenceAfterPunctuationIntoBalancedLines() {
        final Sentence sentence = sentence(10_000, 17_500, LONG_ENGLISH);

        assertEquals(List.of(
                new Split(10_000, 14_150, "So today we are going to talk about\nhow the new data pipeline works,"),
                new Split(14_200, 17_500, "why we built it, and what\nit means for your team.")), split(sentence, 0));
    }

    @Test
    void countsTheLabelOnTheFirstLine() {
        final Sentence sentence = sentence(10_000, 17_500, LONG_ENGLISH);

        final List<Split> cues = split(sentence, "[Channel 1] ".length());

        assertEquals(new Split(10_000, 14_150, "So today we are going to talk\nabout how the new data pipeline works,"), cues.getFirst());
    }

    @Test
    void breaksBetweenWordsWhenPunctuationIsEarlyInTheCue() {
        final String[] words = ("Well, this sentence keeps going on and on without any further punctuation at all "
                + "until the very end of it.").split(" ");
        final Sentence sentence = sentence(0, 20 * 300, words);

        final List<Split> cues = split(sentence, 0);

        assertEquals("Well, this sentence keeps going on and\non without any further punctuation at all", cues.getFirst().text());
    }

    @Test
    void limitsCuesToSevenSecondsOfWords() {
        final String[] words = "one two three four five six seven eight nine ten eleven twelve".split(" ");
        final Sentence sentence = new Sentence();
        sentence.reset(0, 0);
        sentence.setBegin(0);
        sentence.setEnd(12_000);
        for (int i = 0; i < words.length; i++) {
            addWord(sentence, words[i], "", i * 1_000L, i * 1_000L + 900);
        }

        final List<Split> cues = split(sentence, 0);

        assertEquals(List.of(
                new Split(0, 6_900, "one two three four five six seven"),
                new Split(7_000, 12_000, "eight nine ten eleven twelve")), cues);
    }

    @Test
    void fillsTwoLinesOfChineseCountingTwoColumnsPerCharacter() {
        final Sentence sentence = new Sentence();
        sentence.reset(0, 0);
        sentence.setBegin(0);
        sentence.setEnd(5_000);
        final String text = "数据管道".repeat(12);
        for (int i = 0; i < text.length(); i++) {
            addWord(sentence, text.substring(i, i + 1), i == text.length() - 1 ? "。" : "", i * 100L, i * 100L + 90);
        }

        final List<Split> cues = split(sentence, 0);

        assertEquals(List.of(
                new Split(0, 4_190, "数据管道".repeat(5) + "数\n" + "据管道" + "数据管道".repeat(4) + "数据"),
                new Split(4_200, 5_000, "管道数据管道。")), cues);
    }

    @Test
    void givesAWordTooLongForALineACueOfItsOwn() {
        final String huge = "x".repeat(60);
        final Sentence sentence = sentence(0, 3_000, "short", huge, "tail.");

        final List<Split> cues = split(sentence, 0);

        assertEquals(List.of("short", huge, "tail."), cues.stream().map(Split::text).toList());
    }

    @Test
    void keepsCueTimesInsideTheSentenceAndInOrder() {
        final Sentence sentence = new Sentence();
        sentence.reset(0, 0);
        sentence.setBegin(1_000);
        sentence.setEnd(9_000);
        addWord(sentence, "first", "", 500, 1_200);
        addWord(sentence, "x".repeat(40), "", 8_000, 8_500);
        addWord(sentence, "y".repeat(40), "", 2_000, 16_000);

        final List<Split> cues = split(sentence, 0);

        assertEquals(List.of(new Split(1_000, 1_200, "first"), new Split(8_000, 8_500, "x".repeat(40)),
                new Split(8_000, 9_000, "y".repeat(40))), cues);
    }

    @Test
    void leavesOutBlankCues() {
        final Sentence sentence = sentence(0, 1_000, " ", "\n");

        assertTrue(split(sentence, 0).isEmpty());
    }

    private static List<Split> split(final Sentence sentence, final int labelColumns) {
        final Cues cues = new Cues();
        new CueSplitter(labelColumns).split(sentence, cues);
        final List<Split> splits = new ArrayList<>();
        for (int i = 0; i < cues.size(); i++) {
            final Cue cue = cues.get(i);
            splits.add(new Split(cue.start(), cue.end(), cue.text().toString()));
        }
        return splits;
    }

    /** A sentence whose words (trailing punctuation split off) each last 250 ms, one every 300 ms from its begin. */
    private static Sentence sentence(final long begin, final long end, final String... words) {
        final Sentence sentence = new Sentence();
        sentence.reset(0, 0);
        sentence.setBegin(begin);
        sentence.setEnd(end);
        for (int i = 0; i < words.length; i++) {
            final String word = words[i];
            final int cut = word.length() > 1 && Spacing.isPunctuation(word.charAt(word.length() - 1)) ? word.length() - 1 : word.length();
            addWord(sentence, word.substring(0, cut), word.substring(cut), begin + i * 300L, begin + i * 300L + 250);
        }
        return sentence;
    }

    private static void addWord(final Sentence sentence, final String text, final String punctuation, final long begin, final long end) {
        final Word word = sentence.addWord();
        word.text().append(text);
        word.punctuation().append(punctuation);
        word.setBegin(begin);
        word.setEnd(end);
        sentence.markHasWords();
    }
}
