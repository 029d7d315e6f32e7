/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;

class OssUploadHandlerTest extends SimulatorTestBase {
    /** The documented two-step upload (section 6); returns the oss:// URL. */
    static String upload(final DashScopeSimulator simulator, final String model, final String filename, final byte[] content) {
        final JsonNode policy = new SimulatorClient(simulator).get("/api/v1/uploads?action=getPolicy&model=" + model, Map.of()).json().get("data");
        final String key = policy.get("upload_dir").asText() + "/" + filename;
        final SimulatorClient.Answer answer = SimulatorClient.execute(form(policy, fields(policy, key), RequestBody.create(content)));
        assertEquals(200, answer.status(), answer.body());
        assertEquals("", answer.body());
        return "oss://" + key;
    }

    @Test
    void handsOutAPolicyWithTheDocumentedFields() {
        final SimulatorClient.Answer answer = client.get("/api/v1/uploads?action=getPolicy&model=qwen3-asr-flash-filetrans", Map.of());

        assertEquals(200, answer.status());
        final JsonNode json = answer.json();
        assertEquals(36, json.get("request_id").asText().length());
        final JsonNode data = json.get("data");
        assertEquals(List.of("policy", "signature", "upload_dir", "upload_host", "expire_in_seconds", "max_file_size_mb",
                "capacity_limit_mb", "oss_access_key_id", "x_oss_object_acl", "x_oss_forbid_overwrite"), SimulatorClient.names(data));
        assertEquals(simulator.storageBaseUrl(), data.get("upload_host").asText());
        assertEquals(300, data.get("expire_in_seconds").asInt());
        assertEquals(2048, data.get("max_file_size_mb").asInt());
        assertEquals("private", data.get("x_oss_object_acl").asText());
        assertEquals("true", data.get("x_oss_forbid_overwrite").asText());
        assertTrue(data.get("upload_dir").asText().startsWith("dashscope-instant/"));
        assertEquals(10, client.get("/api/v1/uploads?action=getPolicy&model=qwen3-asr-flash", Map.of()).json().at("/data/max_file_size_mb").asInt());
    }

    @Test
    void refusesPolicyRequestsTheServiceRefuses() {
        assertEquals(404, client.get("/api/v1/uploads?action=getPolicy&model=whisper", Map.of()).status());
        assertEquals("BadRequest.EmptyModel", client.get("/api/v1/uploads?action=getPolicy", Map.of()).json().get("code").asText());
        assertEquals(400, client.get("/api/v1/uploads?action=list&model=qwen3-asr-flash", Map.of()).status());
        assertEquals(401, client.get("/api/v1/uploads?action=getPolicy&model=qwen3-asr-flash", Map.of("Authorization", "Bearer nope")).status());
    }

    @Test
    void storesAnUploadThatTheFiletransModelCanUse() {
        final String ossUrl = upload(simulator, "qwen3-asr-flash-filetrans", "meeting.wav", SimulatorClient.wav("Uploaded meeting.", 3));

        final RecordedRequest recorded = simulator.requests(Endpoint.OSS_UPLOAD).getFirst();
        assertEquals(Optional.empty(), recorded.header("Authorization"), "the form upload carries no API key");
        assertTrue(recorded.header("Content-Type").orElseThrow().startsWith("multipart/form-data; boundary="));
        final String taskId = client.post(Routes.SUBMIT_PATH, SimulatorClient.submitBody(ossUrl),
                Map.of("X-DashScope-Async", "enable", "X-DashScope-OssResourceResolve", "enable")).json().at("/output/task_id").asText();
        assertEquals(3, simulator.task(taskId).orElseThrow().audioSeconds(), 0.001);

        final String withoutHeader = client.submit(SimulatorClient.submitBody(ossUrl)).json().at("/output/task_id").asText();
        assertEquals("FAILED", simulator.task(withoutHeader).orElseThrow().status(), "oss:// needs X-DashScope-OssResourceResolve");
        assertEquals("FILE_DOWNLOAD_FAILED", simulator.task(withoutHeader).orElseThrow().code());
    }

    @Test
    void rejectsAFileThatIsNotTheLastField() {
        final JsonNode policy = policy("qwen3-asr-flash");
        final MultipartBody.Builder body = new MultipartBody.Builder().setType(MultipartBody.FORM);
        fields(policy, policy.get("upload_dir").asText() + "/a.wav").forEach((name, value) -> {
            if (!"success_action_status".equals(name)) {
                body.addFormDataPart(name, value);
            }
        });
        body.addFormDataPart("file", "a.wav", RequestBody.create(SimulatorClient.wav("x", 1)));
        body.addFormDataPart("success_action_status", "200");

        assertOssError(SimulatorClient.execute(post(body.build())), 400, "InvalidArgument");
    }

    @Test
    void checksEveryFieldAgainstThePolicy() {
        final JsonNode policy = policy("qwen3-asr-flash");
        final String key = policy.get("upload_dir").asText() + "/a.wav";
        final byte[] audio = SimulatorClient.wav("x", 1);

        assertOssError(upload(policy, with(fields(policy, key), "key", "elsewhere/a.wav"), audio), 403, "AccessDenied");
        assertOssError(upload(policy, with(fields(policy, key), "Signature", "AAAA"), audio), 403, "SignatureDoesNotMatch");
        assertOssError(upload(policy, with(fields(policy, key), "OSSAccessKeyId", "LTAIother"), audio), 403, "InvalidAccessKeyId");
        assertOssError(upload(policy, with(fields(policy, key), "x-oss-object-acl", "public-read"), audio), 403, "AccessDenied");
        assertOssError(upload(policy, with(fields(policy, key), "x-oss-forbid-overwrite", "false"), audio), 403, "AccessDenied");
        assertOssError(upload(policy, with(fields(policy, key), "x-extra", "1"), audio), 403, "AccessDenied");
        final Map<String, String> missing = fields(policy, key);
        missing.remove("policy");
        assertOssError(upload(policy, missing, audio), 400, "InvalidArgument");
        assertEquals(200, upload(policy, fields(policy, key), audio).status());
        assertOssError(upload(policy, fields(policy, key), audio), 409, "FileAlreadyExists");
    }

    @Test
    void refusesAnExpiredPolicyWithTheDocumentedOssError() throws InterruptedException {
        simulator.settings().uploadPolicyTtl(Duration.ZERO);
        final JsonNode policy = policy("qwen3-asr-flash");
        Thread.sleep(5);

        final SimulatorClient.Answer answer = upload(policy, fields(policy, policy.get("upload_dir").asText() + "/a.wav"), SimulatorClient.wav("x", 1));

        assertOssError(answer, 403, "AccessDenied");
        assertTrue(answer.body().contains("<Message>Invalid according to Policy: Policy expired.</Message>"), answer.body());
    }

    @Test
    void refusesFilesOverThePolicySizeAfterStreamingThem() {
        simulator.settings().recordBodies(false).filetransUploadMaxFileSizeMb(1);
        final JsonNode policy = policy("qwen3-asr-flash-filetrans");
        final long size = 1024 * 1024 + 1;
        final RequestBody streamed = new RequestBody() {
            @Override
            public MediaType contentType() {
                return MediaType.get("audio/wav");
            }

            @Override
            public void writeTo(final BufferedSink sink) throws IOException {
                final byte[] block = new byte[8192];
                for (long written = 0; written < size; written += block.length) {
                    sink.write(block, 0, (int) Math.min(block.length, size - written));
                }
            }
        };

        final SimulatorClient.Answer answer = SimulatorClient.execute(form(policy, fields(policy, policy.get("upload_dir").asText() + "/big.wav"), streamed));

        assertOssError(answer, 400, "EntityTooLarge");
        assertEquals(0, simulator.requests(Endpoint.OSS_UPLOAD).getFirst().body().length, "bodies not recorded");
        assertTrue(simulator.requests(Endpoint.OSS_UPLOAD).getFirst().bodyLength() > size);
    }

    private JsonNode policy(final String model) {
        return client.get("/api/v1/uploads?action=getPolicy&model=" + model, Map.of()).json().get("data");
    }

    private static SimulatorClient.Answer upload(final JsonNode policy, final Map<String, String> fields, final byte[] content) {
        return SimulatorClient.execute(form(policy, fields, RequestBody.create(content)));
    }

    /** Form fields in the order of section 6 step 2. */
    static Map<String, String> fields(final JsonNode policy, final String key) {
        final Map<String, String> fields = new LinkedHashMap<>();
        fields.put("OSSAccessKeyId", policy.get("oss_access_key_id").asText());
        fields.put("Signature", policy.get("signature").asText());
        fields.put("policy", policy.get("policy").asText());
        fields.put("key", key);
        fields.put("x-oss-object-acl", policy.get("x_oss_object_acl").asText());
        fields.put("x-oss-forbid-overwrite", policy.get("x_oss_forbid_overwrite").asText());
        fields.put("success_action_status", "200");
        fields.put("x-oss-content-type", "audio/wav");
        return fields;
    }

    private static Request form(final JsonNode policy, final Map<String, String> fields, final RequestBody file) {
        final MultipartBody.Builder body = new MultipartBody.Builder().setType(MultipartBody.FORM);
        fields.forEach(body::addFormDataPart);
        body.addFormDataPart("file", "audio.wav", file);
        return new Request.Builder().url(policy.get("upload_host").asText()).post(body.build()).build();
    }

    private Request post(final MultipartBody body) {
        return new Request.Builder().url(simulator.storageBaseUrl()).post(body).build();
    }

    private static Map<String, String> with(final Map<String, String> fields, final String name, final String value) {
        fields.put(name, value);
        return fields;
    }

    static void assertOssError(final SimulatorClient.Answer answer, final int status, final String code) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals("application/xml", answer.header("Content-Type"));
        assertTrue(answer.body().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>"), answer.body());
        assertTrue(answer.body().contains("<Code>" + code + "</Code>"), answer.body());
    }
}
