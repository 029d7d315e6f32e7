/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiqwenasr.io.Json;
import io.github.nifiqwenasr.io.SizeLimitedInputStream;
import okhttp3.HttpUrl;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Speaks Qwen3-ASR's HTTP APIs: short-audio recognition in the {@link ApiProtocol} of the service (DashScope native or
 * compatible mode, or a self-hosted server's OpenAI-style APIs; each a {@link ShortAudioProtocol}), streamed or not,
 * and DashScope's native file-transcription tasks, temporary uploads and transcript downloads (dashscope-api.md).
 * <p>
 * The API key goes only into requests to the configured endpoint, which are never redirected, and is left out when
 * there is none (a self-hosted server without one). Uploads to the storage host and transcript downloads carry no
 * {@code Authorization} header. All share one connection pool. Thread-safe; one instance per enabled client service.
 */
public final class QwenAsrClient {

    public static final String SHORT_AUDIO_PATH = "api/v1/services/aigc/multimodal-generation/generation";
    public static final String SUBMIT_PATH = "api/v1/services/audio/asr/transcription";
    public static final String TASKS_PATH = "api/v1/tasks";
    public static final String UPLOADS_PATH = "api/v1/uploads";

    /** The service's limit on one data-URL item ("Exceeded limit on max bytes per data-uri item : 10485760"). */
    public static final long MAX_DATA_URL_BYTES = 10L * 1024 * 1024;

    private static final int MAX_API_RESPONSE_BYTES = 8 * 1024 * 1024;
    private static final Duration DEFAULT_THROTTLE_PAUSE = Duration.ofSeconds(2);
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern SAFE_FILE_NAME = Pattern.compile("[^A-Za-z0-9._-]");
    private static final int MAX_FILE_NAME_CHARS = 100;

    static final String SHORT_AUDIO = "Short-audio recognition";
    private static final String SUBMIT = "Task submission";
    private static final String QUERY = "Task query";
    private static final String POLICY = "Upload policy request";
    private static final String UPLOAD = "Upload to temporary storage";
    private static final String DOWNLOAD = "Transcript download";
    private static final String MODELS = "Model list request";
    /** vLLM's list of served models (vllm/entrypoints/openai/models): free, and behind the API key when there is one. */
    private static final String MODELS_PATH = "v1/models";

    private final OkHttpClient api;
    private final OkHttpClient uploads;
    private final OkHttpClient downloads;
    private final HttpUrl baseUrl;
    private final String authorization;
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
    public QwenAsrClient(final OkHttpClient httpClient, final HttpUrl baseUrl, final String apiKey, final Region region,
                         final ApiProtocol protocol, final RequestRateLimiter modelCalls, final RequestRateLimiter taskQueries) {
        // No redirects (the key stays with the endpoint) and no silent re-sends: a recognition or a task is paid for,
        // so a request is sent again only when the flow routes the FlowFile back through 'retry'.
        this.api = httpClient.newBuilder().followRedirects(false).followSslRedirects(false).retryOnConnectionFailure(false).build();
        // Uploads (up to 2 GB) and transcript downloads are bounded by the Read Timeout between bytes, not by the Call Timeout.
        this.uploads = api.newBuilder().callTimeout(Duration.ZERO).build();
        this.downloads = httpClient.newBuilder().followRedirects(true).followSslRedirects(false).callTimeout(Duration.ZERO).build();
        this.baseUrl = baseUrl;
        this.authorization = apiKey.isEmpty() ? null : "Bearer " + apiKey;
        this.region = region;
        this.protocol = protocol;
        this.shortAudio = protocol.shortAudio();
        this.modelCalls = modelCalls;
        this.taskQueries = taskQueries;
    }

    /** The endpoint: the region's or the override. */
    public HttpUrl baseUrl() {
        return baseUrl;
    }

    public Region region() {
        return region;
    }

    public ApiProtocol protocol() {
        return protocol;
    }

    /** Shared by short-audio recognitions and task submissions (the service's per-minute model quota). */
    public RequestRateLimiter modelCallLimiter() {
        return modelCalls;
    }

    /** Shared by task queries (the service allows 20 per second per account). */
    public RequestRateLimiter taskQueryLimiter() {
        return taskQueries;
    }

    /** Where short-audio recognitions go in this client's protocol. */
    public HttpUrl shortAudioUrl() {
        return endpoint(shortAudio.path());
    }

    /** The short-audio model name as the endpoint knows it (DashScope's US region serves only -us variants). */
    public String shortAudioModel(final String model) throws AsrException {
        return shortAudio.model(region, model);
    }

    /**
     * The file-transcription model name as the endpoint knows it: only DashScope native offers file transcription,
     * and not in every region.
     */
    public String fileTranscriptionModel(final String model) throws AsrException {
        checkFileTranscription();
        return region.fileTranscriptionModel(model);
    }

    /** Fails unless this client's protocol offers file transcription (SubmitAsrTask, PollAsrTask). */
    public void checkFileTranscription() throws AsrException {
        if (!protocol.offersFileTranscription()) {
            throw AsrException.permanent(AsrErrorCodes.PROTOCOL_NOT_SUPPORTED, "File transcription (SubmitAsrTask and"
                    + " PollAsrTask) needs a client service whose API Protocol is '"
                    + ApiProtocol.DASHSCOPE_NATIVE.getDisplayName() + "'; this one speaks '" + protocol.getDisplayName()
                    + "'. Give the long-audio processors a client service of their own.");
        }
    }

    /** The language to send for a Language value (null: detect), checked against the languages of the protocol. */
    public String checkLanguage(final String value) throws AsrException {
        return shortAudio.checkLanguage(value);
    }

    /** Refuses, before any call, audio this client's protocol cannot send (for example a URL to a file upload API). */
    public void checkAudio(final AudioInput audio) throws AsrException {
        shortAudio.checkAudio(audio);
    }

    public HttpUrl submitUrl() {
        return endpoint(SUBMIT_PATH);
    }

    /** The task's URL; the id must pass {@link #checkTaskId}. */
    public HttpUrl taskUrl(final String taskId) {
        return baseUrl.newBuilder().addPathSegments(TASKS_PATH).addPathSegment(taskId).build();
    }

    /** Task ids are opaque tokens of letters, digits, '-' and '_': anything else could change the request path. */
    public static void checkTaskId(final String taskId) throws AsrException {
        if (taskId == null || taskId.isEmpty()) {
            throw AsrException.permanent(AsrErrorCodes.INVALID_TASK_ID, "No task id: the Task ID property evaluated to an empty value");
        }
        if (!TASK_ID.matcher(taskId).matches()) {
            throw AsrException.permanent(AsrErrorCodes.INVALID_TASK_ID, "Task id '" + printable(taskId)
                    + "' is not a DashScope task id (letters, digits, '-' and '_' only, at most 128 characters)");
        }
    }

    /** Recognises up to 5 minutes of audio in one call, the whole answer at once. */
    public ShortAudioResult transcribe(final ShortAudioRequest request) throws AsrException {
        final Request http = authorized(shortAudio.request(shortAudioUrl(), request, false)).build();
        return shortAudio.parse(execute(http, SHORT_AUDIO, modelCalls), request);
    }

    /**
     * Recognises up to 5 minutes of audio in one call, reading the answer as an event stream: instead of the Read
     * Timeout, at most {@code idleTimeout} may pass between two reads (the first event included). The transcript is
     * assembled from the events; an error event is reported like the same error without streaming. A server that
     * answers with plain JSON anyway is read as such.
     */
    public ShortAudioResult transcribeStreaming(final ShortAudioRequest request, final Duration idleTimeout) throws AsrException {
        if (!(shortAudio instanceof StreamingShortAudio streaming)) {
            throw AsrException.permanent(AsrErrorCodes.PROTOCOL_NOT_SUPPORTED, protocol.getDisplayName() + " does not stream");
        }
        final HttpUrl url = shortAudioUrl();
        final Request http = authorized(streaming.request(url, request, true)).build();
        final OkHttpClient idleTimed = api.newBuilder().readTimeout(idleTimeout).build();
        try (Response response = idleTimed.newCall(http).execute()) {
            if (!response.isSuccessful()) {
                throw RemoteErrors.fromResponse(response, SHORT_AUDIO, true);
            }
            if (!isEventStream(response)) {
                return streaming.parse(readJson(response, SHORT_AUDIO), request);
            }
            final StreamedAnswer answer = streaming.streamedAnswer(request, url);
            readEvents(response, answer);
            return answer.result();
        } catch (final AsrException e) {
            throw throttling(e, modelCalls);
        } catch (final SizeLimitedInputStream.SizeLimitExceededException e) {
            throw AsrException.retryable(AsrErrorCodes.RESPONSE_TOO_LARGE, SHORT_AUDIO + " at " + Urls.redact(url)
                    + " streamed more than " + MAX_API_RESPONSE_BYTES + " bytes; that is not a transcript of short audio", e);
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
        try (InputStream in = new SizeLimitedInputStream(response.body().byteStream(), MAX_API_RESPONSE_BYTES)) {
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
    public String probe() throws AsrException {
        if (!protocol.isSelfHosted()) {
            final TaskInfo probe = queryTask(UUID.randomUUID().toString());
            return "a status query for a random task id returned " + probe.status();
        }
        final JsonNode models = execute(authorized(new Request.Builder().url(endpoint(MODELS_PATH))).get().build(), MODELS, modelCalls);
        final List<String> names = new ArrayList<>();
        models.path("data").forEach(model -> names.add(model.path("id").asText()));
        return "the server lists the models " + (names.isEmpty() ? "(none)" : String.join(", ", names));
    }

    /**
     * Creates a file-transcription task (dashscope-api.md section 5.1). Each call creates, and bills, a new task, and
     * the API has no way to make a second call find the first one's task. So a failure after which the task may exist
     * (see {@link RemoteErrors#certainlyHadNoEffect}) is thrown as {@link AsrException.Kind#OUTCOME_UNKNOWN}, never as
     * one worth retrying.
     */
    public TaskInfo submit(final TranscriptionTaskRequest request) throws AsrException {
        final ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", request.model());
        body.putObject("input").put("file_url", request.fileUrl());
        final ObjectNode parameters = body.putObject("parameters");
        final ArrayNode channels = parameters.putArray("channel_id");
        request.channels().forEach(channels::add);
        parameters.put("enable_itn", request.enableItn());
        parameters.put("enable_words", request.enableWords());
        if (request.language() != null) {
            parameters.put("language", request.language());
        }
        final Request.Builder http = apiRequest(submitUrl()).header(DashScopeHeaders.ASYNC, DashScopeHeaders.ENABLE);
        DashScopeHeaders.markOssResource(http, request.fileUrl());
        try {
            return parseTask(execute(http.post(RequestBodies.json(body)).build(), SUBMIT, modelCalls), SUBMIT);
        } catch (final AsrException e) {
            if (RemoteErrors.certainlyHadNoEffect(e)) {
                throw e;
            }
            throw RemoteErrors.outcomeUnknown(e, "The service may have created the task, and bills it if it did;"
                    + " submitting again could create a second one");
        }
    }

    /** Reads a task's status (dashscope-api.md section 5.2). An id the service does not know comes back UNKNOWN. */
    public TaskInfo queryTask(final String taskId) throws AsrException {
        checkTaskId(taskId);
        final JsonNode response = execute(apiRequest(taskUrl(taskId)).get().build(), QUERY, taskQueries);
        return parseTask(response, QUERY);
    }

    /** Asks for permission to upload one file for {@code model} (dashscope-api.md section 6, step 1). */
    public UploadPolicy getUploadPolicy(final String model) throws AsrException {
        final HttpUrl url = endpoint(UPLOADS_PATH).newBuilder()
                .addQueryParameter("action", "getPolicy")
                .addQueryParameter("model", model)
                .build();
        final JsonNode data = execute(apiRequest(url).get().build(), POLICY, modelCalls).path("data");
        final UploadPolicy policy = new UploadPolicy(data.path("policy").asText(null), data.path("signature").asText(null),
                data.path("upload_dir").asText(null), data.path("upload_host").asText(null),
                data.path("expire_in_seconds").asLong(0), data.path("max_file_size_mb").asLong(0),
                data.path("oss_access_key_id").asText(null), data.path("x_oss_object_acl").asText("private"),
                data.path("x_oss_forbid_overwrite").asText("true"));
        if (policy.policy() == null || policy.signature() == null || policy.uploadDir() == null
                || policy.uploadHost() == null || policy.accessKeyId() == null || policy.maxFileSizeMb() <= 0) {
            throw AsrException.permanent(AsrErrorCodes.UNEXPECTED_RESPONSE, POLICY + " returned no usable policy"
                    + " (one of policy, signature, upload_dir, upload_host, oss_access_key_id, max_file_size_mb is missing)");
        }
        return policy;
    }

    /**
     * Uploads content to the temporary storage the policy grants (section 6, step 2) and returns its {@code oss://}
     * URL, valid for 48 hours and only for the policy's model. The content is streamed; the size limit is checked
     * before anything is sent. No {@code Authorization} header goes to the storage host.
     */
    public String upload(final UploadPolicy policy, final String fileName, final AudioInput.Content content) throws AsrException {
        if (content.length() > policy.maxFileSizeBytes()) {
            throw AsrException.permanent(AsrErrorCodes.UPLOAD_TOO_LARGE, "The content (" + content.length()
                    + " bytes) is larger than the temporary storage accepts (" + policy.maxFileSizeMb() + " MB). Pass the"
                    + " audio by URL instead (Audio URL property), for example from your own object storage");
        }
        final HttpUrl host = HttpUrl.parse(policy.uploadHost());
        if (host == null || !Urls.isSecureOrLoopback(host)) {
            throw AsrException.permanent(AsrErrorCodes.UNEXPECTED_RESPONSE, "The upload policy names an upload host that"
                    + " is not an https URL (" + Urls.redact(policy.uploadHost()) + "); refusing to send audio there");
        }
        final String key = policy.uploadDir() + "/" + UUID.randomUUID() + "-" + safeFileName(fileName);
        final MultipartBody form = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("OSSAccessKeyId", policy.accessKeyId())
                .addFormDataPart("Signature", policy.signature())
                .addFormDataPart("policy", policy.policy())
                .addFormDataPart("key", key)
                .addFormDataPart("x-oss-object-acl", policy.objectAcl())
                .addFormDataPart("x-oss-forbid-overwrite", policy.forbidOverwrite())
                .addFormDataPart("success_action_status", "200")
                .addFormDataPart("x-oss-content-type", content.mimeType())
                .addFormDataPart("file", safeFileName(fileName),
                        new StreamingContentBody(content.source(), content.length(), content.mimeType()))
                .build();
        final Request request = new Request.Builder().url(host).post(form).build();
        try (Response response = uploads.newCall(request).execute()) {
            if (response.code() == 403) {
                final AsrException denied = RemoteErrors.fromResponse(response, UPLOAD, false);
                throw AsrException.builder(AsrException.Kind.RETRYABLE, denied.getCode(), followedBy(denied.getMessage(),
                                "The upload policy may have expired (it is valid for " + policy.expireInSeconds()
                                + " s); a retry asks for a new one"))
                        .httpStatus(403)
                        .build();
            }
            if (!response.isSuccessful()) {
                throw RemoteErrors.fromResponse(response, UPLOAD, false);
            }
        } catch (final IOException e) {
            throw RemoteErrors.fromTransport(e, host, UPLOAD);
        }
        return "oss://" + key;
    }

    /**
     * Opens the transcript at a pre-signed {@code transcription_url} for reading. No {@code Authorization} header is
     * sent. Reading more than {@code maxBytes} fails with {@link SizeLimitedInputStream.SizeLimitExceededException}.
     */
    public TranscriptDownload openTranscript(final String url, final long maxBytes) throws AsrException {
        final HttpUrl parsed = url == null ? null : HttpUrl.parse(url.strip());
        if (parsed == null) {
            throw AsrException.permanent(AsrErrorCodes.INVALID_TRANSCRIPTION_URL, "Transcription URL '"
                    + printable(Urls.redact(url)) + "' is not an http or https URL");
        }
        final Request request = new Request.Builder().url(parsed).get().build();
        Response response = null;
        try {
            response = downloads.newCall(request).execute();
            if (!response.isSuccessful()) {
                final AsrException error = RemoteErrors.fromResponse(response, DOWNLOAD, false);
                throw isExpiry(error) ? expired(error) : error;
            }
            final ResponseBody body = response.body();
            final long declared = body.contentLength();
            if (declared > maxBytes) {
                throw AsrException.permanent(AsrErrorCodes.RESPONSE_TOO_LARGE, "The transcript at " + Urls.redact(parsed)
                        + " is " + declared + " bytes, more than the limit of " + maxBytes + " bytes");
            }
            final TranscriptDownload download = new TranscriptDownload(
                    new SizeLimitedInputStream(body.byteStream(), maxBytes), declared, response);
            response = null;
            return download;
        } catch (final IOException e) {
            throw RemoteErrors.fromTransport(e, parsed, DOWNLOAD);
        } finally {
            if (response != null) {
                response.close();
            }
        }
    }

    /** OSS answers an out-of-date pre-signed URL with 403 AccessDenied "Request has expired." */
    private static boolean isExpiry(final AsrException error) {
        return error.getHttpStatus().orElse(0) == 403 && error.getMessage().toLowerCase(Locale.ROOT).contains("expired");
    }

    private static AsrException expired(final AsrException error) {
        return AsrException.builder(AsrException.Kind.PERMANENT, AsrErrorCodes.TRANSCRIPT_EXPIRED, followedBy(error.getMessage(),
                        "Transcription URLs are pre-signed and valid for 24 hours after the task finished"))
                .httpStatus(403)
                .build();
    }

    /** A message (which may end with the service's full stop) and the sentence that explains it. */
    private static String followedBy(final String message, final String sentence) {
        return (message.endsWith(".") ? message.substring(0, message.length() - 1) : message) + ". " + sentence;
    }

    private JsonNode execute(final Request request, final String operation, final RequestRateLimiter limiter) throws AsrException {
        try (Response response = api.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw throttling(RemoteErrors.fromResponse(response, operation, true), limiter);
            }
            return readJson(response, operation);
        } catch (final IOException e) {
            throw RemoteErrors.fromTransport(e, request.url(), operation);
        }
    }

    /** When the service throttles, every processor sharing the limiter backs off; returns the error to throw. */
    private static AsrException throttling(final AsrException error, final RequestRateLimiter limiter) {
        if (error.getKind() == AsrException.Kind.THROTTLED) {
            limiter.pauseFor(error.getRetryAfter().orElse(DEFAULT_THROTTLE_PAUSE));
        }
        return error;
    }

    private static boolean isEventStream(final Response response) {
        final String type = response.header("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    private static JsonNode readJson(final Response response, final String operation) throws AsrException, IOException {
        final String where = Urls.redact(response.request().url());
        try (InputStream in = new SizeLimitedInputStream(response.body().byteStream(), MAX_API_RESPONSE_BYTES)) {
            final JsonNode root = Json.MAPPER.readTree(in);
            if (root == null || root.isMissingNode()) {
                throw AsrException.retryable(AsrErrorCodes.MALFORMED_RESPONSE, operation + " at " + where
                        + " returned HTTP " + response.code() + " with an empty body", null);
            }
            if (!root.isObject()) {
                // Valid JSON, but not an answer of this API: asking again gets the same, like any answer of the wrong shape.
                throw JsonFields.unexpected(operation, "an object at the top level (found " + root.getNodeType().name().toLowerCase(Locale.ROOT) + ")");
            }
            return root;
        } catch (final SizeLimitedInputStream.SizeLimitExceededException e) {
            throw AsrException.retryable(AsrErrorCodes.RESPONSE_TOO_LARGE, operation + " at " + where
                    + " returned more than " + MAX_API_RESPONSE_BYTES + " bytes; that is not an answer of the DashScope API", e);
        } catch (final JsonProcessingException e) {
            throw AsrException.retryable(AsrErrorCodes.MALFORMED_RESPONSE, operation + " at " + where
                    + " returned a body that is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static TaskInfo parseTask(final JsonNode root, final String operation) throws AsrException {
        final JsonNode output = root.path("output");
        final String taskId = JsonFields.text(output, "task_id");
        final String status = JsonFields.text(output, "task_status");
        if (taskId == null || status == null) {
            throw JsonFields.unexpected(operation, "output.task_id and output.task_status");
        }
        final JsonNode result = output.path("result").isObject() ? output.path("result") : output.path("results").path(0);
        return new TaskInfo(taskId, TaskStatus.fromWire(status), status, JsonFields.text(root, "request_id"),
                JsonFields.text(result, "transcription_url"), JsonFields.seconds(root), JsonFields.text(output, "code"),
                JsonFields.text(output, "message"));
    }

    private Request.Builder apiRequest(final HttpUrl url) {
        return authorized(new Request.Builder().url(url));
    }

    /** The key, when there is one; it only ever goes to {@link #baseUrl}. */
    private Request.Builder authorized(final Request.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    /** Length of the data URL the service would receive for {@code length} bytes of {@code mimeType} audio. */
    public static long dataUrlLength(final String mimeType, final long length) {
        return DataUrlJsonBody.dataUrlLength(mimeType, length);
    }

    private HttpUrl endpoint(final String path) {
        return baseUrl.newBuilder().addPathSegments(path).build();
    }


    private static String safeFileName(final String fileName) {
        final String name = fileName == null || fileName.isBlank() ? "audio" : fileName;
        final String safe = SAFE_FILE_NAME.matcher(name).replaceAll("_");
        return safe.length() > MAX_FILE_NAME_CHARS ? safe.substring(safe.length() - MAX_FILE_NAME_CHARS) : safe;
    }

    private static String printable(final String value) {
        final String oneLine = value.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine;
    }
}
