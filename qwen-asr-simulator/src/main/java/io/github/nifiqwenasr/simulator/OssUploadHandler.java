/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import io.github.nifiqwenasr.simulator.audio.AudioDigester;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OSS PostObject form upload on the storage port (section 6, step 2). Fields are checked when the file part
 * starts (as OSS does); the file is streamed through a digest, never held in memory; a file beyond the policy's
 * size is read to its end (so the client sees the answer) and refused with EntityTooLarge.
 */
final class OssUploadHandler implements EndpointHandler {
    private static final List<String> REQUIRED_FIELDS = List.of("OSSAccessKeyId", "Signature", "policy", "key",
            "x-oss-object-acl", "x-oss-forbid-overwrite", "success_action_status");
    private static final Set<String> OPTIONAL_FIELDS = Set.of("x-oss-content-type", "Content-Type");
    private static final int MAX_FIELD_BYTES = 64 * 1024;

    private final StorageSigner signer;
    private final AudioLibrary library;

    OssUploadHandler(final StorageSigner signer, final AudioLibrary library) {
        this.signer = signer;
        this.library = library;
    }

    @Override
    public void handle(final Call call) throws ApiError, IOException {
        final String boundary = MultipartReader.boundary(call.request().header("Content-Type").orElse(null));
        if (boundary == null) {
            throw invalidArgument("The body of a PostObject request must be multipart/form-data.");
        }
        final MultipartReader form = new MultipartReader(call.body(), boundary);
        final Map<String, String> fields = new LinkedHashMap<>();
        MultipartReader.Part part;
        try {
            while ((part = form.next()) != null && !"file".equals(part.name())) {
                fields.put(part.name(), form.readText(MAX_FIELD_BYTES));
            }
        } catch (final IOException e) {
            throw invalidArgument(e.getMessage());
        }
        if (part == null) {
            throw invalidArgument("The form has no file field.");
        }
        final UploadPolicy policy = checkFields(fields);
        final AudioDigester digester = new AudioDigester();
        final byte[] chunk = new byte[64 * 1024];
        int read;
        while ((read = form.read(chunk, 0, chunk.length)) >= 0) {
            if (digester.size() + read <= policy.maxBytes()) {
                digester.update(chunk, 0, read);
            } else {
                drainTooLarge(form, chunk);
            }
        }
        if (form.next() != null) {
            // Section 6 step 2: the file must be the last field of the form.
            throw invalidArgument("The file field must be the last field of the form.");
        }
        final String key = fields.get("key");
        if (UploadPolicy.FORBID_OVERWRITE.equals(fields.get("x-oss-forbid-overwrite")) && library.uploadExists(key)) {
            throw ApiError.verbatim(409, "FileAlreadyExists", "The object you specified already exists and can not be overwritten.");
        }
        library.putUpload(key, policy.model(), digester.finish(), Instant.now());
        call.exchange().respond(200, null, new byte[0]);
    }

    private static void drainTooLarge(final MultipartReader form, final byte[] chunk) throws IOException, ApiError {
        while (form.read(chunk, 0, chunk.length) >= 0) {
            // the rest of the oversized file is discarded
        }
        while (form.next() != null) {
            // and so are any fields after it
        }
        throw ApiError.verbatim(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size.");
    }

    private UploadPolicy checkFields(final Map<String, String> fields) throws ApiError, IOException {
        for (final String required : REQUIRED_FIELDS) {
            if (!fields.containsKey(required)) {
                throw invalidArgument("The form field " + required + " is missing.");
            }
        }
        for (final String name : fields.keySet()) {
            if (!REQUIRED_FIELDS.contains(name) && !OPTIONAL_FIELDS.contains(name)) {
                throw policyFailed("Extra input fields: " + name);
            }
        }
        if (!StorageSigner.ACCESS_KEY_ID.equals(fields.get("OSSAccessKeyId"))) {
            throw ApiError.verbatim(403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.");
        }
        if (!signer.verify(fields.get("policy"), fields.get("Signature"))) {
            throw ApiError.verbatim(403, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
        }
        final UploadPolicy policy = UploadPolicy.decode(fields.get("policy"));
        if (Instant.now().isAfter(policy.expiration())) {
            throw policyFailed("Policy expired.");
        }
        final String key = fields.get("key");
        if (!key.startsWith(policy.uploadDir() + "/") || key.length() == policy.uploadDir().length() + 1) {
            throw policyFailed("Policy Condition failed: [\"starts-with\", \"$key\", \"" + policy.uploadDir() + "\"]");
        }
        if (!policy.acl().equals(fields.get("x-oss-object-acl"))) {
            throw policyFailed("Policy Condition failed: [\"eq\", \"$x-oss-object-acl\", \"" + policy.acl() + "\"]");
        }
        if (!policy.forbidOverwrite().equals(fields.get("x-oss-forbid-overwrite"))) {
            throw policyFailed("Policy Condition failed: [\"eq\", \"$x-oss-forbid-overwrite\", \"" + policy.forbidOverwrite() + "\"]");
        }
        if (!"200".equals(fields.get("success_action_status"))) {
            // [I] section 6 requires success_action_status=200; OSS would answer 204 otherwise, the simulator refuses.
            throw invalidArgument("success_action_status must be 200.");
        }
        return policy;
    }

    private static ApiError policyFailed(final String detail) {
        return ApiError.verbatim(403, "AccessDenied", "Invalid according to Policy: " + detail);
    }

    private static ApiError invalidArgument(final String message) {
        return ApiError.verbatim(400, "InvalidArgument", message);
    }
}
