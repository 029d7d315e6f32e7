/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.AudioInput;
import io.github.nifiqwenasr.api.RequestRateLimiter;
import io.github.nifiqwenasr.api.TemporaryStorage;
import io.github.nifiqwenasr.api.UploadPolicy;
import okhttp3.HttpUrl;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The service's temporary storage (dashscope-api.md section 6): an upload policy from the API, then a form upload of
 * the content to the storage host the policy names, which gets no {@code Authorization} header.
 */
public final class HttpTemporaryStorage implements TemporaryStorage {

    public static final String UPLOADS_PATH = "api/v1/uploads";

    private static final Pattern SAFE_FILE_NAME = Pattern.compile("[^A-Za-z0-9._-]");
    private static final int MAX_FILE_NAME_CHARS = 100;
    private static final String POLICY = "Upload policy request";
    private static final String UPLOAD = "Upload to temporary storage";

    private final ApiCalls api;
    private final OkHttpClient uploads;
    private final RequestRateLimiter modelCalls;

    /** @param uploads the HTTP client for the storage host: no key, no Call Timeout (an upload can be 2 GB) */
    HttpTemporaryStorage(final ApiCalls api, final OkHttpClient uploads, final RequestRateLimiter modelCalls) {
        this.api = api;
        this.uploads = uploads;
        this.modelCalls = modelCalls;
    }

    /** Asks for permission to upload one file for {@code model} (step 1). */
    @Override
    public UploadPolicy policy(final String model) throws AsrException {
        final HttpUrl url = api.endpoint(UPLOADS_PATH).newBuilder()
                .addQueryParameter("action", "getPolicy")
                .addQueryParameter("model", model)
                .build();
        final JsonNode data = api.execute(api.request(url).get().build(), POLICY, modelCalls).path("data");
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
     * Uploads content to the storage the policy grants (step 2) and returns its {@code oss://} URL, valid for 48 hours
     * and only for the policy's model. The content is streamed; the size limit is checked before anything is sent.
     */
    @Override
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
                throw AsrException.builder(AsrException.Kind.RETRYABLE, denied.getCode(), ApiCalls.followedBy(denied.getMessage(),
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

    private static String safeFileName(final String fileName) {
        final String name = fileName == null || fileName.isBlank() ? "audio" : fileName;
        final String safe = SAFE_FILE_NAME.matcher(name).replaceAll("_");
        return safe.length() > MAX_FILE_NAME_CHARS ? safe.substring(safe.length() - MAX_FILE_NAME_CHARS) : safe;
    }
}
