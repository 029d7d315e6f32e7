/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.shortaudio;

import com.alibaba.dashscope.aigc.multimodalconversation.MultiModalConversation;
import com.alibaba.dashscope.aigc.multimodalconversation.MultiModalConversationParam;
import com.alibaba.dashscope.aigc.multimodalconversation.MultiModalConversationResult;
import com.alibaba.dashscope.common.MultiModalMessage;
import com.alibaba.dashscope.common.Role;
import com.alibaba.dashscope.utils.Constants;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A qwen3-asr-flash call with dashscope-sdk-java written the way Model Studio's Java samples write it: the endpoint
 * in {@code Constants.baseHttpApiUrl}, a new {@code MultiModalConversation} per call, an empty system message, the
 * audio as the user message's one item, {@code asr_options} as a parameter.
 */
final class Sdk {

    private Sdk() {
    }

    /** Points the SDK at the endpoint, as the samples do for the international region. */
    static void useEndpoint(final String apiBaseUrl) {
        Constants.baseHttpApiUrl = apiBaseUrl + "/api/v1";
    }

    /** @param audio a URL, a data URL or a {@code file://} path, as the SDK's samples pass it */
    static String transcribe(final ShortAudioCall call, final String audio) throws Exception {
        final MultiModalConversation conversation = new MultiModalConversation();
        final MultiModalMessage system = MultiModalMessage.builder().role(Role.SYSTEM.getValue())
                .content(Arrays.asList(Collections.singletonMap("text", ""))).build();
        final MultiModalMessage user = MultiModalMessage.builder().role(Role.USER.getValue())
                .content(Arrays.asList(Collections.singletonMap("audio", audio))).build();
        final Map<String, Object> asrOptions = new HashMap<>();
        asrOptions.put("enable_itn", false);
        final MultiModalConversationParam param = MultiModalConversationParam.builder()
                .apiKey(call.apiKey())
                .model(ShortAudioCall.MODEL)
                .message(system)
                .message(user)
                .parameter("asr_options", asrOptions)
                .build();
        final MultiModalConversationResult result = conversation.call(param);
        final List<Map<String, Object>> content = result.getOutput().getChoices().get(0).getMessage().getContent();
        return String.valueOf(content.get(0).get("text"));
    }
}
