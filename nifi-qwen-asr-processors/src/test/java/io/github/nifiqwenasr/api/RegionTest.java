/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegionTest {

    @Test
    void regionsMapToTheirEndpoints() {
        assertEquals("https://dashscope-intl.aliyuncs.com", Region.fromValue("ap-southeast-1").getBaseUrl());
        assertEquals("https://dashscope-us.aliyuncs.com", Region.fromValue("us-east-1").getBaseUrl());
        assertEquals("https://dashscope.aliyuncs.com", Region.fromValue("cn-beijing").getBaseUrl());
    }

    @Test
    void usRegionUsesUsModelsAndHasNoFileTranscription() throws AsrException {
        assertEquals("qwen3-asr-flash-us", Region.US_VIRGINIA.shortAudioModel("qwen3-asr-flash"));
        assertEquals("qwen3-asr-flash-2025-09-08-us", Region.US_VIRGINIA.shortAudioModel("qwen3-asr-flash-2025-09-08"));
        assertEquals("qwen3-asr-flash-us", Region.US_VIRGINIA.shortAudioModel("qwen3-asr-flash-us"));
        final AsrException e = assertThrows(AsrException.class, () -> Region.US_VIRGINIA.fileTranscriptionModel("qwen3-asr-flash-filetrans"));
        assertEquals(AsrErrorCodes.MODEL_NOT_IN_REGION, e.getCode());
        assertTrue(e.getMessage().contains("not offered"));
    }

    @Test
    void otherRegionsRejectUsModels() throws AsrException {
        assertEquals("qwen3-asr-flash", Region.SINGAPORE.shortAudioModel("qwen3-asr-flash"));
        assertEquals("qwen3-asr-flash-filetrans", Region.BEIJING.fileTranscriptionModel("qwen3-asr-flash-filetrans"));
        final AsrException e = assertThrows(AsrException.class, () -> Region.BEIJING.shortAudioModel("qwen3-asr-flash-us"));
        assertTrue(e.getMessage().contains("Use qwen3-asr-flash"));
    }
}
