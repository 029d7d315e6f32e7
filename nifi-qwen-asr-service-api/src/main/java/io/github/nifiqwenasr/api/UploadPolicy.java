/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.api;

/** Permission to upload one file to the service's temporary storage (dashscope-api.md section 6). */
public record UploadPolicy(String policy, String signature, String uploadDir, String uploadHost, long expireInSeconds,
                           long maxFileSizeMb, String accessKeyId, String objectAcl, String forbidOverwrite) {

    public long maxFileSizeBytes() {
        return maxFileSizeMb * 1024L * 1024L;
    }
}
