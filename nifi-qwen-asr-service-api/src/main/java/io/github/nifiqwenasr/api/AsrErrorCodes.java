/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.api;

/**
 * Error codes this bundle reports in {@code asr.error.code} when the problem was found on the client side
 * (no answer from the service, or an answer that could not be understood). Codes the service sends, such as
 * {@code InvalidApiKey} or {@code Throttling.RateQuota}, are passed through unchanged.
 */
public final class AsrErrorCodes {

    public static final String TIMEOUT = "Timeout";
    public static final String CONNECTION_FAILED = "ConnectionFailed";
    public static final String MALFORMED_RESPONSE = "MalformedResponse";
    public static final String UNEXPECTED_RESPONSE = "UnexpectedResponse";
    public static final String RESPONSE_TOO_LARGE = "ResponseTooLarge";
    public static final String REDIRECT_REFUSED = "RedirectRefused";
    public static final String EMPTY_CONTENT = "EmptyContent";
    public static final String UNSUPPORTED_AUDIO = "UnsupportedAudioFormat";
    public static final String NO_AUDIO_SAMPLES = "NoAudioSamples";
    public static final String NO_AUDIO_TRACK = "NoAudioTrack";
    public static final String AUDIO_TOO_LARGE = "AudioTooLarge";
    /** The service refused audio as longer than the model accepts (Flash: 5 minutes). */
    public static final String AUDIO_TOO_LONG = "AudioTooLong";
    public static final String INVALID_AUDIO_URL = "InvalidAudioUrl";
    public static final String INVALID_LANGUAGE = "InvalidLanguage";
    public static final String INVALID_CHANNELS = "InvalidChannels";
    public static final String INVALID_TASK_ID = "InvalidTaskId";
    public static final String INVALID_TRANSCRIPTION_URL = "InvalidTranscriptionUrl";
    public static final String MODEL_NOT_IN_REGION = "ModelNotInRegion";
    public static final String CONTENT_READ_FAILED = "ContentReadFailed";
    public static final String UPLOAD_TOO_LARGE = "UploadTooLarge";
    public static final String TRANSCRIPT_EXPIRED = "TranscriptUrlExpired";
    public static final String INVALID_TRANSCRIPT = "InvalidTranscript";
    public static final String RECORD_SCHEMA_NOT_FOUND = "RecordSchemaNotFound";
    public static final String STREAM_INCOMPLETE = "StreamIncomplete";
    public static final String AUDIO_URL_NOT_SUPPORTED = "AudioUrlNotSupported";
    public static final String PROTOCOL_NOT_SUPPORTED = "ProtocolNotSupported";
    public static final String SUBMIT_OUTCOME_UNKNOWN = "SubmitOutcomeUnknown";

    private AsrErrorCodes() {
    }
}
