/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST harness against a real NiFi running the standard-processor smoke flow. */
@ExtendWith(RealNiFi.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NiFiClientIT {

    private final String secret = "smoke-secret-" + UUID.randomUUID();
    private final NiFiClient client;
    private SmokeFlow flow;

    @TempDir
    private static Path output;

    NiFiClientIT(final NiFiClient client) {
        this.client = client;
    }

    @BeforeAll
    void runSmokeFlow() {
        flow = SmokeFlow.upload(client, "Smoke " + UUID.randomUUID(), output, List.of(Parameter.sensitive("Smoke Secret", secret)));
        flow.runUntilTheConflictIsQueued();
        flow.stop();
    }

    @Test
    void theFlowWritesTheGeneratedFile() throws IOException {
        assertEquals(SmokeFlow.TEXT, Files.readString(output.resolve(SmokeFlow.FILE_NAME), StandardCharsets.UTF_8));
        assertEquals(List.of(SmokeFlow.FILE_NAME), Files.list(output).map(path -> path.getFileName().toString()).toList());
    }

    @Test
    void queuedFlowFilesShowTheirAttributesAndContent() {
        final String failure = flow.failureConnection();
        assertEquals(new QueueSize(1, SmokeFlow.TEXT.length()), client.queueSize(failure));
        final List<QueuedFlowFile> queued = client.listQueue(failure);
        assertEquals(1, queued.size());
        final QueuedFlowFile flowFile = queued.getFirst();
        assertEquals(SmokeFlow.FILE_NAME, flowFile.attribute("filename"));
        assertEquals("greeting", flowFile.attribute("smoke.kind"));
        assertEquals(SmokeFlow.TEXT, new String(client.content(failure, flowFile.uuid()), StandardCharsets.UTF_8));
    }

    @Test
    void provenanceRecordsTheFileWritten() {
        final String putFile = flow.processorId(SmokeFlow.WRITE);
        Await.until("PutFile's SEND event to be searchable", () -> !sends(putFile).isEmpty());
        final List<JsonNode> sends = sends(putFile);
        assertEquals(1, sends.size());
        assertEquals(output.resolve(SmokeFlow.FILE_NAME).toFile().toURI().toString(), sends.getFirst().path("transitUri").asText());
        final JsonNode event = client.provenanceEvent(sends.getFirst().path("id").asText());
        assertTrue(StreamSupport.stream(event.path("attributes").spliterator(), false)
                .anyMatch(attribute -> attribute.path("name").asText().equals("smoke.kind")
                        && attribute.path("value").asText().equals("greeting")));
    }

    @Test
    void theNameConflictIsOnTheBulletinBoard() {
        final String putFile = flow.processorId(SmokeFlow.WRITE);
        final List<Bulletin> bulletins = client.bulletins().stream().filter(bulletin -> bulletin.sourceId().equals(putFile)).toList();
        assertEquals(1, bulletins.size(), () -> "bulletins of PutFile: " + bulletins);
        assertEquals("WARNING", bulletins.getFirst().level());
        assertTrue(bulletins.getFirst().message().contains("already exists"), bulletins.getFirst().message());
    }

    @Test
    void theExportedFlowDefinitionKeepsTheFlowButNotTheSecret() {
        final JsonNode exported = client.exportFlowDefinition(flow.groupId());
        final List<String> processors = StreamSupport.stream(exported.path("flowContents").path("processors").spliterator(), false)
                .map(processor -> processor.path("name").asText()).sorted().toList();
        assertEquals(List.of(SmokeFlow.GENERATE, SmokeFlow.ROUTE, SmokeFlow.WRITE), processors);
        final JsonNode parameters = exported.path("parameterContexts").path("Smoke").path("parameters");
        final JsonNode secretParameter = StreamSupport.stream(parameters.spliterator(), false)
                .filter(parameter -> parameter.path("name").asText().equals("Smoke Secret")).findFirst().orElseThrow();
        assertTrue(secretParameter.path("sensitive").asBoolean());
        assertFalse(exported.toString().contains(secret));
    }

    @Test
    void processorDocumentationIsServed() {
        final JsonNode putFile = client.processorDefinition("org.apache.nifi", "nifi-standard-nar", "2.3.0", "org.apache.nifi.processors.standard.PutFile");
        assertTrue(putFile.path("propertyDescriptors").has("Directory"));
        assertTrue(StreamSupport.stream(putFile.path("supportedRelationships").spliterator(), false)
                .anyMatch(relationship -> relationship.path("name").asText().equals("failure")));
        final String details = client.additionalDetails("org.apache.nifi", "nifi-standard-nar", "2.3.0", "org.apache.nifi.processors.standard.RouteOnAttribute");
        assertTrue(details.contains("RouteOnAttribute"), details);
    }

    private List<JsonNode> sends(final String processorId) {
        return client.searchProvenance(Map.of("ProcessorID", processorId, "EventType", "SEND"));
    }
}
