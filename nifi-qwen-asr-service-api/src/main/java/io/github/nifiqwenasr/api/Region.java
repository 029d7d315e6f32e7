/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.api;

import org.apache.nifi.components.DescribedValue;

/**
 * Model Studio regions and their DashScope endpoints (dashscope-api.md section 1.1). API keys belong to one region:
 * a key used against another region's endpoint is rejected with 401.
 */
public enum Region implements DescribedValue {
    SINGAPORE("ap-southeast-1", "Singapore (ap-southeast-1)", "https://dashscope-intl.aliyuncs.com",
            "International deployment, endpoint dashscope-intl.aliyuncs.com. Short and long audio."),
    US_VIRGINIA("us-east-1", "US, Virginia (us-east-1)", "https://dashscope-us.aliyuncs.com",
            "US deployment, endpoint dashscope-us.aliyuncs.com. Short audio only (qwen3-asr-flash-us); no file transcription."),
    BEIJING("cn-beijing", "Chinese mainland, Beijing (cn-beijing)", "https://dashscope.aliyuncs.com",
            "Chinese mainland deployment, endpoint dashscope.aliyuncs.com. Short and long audio.");

    private static final String US_SUFFIX = "-us";
    private static final String FILE_TRANSCRIPTION_PREFIX = "qwen3-asr-flash-filetrans";

    private final String value;
    private final String displayName;
    private final String baseUrl;
    private final String description;

    Region(final String value, final String displayName, final String baseUrl, final String description) {
        this.value = value;
        this.displayName = displayName;
        this.baseUrl = baseUrl;
        this.description = description;
    }

    public static Region fromValue(final String value) {
        for (final Region region : values()) {
            if (region.value.equals(value)) {
                return region;
            }
        }
        throw new IllegalArgumentException("Unknown region " + value);
    }

    @Override
    public String getValue() {
        return value;
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public String getDescription() {
        return description;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public boolean offersFileTranscription() {
        return this != US_VIRGINIA;
    }

    /**
     * The name of a short-audio model as this region knows it: the US region serves only {@code -us} variants, so
     * {@code qwen3-asr-flash} becomes {@code qwen3-asr-flash-us} there; elsewhere {@code -us} models do not exist.
     */
    public String shortAudioModel(final String model) throws AsrException {
        if (this == US_VIRGINIA) {
            return model.endsWith(US_SUFFIX) ? model : model + US_SUFFIX;
        }
        if (model.endsWith(US_SUFFIX)) {
            throw AsrException.permanent(AsrErrorCodes.MODEL_NOT_IN_REGION, "Model " + model
                    + " exists only in the US region (us-east-1), but the client service is set to " + displayName
                    + ". Use " + model.substring(0, model.length() - US_SUFFIX.length()) + " or change the Region.");
        }
        return model;
    }

    /** The name of a file-transcription model in this region; the US region has none. */
    public String fileTranscriptionModel(final String model) throws AsrException {
        if (!offersFileTranscription()) {
            throw AsrException.permanent(AsrErrorCodes.MODEL_NOT_IN_REGION, "File transcription (" + model
                    + ") is not offered in " + displayName + ". Use a client service set to Singapore (ap-southeast-1) or"
                    + " Beijing (cn-beijing), or send audio up to 5 minutes through TranscribeAudioShort.");
        }
        if (model.endsWith(US_SUFFIX)) {
            throw AsrException.permanent(AsrErrorCodes.MODEL_NOT_IN_REGION, "Model " + model
                    + " is a US short-audio model; file transcription uses " + FILE_TRANSCRIPTION_PREFIX + ".");
        }
        return model;
    }
}
