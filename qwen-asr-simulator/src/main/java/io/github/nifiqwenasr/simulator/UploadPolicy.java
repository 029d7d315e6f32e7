/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * An OSS POST policy as handed out by getPolicy (section 6, step 1). The simulator keeps no state per policy: the
 * Base64 policy document carries expiry, size range, key prefix, ACL, overwrite flag and the model, and its HMAC
 * signature proves it came from this simulator.
 */
record UploadPolicy(Instant expiration, long maxBytes, String uploadDir, String acl, String forbidOverwrite, String model) {
    static final String ACL = "private";
    static final String FORBID_OVERWRITE = "true";

    String encode() {
        final ObjectNode document = Json.MAPPER.createObjectNode();
        document.put("expiration", expiration.toString());
        final ArrayNode conditions = document.putArray("conditions");
        conditions.addArray().add("content-length-range").add(0).add(maxBytes);
        conditions.addArray().add("starts-with").add("$key").add(uploadDir);
        conditions.addObject().put("x-oss-object-acl", acl);
        conditions.addObject().put("x-oss-forbid-overwrite", forbidOverwrite);
        conditions.addObject().put("x-qwensim-model", model);
        return Base64.getEncoder().encodeToString(SseEvents.write(document).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a policy whose signature was already verified. */
    static UploadPolicy decode(final String policy) throws IOException {
        final JsonNode document = Json.MAPPER.readTree(Base64.getDecoder().decode(policy));
        final JsonNode conditions = document.get("conditions");
        return new UploadPolicy(Instant.parse(document.get("expiration").asText()), conditions.get(0).get(2).asLong(),
                conditions.get(1).get(2).asText(), conditions.get(2).get("x-oss-object-acl").asText(),
                conditions.get(3).get("x-oss-forbid-overwrite").asText(), conditions.get(4).get("x-qwensim-model").asText());
    }
}
