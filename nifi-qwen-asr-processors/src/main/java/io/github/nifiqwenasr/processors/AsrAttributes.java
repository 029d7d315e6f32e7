/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.processors;

/**
 * FlowFile attribute names the processors write and read. They are part of the bundle's contract with the flows
 * users build: never derive them from property names, never rename them.
 */
public final class AsrAttributes {

    public static final String MODEL = "asr.model";
    public static final String REQUEST_ID = "asr.request.id";
    public static final String LANGUAGE = "asr.language";
    public static final String EMOTION = "asr.emotion";
    public static final String AUDIO_SECONDS = "asr.audio.seconds";
    public static final String TASK_ID = "asr.task.id";
    public static final String TASK_STATUS = "asr.task.status";
    public static final String TASK_SUBMIT_TIME = "asr.task.submit.time";
    public static final String POLL_COUNT = "asr.poll.count";
    public static final String POLL_DUE = "asr.poll.due";
    public static final String TRANSCRIPTION_URL = "asr.transcription.url";
    /** The {@code oss://} URL SubmitAsrTask uploaded the content to, and when, for which model and content size. */
    public static final String UPLOAD_URL = "asr.upload.url";
    public static final String UPLOAD_TIME = "asr.upload.time";
    public static final String UPLOAD_MODEL = "asr.upload.model";
    public static final String UPLOAD_SIZE = "asr.upload.size";
    /** How many attempts in a row went to retry at the processor the FlowFile is at; removed when one succeeds. */
    public static final String RETRY_COUNT = "asr.retry.count";
    public static final String ERROR_CODE = "asr.error.code";
    public static final String ERROR_MESSAGE = "asr.error.message";
    public static final String HTTP_STATUS = "asr.http.status";
    public static final String MIME_TYPE = "mime.type";
    public static final String RECORD_COUNT = "record.count";
    public static final String FILENAME = "filename";

    private AsrAttributes() {
    }
}
