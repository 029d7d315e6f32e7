/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.api;

/** The service's temporary storage: an upload policy, then an upload of the content to the host it names. */
public interface TemporaryStorage {

    /** Asks for permission to upload one file for {@code model}. */
    UploadPolicy policy(String model) throws AsrException;

    /** Uploads the content, streamed, and returns its {@code oss://} URL (valid 48 hours, for the policy's model). */
    String upload(UploadPolicy policy, String fileName, AudioInput.Content content) throws AsrException;
}
