/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live, thread-safe settings of a simulator; every setter takes effect for the next request and returns this.
 * Defaults are those of {@link #restoreDefaults()}.
 */
public final class SimulatorSettings {
    /** What {@code vllm serve Qwen/Qwen3-ASR-1.7B} serves without {@code --served-model-name}: the model path. */
    public static final String DEFAULT_VLLM_MODEL = "Qwen/Qwen3-ASR-1.7B";

    private final Map<String, Region> apiKeys = new ConcurrentHashMap<>();
    private volatile Region region;
    private volatile int requestsPerMinute;
    private volatile int burst;
    private volatile int taskQueriesPerSecond;
    private volatile Duration taskPendingTime;
    private volatile Duration taskRunningTimeBase;
    private volatile Duration taskRunningTimePerAudioSecond;
    private volatile Duration transcriptUrlTtl;
    private volatile Duration uploadPolicyTtl;
    private volatile int flashUploadMaxFileSizeMb;
    private volatile int filetransUploadMaxFileSizeMb;
    private volatile RandomFaults randomFaults;
    private volatile Duration latency;
    private volatile boolean recordBodies;
    private volatile int recordBodyLimitBytes;
    private volatile int maxRecordedRequests;
    private volatile String vllmApiKey;
    private volatile List<String> vllmServedModelNames;

    public SimulatorSettings() {
        restoreDefaults();
    }

    /**
     * Region ap-southeast-1; the keys {@code sk-qwensim-<region>} of all three regions; quotas off; tasks pending 0,
     * running 1 s + 0 per audio second; transcript URLs valid 24 h; upload policies valid 300 s with 10 MB (flash
     * models) and 2048 MB (filetrans models) per file; no random faults; no latency; request bodies recorded up to
     * 32 MiB each, at most 10,000 requests kept; the vLLM server without an API key, serving
     * {@value #DEFAULT_VLLM_MODEL}.
     */
    public synchronized SimulatorSettings restoreDefaults() {
        apiKeys.clear();
        for (final Region each : Region.values()) {
            apiKeys.put(each.defaultApiKey(), each);
        }
        region = Region.AP_SOUTHEAST_1;
        requestsPerMinute = 0;
        burst = 0;
        taskQueriesPerSecond = 0;
        taskPendingTime = Duration.ZERO;
        taskRunningTimeBase = Duration.ofSeconds(1);
        taskRunningTimePerAudioSecond = Duration.ZERO;
        transcriptUrlTtl = Duration.ofHours(24);
        uploadPolicyTtl = Duration.ofSeconds(300);
        flashUploadMaxFileSizeMb = 10;
        filetransUploadMaxFileSizeMb = 2048;
        randomFaults = RandomFaults.NONE;
        latency = Duration.ZERO;
        recordBodies = true;
        recordBodyLimitBytes = 32 * 1024 * 1024;
        maxRecordedRequests = 10_000;
        vllmApiKey = null;
        vllmServedModelNames = List.of(DEFAULT_VLLM_MODEL);
        return this;
    }

    public Region region() {
        return region;
    }

    public SimulatorSettings region(final Region region) {
        this.region = Objects.requireNonNull(region, "region");
        return this;
    }

    /** Registers {@code key} as valid in {@code region} (keys are region-specific, dashscope-api.md section 1.1). */
    public SimulatorSettings apiKey(final Region region, final String key) {
        apiKeys.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(region, "region"));
        return this;
    }

    /** Removes every key, including the defaults. */
    public SimulatorSettings clearApiKeys() {
        apiKeys.clear();
        return this;
    }

    /** A key valid in the current region: its default key when registered, else any registered one. */
    public Optional<String> validApiKey() {
        final Region current = region;
        if (apiKeys.get(current.defaultApiKey()) == current) {
            return Optional.of(current.defaultApiKey());
        }
        return apiKeys.entrySet().stream().filter(entry -> entry.getValue() == current).map(Map.Entry::getKey).findFirst();
    }

    boolean acceptsApiKey(final String key) {
        return apiKeys.get(key) == region;
    }

    public int requestsPerMinute() {
        return requestsPerMinute;
    }

    /** Model calls (flash native and SSE, compat, submit) per minute as a token bucket; 0 turns the quota off. */
    public SimulatorSettings requestsPerMinute(final int requestsPerMinute) {
        this.requestsPerMinute = nonNegative(requestsPerMinute, "requestsPerMinute");
        return this;
    }

    /** The bucket's capacity; 0 means max(3, ceil(rpm / 20)). */
    public int burst() {
        return burst > 0 ? burst : Math.max(3, (requestsPerMinute + 19) / 20);
    }

    public SimulatorSettings burst(final int burst) {
        this.burst = nonNegative(burst, "burst");
        return this;
    }

    public int taskQueriesPerSecond() {
        return taskQueriesPerSecond;
    }

    /** Task queries per second (the real default is 20, dashscope-api.md section 5.2); 0 turns the quota off. */
    public SimulatorSettings taskQueriesPerSecond(final int taskQueriesPerSecond) {
        this.taskQueriesPerSecond = nonNegative(taskQueriesPerSecond, "taskQueriesPerSecond");
        return this;
    }

    public Duration taskPendingTime() {
        return taskPendingTime;
    }

    public SimulatorSettings taskPendingTime(final Duration taskPendingTime) {
        this.taskPendingTime = nonNegative(taskPendingTime, "taskPendingTime");
        return this;
    }

    public Duration taskRunningTimeBase() {
        return taskRunningTimeBase;
    }

    public SimulatorSettings taskRunningTimeBase(final Duration taskRunningTimeBase) {
        this.taskRunningTimeBase = nonNegative(taskRunningTimeBase, "taskRunningTimeBase");
        return this;
    }

    public Duration taskRunningTimePerAudioSecond() {
        return taskRunningTimePerAudioSecond;
    }

    /** Added to the running time for each second of audio (times the number of channels), e.g. 10 ms. */
    public SimulatorSettings taskRunningTimePerAudioSecond(final Duration taskRunningTimePerAudioSecond) {
        this.taskRunningTimePerAudioSecond = nonNegative(taskRunningTimePerAudioSecond, "taskRunningTimePerAudioSecond");
        return this;
    }

    public Duration transcriptUrlTtl() {
        return transcriptUrlTtl;
    }

    public SimulatorSettings transcriptUrlTtl(final Duration transcriptUrlTtl) {
        this.transcriptUrlTtl = nonNegative(transcriptUrlTtl, "transcriptUrlTtl");
        return this;
    }

    public Duration uploadPolicyTtl() {
        return uploadPolicyTtl;
    }

    public SimulatorSettings uploadPolicyTtl(final Duration uploadPolicyTtl) {
        this.uploadPolicyTtl = nonNegative(uploadPolicyTtl, "uploadPolicyTtl");
        return this;
    }

    public int flashUploadMaxFileSizeMb() {
        return flashUploadMaxFileSizeMb;
    }

    /** {@code max_file_size_mb} of policies issued for flash models. */
    public SimulatorSettings flashUploadMaxFileSizeMb(final int megabytes) {
        this.flashUploadMaxFileSizeMb = nonNegative(megabytes, "flashUploadMaxFileSizeMb");
        return this;
    }

    public int filetransUploadMaxFileSizeMb() {
        return filetransUploadMaxFileSizeMb;
    }

    /** {@code max_file_size_mb} of policies issued for filetrans models. */
    public SimulatorSettings filetransUploadMaxFileSizeMb(final int megabytes) {
        this.filetransUploadMaxFileSizeMb = nonNegative(megabytes, "filetransUploadMaxFileSizeMb");
        return this;
    }

    RandomFaults randomFaults() {
        return randomFaults;
    }

    /**
     * Gives each API and storage request (not admin, not {@code /files}) a {@code rate} chance of a fault from a
     * mix seeded by {@code seed}: 429 Throttling.RateQuota, 500 InternalError, 503 ModelUnavailable,
     * 504 RequestTimeOut, disconnect, truncated body, 200 ms delay. Rate 0 turns it off.
     */
    public SimulatorSettings randomFaultRate(final double rate, final long seed) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("randomFaultRate must be within [0, 1]");
        }
        this.randomFaults = rate == 0 ? RandomFaults.NONE : new RandomFaults(rate, seed);
        return this;
    }

    public Duration latency() {
        return latency;
    }

    /** Added before every API and storage answer. */
    public SimulatorSettings latency(final Duration latency) {
        this.latency = nonNegative(latency, "latency");
        return this;
    }

    public boolean recordBodies() {
        return recordBodies;
    }

    /** Whether recorded requests keep their body (always with bodyLength); off for benchmarks and soak tests. */
    public SimulatorSettings recordBodies(final boolean recordBodies) {
        this.recordBodies = recordBodies;
        return this;
    }

    public int recordBodyLimitBytes() {
        return recordBodyLimitBytes;
    }

    public SimulatorSettings recordBodyLimitBytes(final int recordBodyLimitBytes) {
        this.recordBodyLimitBytes = nonNegative(recordBodyLimitBytes, "recordBodyLimitBytes");
        return this;
    }

    public int maxRecordedRequests() {
        return maxRecordedRequests;
    }

    /** The oldest recorded requests are dropped beyond this many. */
    public SimulatorSettings maxRecordedRequests(final int maxRecordedRequests) {
        this.maxRecordedRequests = nonNegative(maxRecordedRequests, "maxRecordedRequests");
        return this;
    }

    /** The key of the simulated vLLM server, or null when it was started without {@code --api-key} (no auth). */
    public String vllmApiKey() {
        return vllmApiKey;
    }

    /** Like {@code vllm serve --api-key K}: every /v1 request needs it; null or empty turns authentication off. */
    public SimulatorSettings vllmApiKey(final String key) {
        this.vllmApiKey = key == null || key.isEmpty() ? null : key;
        return this;
    }

    public List<String> vllmServedModelNames() {
        return vllmServedModelNames;
    }

    /** Like {@code vllm serve --served-model-name A B}: the model names requests may use (the first is the default). */
    public SimulatorSettings vllmServedModelNames(final List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("vllmServedModelNames must not be empty");
        }
        this.vllmServedModelNames = List.copyOf(names);
        return this;
    }

    private static int nonNegative(final int value, final String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
        return value;
    }

    private static Duration nonNegative(final Duration value, final String name) {
        if (Objects.requireNonNull(value, name).isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
        return value;
    }

    /** Rate and seed of random faults; a new instance restarts the seeded sequence. */
    record RandomFaults(double rate, long seed) {
        static final RandomFaults NONE = new RandomFaults(0, 0);
    }
}
