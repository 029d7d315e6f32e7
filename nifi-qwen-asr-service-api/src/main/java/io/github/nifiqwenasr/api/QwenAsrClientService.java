/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.api;

import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.controller.ControllerService;

/**
 * Connection to Alibaba Cloud Model Studio's Qwen3-ASR speech recognition: region, API key, HTTP settings and the
 * rate limiter that every processor using the service shares.
 */
@Tags({"qwen", "asr", "speech", "transcription", "dashscope", "alibaba"})
@CapabilityDescription("Provides the connection to Alibaba Cloud Model Studio Qwen3-ASR (DashScope) for the Qwen ASR processors.")
public interface QwenAsrClientService extends ControllerService {

    /**
     * The client of the enabled service: one HTTP connection pool and one set of rate limiters, shared by every
     * processor that references this service.
     *
     * @throws IllegalStateException when the service is not enabled
     */
    QwenAsrClient getClient();
}
