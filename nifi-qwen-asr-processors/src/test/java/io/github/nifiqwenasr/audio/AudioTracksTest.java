/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.audio;

import io.github.nifiqwenasr.testing.TestAudio;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioTracksTest {

    @Test
    void anMp4WithOnlyAVideoTrackHasNoAudio() {
        assertTrue(none(TestAudio.mp4(false, 1000, "vide")));
        assertTrue(none(TestAudio.mp4(false, 1000, "vide", "text")));
    }

    @Test
    void anMp4WithASoundTrackHasAudio() {
        assertFalse(none(TestAudio.mp4(false, 1000, "vide", "soun")));
        assertFalse(none(TestAudio.mp4(false, 1000, "soun")));
    }

    @Test
    void anMp4WhoseMovieBoxIsBeyondTheHeadIsLeftToTheService() {
        assertFalse(none(TestAudio.mp4(true, 2 * AudioSniffer.HEAD_LENGTH, "vide")));
    }

    @Test
    void anMp4WhoseMovieBoxIsCutByTheHeadIsLeftToTheService() {
        final byte[] file = TestAudio.mp4(false, 1000, "vide");
        assertFalse(AudioTracks.provablyNone(AudioFormat.MP4, file, 60));
    }

    @Test
    void anAviWithOnlyAVideoStreamHasNoAudio() {
        assertTrue(none(TestAudio.avi("vids")));
        assertFalse(none(TestAudio.avi("vids", "auds")));
        assertFalse(none(TestAudio.avi("auds")));
    }

    @Test
    void aBrokenBoxSizeIsLeftToTheService() {
        final byte[] file = TestAudio.mp4(false, 1000, "vide");
        file[3] = 2;
        assertFalse(none(file));
    }

    /** What the processors see: the file's head, its format as sniffed. */
    private static boolean none(final byte[] file) {
        final byte[] head = Arrays.copyOf(file, AudioSniffer.HEAD_LENGTH);
        final int length = Math.min(file.length, head.length);
        return AudioTracks.provablyNone(AudioSniffer.detect(head, length).orElseThrow(), head, length);
    }
}
