/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import io.github.nifiqwenasr.simulator.audio.AudioDigest;
import io.github.nifiqwenasr.simulator.http.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A strict local stand-in for DashScope's Qwen3-ASR HTTP API (dashscope-api.md), on two loopback ports: the API
 * port (model calls, tasks, upload policies, a self-hosted Qwen3-ASR behind vLLM's OpenAI-compatible server under
 * {@code /v1}, and {@code /__sim/} admin) and the storage port (the OSS upload host, transcript documents, audio hosted
 * by tests). See README.md for every rule it enforces.
 */
public final class DashScopeSimulator implements AutoCloseable {
    private final SimulatorSettings settings;
    private final RequestRecorder recorder = new RequestRecorder();
    private final FaultInjector faults = new FaultInjector();
    private final AudioLibrary library = new AudioLibrary();
    private final TaskStore tasks = new TaskStore();
    private final Sleeper sleeper = new Sleeper();
    private final Quotas quotas;
    private final TaskHandler taskHandler;
    private final HttpServer storageServer;
    private final HttpServer apiServer;

    private DashScopeSimulator(final SimulatorSettings settings, final int apiPort, final int storagePort) throws IOException {
        this.settings = settings;
        this.quotas = new Quotas(settings);
        final StorageSigner signer = new StorageSigner();
        final TranscriptUrls urls = new TranscriptUrls(signer);
        final StorageHandlers storage = new StorageHandlers(tasks, urls, library);
        final Map<Endpoint, EndpointHandler> storageRoutes = new EnumMap<>(Endpoint.class);
        storageRoutes.put(Endpoint.OSS_UPLOAD, new OssUploadHandler(signer, library));
        storageRoutes.put(Endpoint.TRANSCRIPT, storage::transcript);
        storageRoutes.put(Endpoint.AUDIO_FILE, storage::audioFile);
        this.storageServer = HttpServer.start(storagePort, "qwen-sim-storage",
                new Dispatcher(true, settings, recorder, faults, quotas, sleeper, storageRoutes, null));
        final String storageBaseUrl = storageBaseUrl();
        final FlashAudio flashAudio = new FlashAudio(library);
        this.taskHandler = new TaskHandler(settings, tasks, urls, storageBaseUrl);
        final Map<Endpoint, EndpointHandler> apiRoutes = new EnumMap<>(Endpoint.class);
        apiRoutes.put(Endpoint.FLASH, new FlashHandler(settings, flashAudio, storageBaseUrl));
        apiRoutes.put(Endpoint.COMPAT_CHAT, new CompatHandler(settings, flashAudio, storageBaseUrl));
        apiRoutes.put(Endpoint.SUBMIT, new SubmitHandler(settings, library, tasks, storageBaseUrl));
        apiRoutes.put(Endpoint.TASK_QUERY, taskHandler::query);
        apiRoutes.put(Endpoint.TASK_CANCEL, taskHandler::cancel);
        apiRoutes.put(Endpoint.UPLOAD_POLICY, new UploadPolicyHandler(settings, signer, storageBaseUrl));
        apiRoutes.put(Endpoint.VLLM_CHAT, new VllmChatHandler(settings, new VllmAudio(library, storageBaseUrl)));
        apiRoutes.put(Endpoint.VLLM_TRANSCRIPTION, new VllmTranscriptionHandler(settings));
        apiRoutes.put(Endpoint.VLLM_MODELS, new VllmModels(settings));
        try {
            this.apiServer = HttpServer.start(apiPort, "qwen-sim-api",
                    new Dispatcher(false, settings, recorder, faults, quotas, sleeper, apiRoutes, new AdminHandler(this)));
        } catch (final IOException e) {
            storageServer.close();
            throw e;
        }
    }

    /** Starts on two free loopback ports with default settings. */
    public static DashScopeSimulator start() {
        return start(new SimulatorSettings());
    }

    public static DashScopeSimulator start(final SimulatorSettings settings) {
        return start(settings, 0, 0);
    }

    /** Starts on the given loopback ports (0 = any free port). */
    public static DashScopeSimulator start(final SimulatorSettings settings, final int apiPort, final int storagePort) {
        try {
            return new DashScopeSimulator(Objects.requireNonNull(settings, "settings"), apiPort, storagePort);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot bind the simulator to 127.0.0.1:" + apiPort + " and :" + storagePort, e);
        }
    }

    /** {@code http://127.0.0.1:<apiPort>}: what a test puts in Endpoint Override URL. */
    public String apiBaseUrl() {
        return "http://127.0.0.1:" + apiServer.port();
    }

    /** {@code http://127.0.0.1:<storagePort>}: the upload host, transcript and hosted-audio origin. */
    public String storageBaseUrl() {
        return "http://127.0.0.1:" + storageServer.port();
    }

    /** A key valid in the current region. */
    public String apiKey() {
        return settings.validApiKey().orElseThrow(() -> new IllegalStateException("No API key is registered for " + settings.region().id()));
    }

    /** The live settings: changes apply to the next request. */
    public SimulatorSettings settings() {
        return settings;
    }

    /** Every API and storage request (not admin), in arrival order. */
    public List<RecordedRequest> requests() {
        return recorder.all();
    }

    public List<RecordedRequest> requests(final Endpoint endpoint) {
        return recorder.of(endpoint);
    }

    public void clearRequests() {
        recorder.clear();
    }

    /** The next request to {@code endpoint} gets {@code fault}; faults queue up FIFO per endpoint, each used once. */
    public void enqueueFault(final Endpoint endpoint, final Fault fault) {
        faults.enqueue(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(fault, "fault"));
    }

    /** Serves {@code audio} at {@code storageBaseUrl()/files/<name>} and lets the service download it from there. */
    public String hostAudio(final String name, final byte[] audio) {
        return library.host(storageBaseUrl(), name, audio);
    }

    /** Lets the simulated service "download" {@code audio} from {@code url} (any URL; nothing is served there). */
    public void registerRemoteAudio(final String url, final byte[] audio) {
        library.registerRemote(url, AudioDigest.of(audio));
    }

    /**
     * Lets the simulated service "download" a file described only by its digest: for files too big to create in a
     * test, e.g. {@code new AudioDigest(3L << 30, sha256, AudioFormat.WAV, 60, 1, 16000, null)} for a 3 GiB upload.
     */
    public void registerRemoteAudio(final String url, final AudioDigest digest) {
        library.registerRemote(url, digest);
    }

    /**
     * Makes downloads of {@code url} fail: flash calls get 400 "Download failed with exit code: 1", filetrans tasks
     * turn FAILED with {@code code} and {@code message} (e.g. FILE_403_FORBIDDEN).
     */
    public void registerRemoteFailure(final String url, final String code, final String message) {
        library.registerFailure(url, code, message);
    }

    public Optional<TaskView> task(final String taskId) {
        return taskHandler.view(taskId);
    }

    /** How many tasks the service created (and would bill) since the last reset, whether or not their answer arrived. */
    public int taskCount() {
        return tasks.size();
    }

    /** Forgets tasks, uploads, hosted audio, requests and faults, and restores default settings. */
    public void reset() {
        tasks.clear();
        library.clear();
        recorder.clear();
        faults.clear();
        quotas.reset();
        settings.restoreDefaults();
    }

    @Override
    public void close() {
        sleeper.wakeAll();
        apiServer.close();
        storageServer.close();
    }

    /**
     * The flash transcript of {@code audio}: the text after a {@code QWENSIM-TEXT:} marker up to the first NUL, CR, LF
     * or the end, else "Simulated transcript " + the first 8 hex characters of SHA-256(audio) + ".".
     */
    public static String transcriptFor(final byte[] audio) {
        return AudioDigest.of(audio).transcript();
    }

    /**
     * The text of sentence {@code sentence} of channel {@code channel} in a filetrans transcript of {@code audio}:
     * sentence 0 of channel 0 is {@link #transcriptFor}, sentence 0 of channel c is that plus " (channel c)", and
     * sentence k > 0 is "Sentence k of channel c is simulated speech with a dozen words in it.". Sentences last 5 s
     * each (the last one ends with the audio).
     */
    public static String sentenceText(final byte[] audio, final int channel, final int sentence) {
        return TranscriptDocument.sentenceText(transcriptFor(audio), channel, sentence);
    }
}
