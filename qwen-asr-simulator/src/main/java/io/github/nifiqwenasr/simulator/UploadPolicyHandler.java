/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/** {@code GET /api/v1/uploads?action=getPolicy&model=...} (section 6, step 1). */
final class UploadPolicyHandler implements EndpointHandler {
    private static final long CAPACITY_LIMIT_MB = 999_999_999L;

    private final SimulatorSettings settings;
    private final StorageSigner signer;
    private final String storageBaseUrl;

    UploadPolicyHandler(final SimulatorSettings settings, final StorageSigner signer, final String storageBaseUrl) {
        this.settings = settings;
        this.signer = signer;
        this.storageBaseUrl = storageBaseUrl;
    }

    @Override
    public void handle(final Call call) throws ApiError, IOException {
        final Map<String, String> query = call.request().queryParameters();
        if (!"getPolicy".equals(query.get("action"))) {
            throw ApiError.invalidParameter("Parameter action must be getPolicy.");
        }
        final String model = query.get("model");
        if (model == null || model.isEmpty()) {
            throw ApiError.badRequest("BadRequest.EmptyModel", "Required parameter \"model\" missing from request.");
        }
        final ModelFamily family = ModelCatalog.familyIn(model, settings.region());
        final int maxMb = family == ModelFamily.FILETRANS ? settings.filetransUploadMaxFileSizeMb() : settings.flashUploadMaxFileSizeMb();
        final Instant now = Instant.now();
        final String uploadDir = "dashscope-instant/" + accountHash(call) + "/" + LocalDate.now(ZoneOffset.UTC) + "/" + RequestIds.next();
        final UploadPolicy policy = new UploadPolicy(now.plus(settings.uploadPolicyTtl()), maxMb * 1024L * 1024L, uploadDir,
                UploadPolicy.ACL, UploadPolicy.FORBID_OVERWRITE, model);
        final String encoded = policy.encode();
        final ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("request_id", call.requestId());
        final ObjectNode data = answer.putObject("data");
        data.put("policy", encoded);
        data.put("signature", signer.sign(encoded));
        data.put("upload_dir", uploadDir);
        data.put("upload_host", storageBaseUrl);
        data.put("expire_in_seconds", settings.uploadPolicyTtl().toSeconds());
        data.put("max_file_size_mb", maxMb);
        data.put("capacity_limit_mb", CAPACITY_LIMIT_MB);
        data.put("oss_access_key_id", StorageSigner.ACCESS_KEY_ID);
        data.put("x_oss_object_acl", UploadPolicy.ACL);
        data.put("x_oss_forbid_overwrite", UploadPolicy.FORBID_OVERWRITE);
        call.exchange().respond(200, ErrorStyle.JSON, Json.MAPPER.writeValueAsBytes(answer));
    }

    /** A stable per-key directory component, like the account id segment of real upload dirs. */
    private static String accountHash(final Call call) {
        final String authorization = call.request().header("Authorization").orElse("");
        return Integer.toHexString(authorization.hashCode() & 0x7FFF_FFFF);
    }
}
