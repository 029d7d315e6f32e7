/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.api.ApiProtocol;
import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.AudioInput;
import io.github.nifiqwenasr.api.FileTranscriptionTasks;
import io.github.nifiqwenasr.api.QwenAsrClient;
import io.github.nifiqwenasr.api.Region;
import io.github.nifiqwenasr.api.RequestRateLimiter;
import io.github.nifiqwenasr.api.ShortAudioRequest;
import io.github.nifiqwenasr.api.ShortAudioResult;
import io.github.nifiqwenasr.api.TaskInfo;
import io.github.nifiqwenasr.api.TemporaryStorage;
import io.github.nifiqwenasr.api.TranscriptDownloads;
import io.github.nifiqwenasr.io.SizeLimitedInputStream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Speaks Qwen3-ASR's HTTP APIs. Short-audio recognition, in the {@link ApiProtocol} of the service (DashScope native
 * or compatible mode, or a self-hosted server's OpenAI-style APIs; each a {@link ShortAudioProtocol}), streamed or not,
 * is here; DashScope's native file-transcription tasks ({@link #tasks()}), its temporary storage ({@link #storage()})
 * and transcript downloads ({@link #transcripts()}) each have their own class (dashscope-api.md).
 * <p>
 * The API key goes only into requests to the configured endpoint, which are never redirected, and is left out when
 * there is none (a self-hosted server without one). Uploads to the storage host and transcript downloads carry no
 * {@code Authorization} header. All share one connection pool. Thread-safe; one instance per enabled client service.
 */
public final class HttpQwenAsrClient implements QwenAsrClient {

    public static final String SHORT_AUDIO_PATH = "api/v1/services/aigc/multimodal-generation/generation";

    /** The service's limit on one data-URL item ("Exceeded limit on max bytes per data-uri item : 10485760"). */
    public static final long MAX_DATA_URL_BYTES = 10L * 1024 * 1024;

    static final String SHORT_AUDIO = "Short-audio recognition";
    private static final String MODELS = "Model list request";
    /** vLLM's list of served models (vllm/entrypoints/openai/models): free, and behind the API key when there is one. */
    private static final String MODELS_PATH = "v1/models";

    private final ApiCalls api;
    private final HttpFileTranscriptionTasks tasks;
    private final HttpTemporaryStorage storage;
    private final HttpTranscriptDownloads transcripts;
    private final Region region;
    private final ApiProtocol protocol;
    private final ShortAudioProtocol shortAudio;
    private final RequestRateLimiter modelCalls;
    private final RequestRateLimiter taskQueries;

    /**
     * @param httpClient carries timeouts, proxy and TLS; the client derives its API, storage and download clients from
     *                   it, sharing its connection pool
     * @param baseUrl    the region's endpoint or the override: scheme, host, port and an optional path prefix
     * @param apiKey     the key, or empty for a self-hosted server that needs none (then no Authorization is sent)
     */
    public HttpQwenAsrClient(final OkHttpClient httpClient, final HttpUrl baseUrl, final String apiKey, final Region region,
                         final ApiProtocol protocol, final RequestRateLimiter modelCalls, final RequestRateLimiter taskQueries) {
        // No redirects (the key stays with the endpoint) and no silent re-sends: a recognition or a task is paid for,
        // so a request is sent again only when the flow routes the FlowFile back through 'retry'.
        final OkHttpClient apiHttp = httpClient.newBuilder().followRedirects(false).followSslRedirects(false)
                .retryOnConnectionFailure(false).build();
        this.api = new ApiCalls(apiHttp, baseUrl, apiKey.isEmpty() ? null : "Bearer " + apiKey);
        this.tasks = new HttpFileTranscriptionTasks(api, modelCalls, taskQueries);
        // Uploads (up to 2 GB) and transcript downloads are bounded by the Read Timeout between bytes, not by the Call Timeout.
        this.storage = new HttpTemporaryStorage(api, apiHttp.newBuilder().callTimeout(Duration.ZERO).build(), modelCalls);
        this.transcripts = new HttpTranscriptDownloads(httpClient.newBuilder().followRedirects(true).followSslRedirects(false)
                .callTimeout(Duration.ZERO).build());
        this.region = region;
        this.protocol = protocol;
        this.shortAudio = ShortAudioProtocol.of(protocol);
        this.modelCalls = modelCalls;
        this.taskQueries = taskQueries;
    }

    @Override
    public String baseUrl() {
        return Urls.redact(api.baseUrl());
    }

    /** File-transcription tasks: DashScope native only (see {@link #checkFileTranscription}). */
    @Override
    public FileTranscriptionTasks tasks() {
        return tasks;
    }

    /** The service's temporary storage, for SubmitAsrTask's uploads. */
    @Override
    public TemporaryStorage storage() {
        return storage;
    }

    @Override
    public TranscriptDownloads transcripts() {
        return transcripts;
    }

    @Override
    public Region region() {
        return region;
    }

    @Override
    public ApiProtocol protocol() {
        return protocol;
    }

    /** Shared by short-audio recognitions and task submissions (the service's per-minute model quota). */
    @Override
    public RequestRateLimiter modelCallLimiter() {
        return modelCalls;
    }

    /** Shared by task queries (the service allows 20 per second per account). */
    @Override
    public RequestRateLimiter taskQueryLimiter() {
        return taskQueries;
    }

    /** Where short-audio recognitions go in this client's protocol. */
    @Override
    public String shortAudioUrl() {
        return shortAudioHttpUrl().toString();
    }

    private HttpUrl shortAudioHttpUrl() {
        return api.endpoint(shortAudio.path());
    }

    /** The short-audio model name as the endpoint knows it (DashScope's US region serves only -us variants). */
    @Override
    public String shortAudioModel(final String model) throws AsrException {
        return shortAudio.model(region, model);
    }

    /**
     * The file-transcription model name as the endpoint knows it: only DashScope native offers file transcription,
     * and not in every region.
     */
    @Override
    public String fileTranscriptionModel(final String model) throws AsrException {
        checkFileTranscription();
        return region.fileTranscriptionModel(model);
    }

    /** Fails unless this client's protocol offers file transcription (SubmitAsrTask, PollAsrTask). */
    @Override
    public void checkFileTranscription() throws AsrException {
        if (!protocol.offersFileTranscription()) {
            throw AsrException.permanent(AsrErrorCodes.PROTOCOL_NOT_SUPPORTED, "File transcription (SubmitAsrTask and"
                    + " PollAsrTask) needs a client service whose API Protocol is '"
                    + ApiProtocol.DASHSCOPE_NATIVE.getDisplayName() + "'; this one speaks '" + protocol.getDisplayName()
                    + "'. Give the long-audio processors a client service of their own.");
        }
    }

    /** The language to send for a Language value (null: detect), checked against the languages of the protocol. */
    @Override
    public String checkLanguage(final String value) throws AsrException {
        return shortAudio.checkLanguage(value);
    }

    /** Refuses, before any call, audio this client's protocol cannot send (for example a URL to a file upload API). */
    @Override
    public void checkAudio(final AudioInput audio) throws AsrException {
        shortAudio.checkAudio(audio);
    }

    /** Recognises up to 5 minutes of audio in one call, the whole answer at once. */
    @Override
    public ShortAudioResult transcribe(final ShortAudioRequest request) throws AsrException {
        final Request http = api.authorized(shortAudio.request(shortAudioHttpUrl(), request, false)).build();
        return shortAudio.parse(api.execute(http, SHORT_AUDIO, modelCalls), request);
    }

    /**
     * Recognises up to 5 minutes of audio in one call, reading the answer as an event stream: instead of the Read
     * Timeout, at most {@code idleTimeout} may pass between two reads (the first event included). The transcript is
     * assembled from the events; an error event is reported like the same error without streaming. A server that
     * answers with plain JSON anyway is read as such.
     */
    @Override
    public ShortAudioResult transcribeStreaming(final ShortAudioRequest request, final Duration idleTimeout) throws AsrException {
        if (!(shortAudio instanceof StreamingShortAudio streaming)) {
            throw AsrException.permanent(AsrErrorCodes.PROTOCOL_NOT_SUPPORTED, protocol.getDisplayName() + " does not stream");
        }
        final HttpUrl url = shortAudioHttpUrl();
        final Request http = api.authorized(streaming.request(url, request, true)).build();
        final OkHttpClient idleTimed = api.http().newBuilder().readTimeout(idleTimeout).build();
        try (Response response = idleTimed.newCall(http).execute()) {
            if (!response.isSuccessful()) {
                throw RemoteErrors.fromResponse(response, SHORT_AUDIO, true);
            }
            if (!isEventStream(response)) {
                return streaming.parse(ApiCalls.readJson(response, SHORT_AUDIO), request);
            }
            final StreamedAnswer answer = streaming.streamedAnswer(request, url);
            readEvents(response, answer);
            return answer.result();
        } catch (final AsrException e) {
            throw ApiCalls.throttling(e, modelCalls);
        } catch (final SizeLimitedInputStream.SizeLimitExceededException e) {
            throw AsrException.retryable(AsrErrorCodes.RESPONSE_TOO_LARGE, SHORT_AUDIO + " at " + Urls.redact(url)
                    + " streamed more than " + ApiCalls.MAX_API_RESPONSE_BYTES + " bytes; that is not a transcript of short audio", e);
        } catch (final IOException e) {
            throw RemoteErrors.fromTransport(e, url, SHORT_AUDIO, "no event within the Stream Idle Timeout ("
                    + idleTimeout.toMillis() + " ms)");
        }
    }

    /**
     * Hands the events to {@code answer} as they arrive, until it is complete or the stream ends; bounded in size.
     * An error event that echoes the request's credentials does not carry them on into messages.
     */
    private static void readEvents(final Response response, final StreamedAnswer answer) throws IOException, AsrException {
        try (InputStream in = new SizeLimitedInputStream(response.body().byteStream(), ApiCalls.MAX_API_RESPONSE_BYTES)) {
            final SseReader events = new SseReader(in);
            SseEvent event = events.next();
            while (event != null && !answer.accept(new SseEvent(event.name(),
                    RemoteErrors.withoutCredentials(event.data(), response.request()), event.comments()))) {
                event = events.next();
            }
        }
    }

    /**
     * One authenticated call that costs no audio, to prove that the endpoint answers and accepts the key: on
     * DashScope a status query for a task id that cannot exist (200 UNKNOWN), on a self-hosted server its model list.
     *
     * @return what the endpoint said, for the user
     */
    @Override
    public String probe() throws AsrException {
        if (!protocol.isSelfHosted()) {
            final TaskInfo probe = tasks.query(UUID.randomUUID().toString());
            return "a status query for a random task id returned " + probe.status();
        }
        final JsonNode models = api.execute(api.request(api.endpoint(MODELS_PATH)).get().build(), MODELS, modelCalls);
        final List<String> names = new ArrayList<>();
        models.path("data").forEach(model -> names.add(model.path("id").asText()));
        return "the server lists the models " + (names.isEmpty() ? "(none)" : String.join(", ", names));
    }

    private static boolean isEventStream(final Response response) {
        final String type = response.header("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    /** Length of the data URL the service would receive for {@code length} bytes of {@code mimeType} audio. */
    public static long dataUrlLength(final String mimeType, final long length) {
        return DataUrlJsonBody.dataUrlLength(mimeType, length);
    }
}
