package io.github.nifiqwenasr.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiqwenasr.io.Json;
import io.github.nifiqwenasr.io.SizeLimitedInputStream;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Speaks DashScope's native HTTP API for Qwen3-ASR (dashscope-api.md): synchronous short-audio recognition,
 * file-transcription tasks, temporary uploads and transcript downloads.
 * <p>
 * The API key goes only into requests to the configured endpoint, which are never redirected. Uploads to the
 * storage host and transcript downloads carry no {@code Authorization} header. All three share one connection pool.
 * Thread-safe; one instance per enabled client service.
 */
public final class QwenAsrClient {

    public static final String SHORT_AUDIO_PATH = "api/v1/services/aigc/multimodal-generation/generation";
    public static final String SUBMIT_PATH = "api/v1/services/audio/asr/transcription";
    public static final String TASKS_PATH = "api/v1/tasks";
    public static final String UPLOADS_PATH = "api/v1/uploads";

    /** The service's limit on one data-URL item ("Exceeded limit on max bytes per data-uri item : 10485760"). */
    public static final long MAX_DATA_URL_BYTES = 10L * 1024 * 1024;

    private static final MediaType JSON = MediaType.get("application/json");
    private static final int MAX_API_RESPONSE_BYTES = 8 * 1024 * 1024;
    private static final Duration DEFAULT_THROTTLE_PAUSE = Duration.ofSeconds(2);
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern SAFE_FILE_NAME = Pattern.compile("[^A-Za-z0-9._-]");
    private static final int MAX_FILE_NAME_CHARS = 100;

    private static final String SHORT_AUDIO = "Short-audio recognition";
    private static final String SUBMIT = "Task submission";
    private static final String QUERY = "Task query";
    private static final String POLICY = "Upload policy request";
    private static final String UPLOAD = "Upload to temporary storage";
    private static final String DOWNLOAD = "Transcript download";

    private final OkHttpClient api;
    private final OkHttpClient downloads;
    private final HttpUrl baseUrl;
    private final String authorization;
    private final Region region;
    private final RequestRateLimiter modelCalls;
    private final RequestRateLimiter taskQueries;

    /**
     * @param httpClient carries timeouts, proxy and TLS; the client derives its API, storage and download clients from
     *                   it, sharing its connection pool
     * @param baseUrl    the region's endpoint or the override: scheme, host, port and an optional path prefix
     */
    public QwenAsrClient(final OkHttpClient httpClient, final HttpUrl baseUrl, final String apiKey, final Region region,
                         final RequestRateLimiter modelCalls, final RequestRateLimiter taskQueries) {
        // No redirects (the key stays with the endpoint) and no silent re-sends: a recognition or a task is paid for,
        // so a request is sent again only when the flow routes the FlowFile back through 'retry'.
        this.api = httpClient.newBuilder().followRedirects(false).followSslRedirects(false).retryOnConnectionFailure(false).build();
        this.downloads = httpClient.newBuilder().followRedirects(true).followSslRedirects(false).build();
        this.baseUrl = baseUrl;
        this.authorization = "Bearer " + apiKey;
        this.region = region;
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

    /** Shared by short-audio recognitions and task submissions (the service's per-minute model quota). */
    public RequestRateLimiter modelCallLimiter() {
        return modelCalls;
    }

    /** Shared by task queries (the service allows 20 per second per account). */
    public RequestRateLimiter taskQueryLimiter() {
        return taskQueries;
    }

    public HttpUrl shortAudioUrl() {
        return endpoint(SHORT_AUDIO_PATH);
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

    /** Recognises up to 5 minutes of audio in one call (dashscope-api.md section 2). */
    public ShortAudioResult transcribe(final ShortAudioRequest request) throws AsrException {
        final ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", request.model());
        final ArrayNode messages = body.putObject("input").putArray("messages");
        if (request.context() != null && !request.context().isEmpty()) {
            messages.addObject().put("role", "system").putArray("content").addObject().put("text", request.context());
        }
        final ObjectNode audioItem = messages.addObject().put("role", "user").putArray("content").addObject();
        final ObjectNode options = body.putObject("parameters").putObject("asr_options");
        options.put("enable_itn", request.enableItn());
        if (request.language() != null) {
            options.put("language", request.language());
        }

        final Request.Builder http = apiRequest(shortAudioUrl());
        final RequestBody requestBody;
        if (request.audio() instanceof AudioInput.Url url) {
            audioItem.put("audio", url.url());
            markOssResource(http, url.url());
            requestBody = jsonBody(body);
        } else {
            requestBody = dataUrlBody(body, audioItem, (AudioInput.Content) request.audio());
        }
        final JsonNode response = execute(http.post(requestBody).build(), SHORT_AUDIO, modelCalls);
        return parseShortAudio(response);
    }

    /** Creates a file-transcription task (dashscope-api.md section 5.1). Each call creates, and bills, a new task. */
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
        final Request.Builder http = apiRequest(submitUrl()).header("X-DashScope-Async", "enable");
        markOssResource(http, request.fileUrl());
        final JsonNode response = execute(http.post(jsonBody(body)).build(), SUBMIT, modelCalls);
        return parseTask(response, SUBMIT);
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
        try (Response response = api.newCall(request).execute()) {
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
                final AsrException error = RemoteErrors.fromResponse(response, operation, true);
                if (error.getKind() == AsrException.Kind.THROTTLED) {
                    limiter.pauseFor(error.getRetryAfter().orElse(DEFAULT_THROTTLE_PAUSE));
                }
                throw error;
            }
            return readJson(response, operation);
        } catch (final IOException e) {
            throw RemoteErrors.fromTransport(e, request.url(), operation);
        }
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
                throw unexpected(operation, "an object at the top level (found " + root.getNodeType().name().toLowerCase(Locale.ROOT) + ")");
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

    private static ShortAudioResult parseShortAudio(final JsonNode root) throws AsrException {
        final JsonNode message = root.path("output").path("choices").path(0).path("message");
        final JsonNode content = message.path("content");
        if (!content.isArray()) {
            throw unexpected(SHORT_AUDIO, "output.choices[0].message.content");
        }
        final StringBuilder text = new StringBuilder();
        for (final JsonNode item : content) {
            text.append(item.path("text").asText(""));
        }
        String language = null;
        String emotion = null;
        for (final JsonNode annotation : message.path("annotations")) {
            if (language == null) {
                language = textOrNull(annotation, "language");
            }
            if (emotion == null) {
                emotion = textOrNull(annotation, "emotion");
            }
        }
        return new ShortAudioResult(text.toString(), language, emotion, seconds(root), textOrNull(root, "request_id"));
    }

    private static TaskInfo parseTask(final JsonNode root, final String operation) throws AsrException {
        final JsonNode output = root.path("output");
        final String taskId = textOrNull(output, "task_id");
        final String status = textOrNull(output, "task_status");
        if (taskId == null || status == null) {
            throw unexpected(operation, "output.task_id and output.task_status");
        }
        final JsonNode result = output.path("result").isObject() ? output.path("result") : output.path("results").path(0);
        return new TaskInfo(taskId, TaskStatus.fromWire(status), textOrNull(root, "request_id"),
                textOrNull(result, "transcription_url"), seconds(root), textOrNull(output, "code"),
                textOrNull(output, "message"));
    }

    private static Long seconds(final JsonNode root) {
        final JsonNode seconds = root.path("usage").path("seconds");
        return seconds.isNumber() ? seconds.asLong() : null;
    }

    private static AsrException unexpected(final String operation, final String missing) {
        return AsrException.permanent(AsrErrorCodes.UNEXPECTED_RESPONSE, operation + " returned JSON without "
                + missing + "; check that the Endpoint Override URL points at a DashScope endpoint");
    }

    private Request.Builder apiRequest(final HttpUrl url) {
        return new Request.Builder().url(url).header("Authorization", authorization);
    }

    private static void markOssResource(final Request.Builder request, final String url) {
        if (url.toLowerCase(Locale.ROOT).startsWith("oss://")) {
            request.header("X-DashScope-OssResourceResolve", "enable");
        }
    }

    private static RequestBody jsonBody(final ObjectNode body) throws AsrException {
        try {
            return RequestBody.create(Json.MAPPER.writeValueAsBytes(body), JSON);
        } catch (final JsonProcessingException e) {
            throw AsrException.permanent(AsrErrorCodes.UNEXPECTED_RESPONSE, "Could not write the request: " + e.getOriginalMessage());
        }
    }

    private static RequestBody dataUrlBody(final ObjectNode body, final ObjectNode audioItem, final AudioInput.Content content)
            throws AsrException {
        try {
            return DataUrlJsonBody.create(body, audioItem, "audio", content);
        } catch (final JsonProcessingException e) {
            throw AsrException.permanent(AsrErrorCodes.UNEXPECTED_RESPONSE, "Could not write the request: " + e.getOriginalMessage());
        }
    }

    /** Length of the data URL the service would receive for {@code length} bytes of {@code mimeType} audio. */
    public static long dataUrlLength(final String mimeType, final long length) {
        return DataUrlJsonBody.dataUrlLength(mimeType, length);
    }

    private HttpUrl endpoint(final String path) {
        return baseUrl.newBuilder().addPathSegments(path).build();
    }

    private static String textOrNull(final JsonNode node, final String field) {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
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
