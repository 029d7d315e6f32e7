/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.api;

import java.time.Duration;

/**
 * A client of Qwen3-ASR, as an enabled {@link QwenAsrClientService} provides it: one connection pool and one pair of
 * rate limiters, shared by every component that uses the service. Short-audio recognition is here, in the service's
 * {@link ApiProtocol}; DashScope's file-transcription tasks, temporary storage and transcript downloads each have an
 * interface of their own. Every failure is an {@link AsrException} that says whether trying again may help. The API
 * key goes only to the service's own endpoint. Thread-safe.
 */
public interface QwenAsrClient {

    /** The endpoint: the region's or the Endpoint Override URL (no credentials, no query). */
    String baseUrl();

    Region region();

    ApiProtocol protocol();

    /** Shared by short-audio recognitions, upload policies and task submissions (the per-minute model quota). */
    RequestRateLimiter modelCallLimiter();

    /** Shared by task status queries (the per-second query quota). */
    RequestRateLimiter taskQueryLimiter();

    /** Where short-audio recognitions go in this client's protocol. */
    String shortAudioUrl();

    /** The short-audio model name as the endpoint knows it (DashScope's US region serves only -us variants). */
    String shortAudioModel(String model) throws AsrException;

    /** The file-transcription model name as the endpoint knows it; fails where file transcription is not offered. */
    String fileTranscriptionModel(String model) throws AsrException;

    /** Fails unless this client's protocol offers file transcription. */
    void checkFileTranscription() throws AsrException;

    /** The language to send for a Language value (null: detect), checked against the languages of the protocol. */
    String checkLanguage(String value) throws AsrException;

    /** Refuses, before any call, audio this client's protocol cannot send. */
    void checkAudio(AudioInput audio) throws AsrException;

    /** Recognises up to 5 minutes of audio in one call, the whole answer at once. */
    ShortAudioResult transcribe(ShortAudioRequest request) throws AsrException;

    /** {@link #transcribe} reading the answer as an event stream, with at most {@code idleTimeout} between two reads. */
    ShortAudioResult transcribeStreaming(ShortAudioRequest request, Duration idleTimeout) throws AsrException;

    /** One authenticated call that costs no audio, to prove the endpoint answers and accepts the key; says what it said. */
    String probe() throws AsrException;

    /** File-transcription tasks: DashScope native only (see {@link #checkFileTranscription}). */
    FileTranscriptionTasks tasks();

    /** The service's temporary storage. */
    TemporaryStorage storage();

    TranscriptDownloads transcripts();
}
