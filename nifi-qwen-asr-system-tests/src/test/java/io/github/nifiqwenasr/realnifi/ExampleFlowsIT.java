/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example flows in examples/ are flow definitions NiFi 2.3.0 accepts as they are: uploaded, every component and
 * connection is there, their parameter context takes the three values a user fills in (the API key as a sensitive
 * value), and NiFi exports the same flow back without the key.
 */
@ExtendWith(RealNiFi.class)
class ExampleFlowsIT {

    private final NiFiClient client;

    ExampleFlowsIT(final NiFiClient client) {
        this.client = client;
    }

    @ParameterizedTest
    @ValueSource(strings = {"short-audio-transcription.json", "long-audio-transcription.json"})
    void theExampleFlowUploadsAndExportsUnchanged(final String example) throws IOException {
        final byte[] definition = Files.readAllBytes(RealNiFi.repoRoot().resolve("examples").resolve(example));
        final JsonNode expected = Json.MAPPER.readTree(definition).path("flowContents");
        final String groupId = client.uploadFlowDefinition(client.rootGroupId(), example + " " + UUID.randomUUID(), definition);

        final JsonNode flow = client.groupFlow(groupId);
        assertEquals(processors(expected.path("processors")), processors(Json.MAPPER.valueToTree(
                StreamSupport.stream(flow.path("processors").spliterator(), false).map(entity -> entity.path("component")).toList())));
        assertEquals(expected.path("connections").size(), flow.path("connections").size());
        assertEquals(expected.path("controllerServices").size(), client.controllerServices(groupId).size());

        final String contextId = client.parameterContextId(groupId);
        assertEquals("Qwen3-ASR", client.get("/parameter-contexts/" + contextId).path("component").path("name").asText());
        final String apiKey = "sk-example-" + UUID.randomUUID();
        client.setParameters(contextId, List.of(
                Parameter.sensitive("API Key", apiKey),
                Parameter.plain("Region", "us-east-1"),
                Parameter.plain("Endpoint Override URL", "http://127.0.0.1:9")));

        // Every relationship of every processor is connected or auto-terminated (a new relationship, such as
        // SubmitAsrTask's 'outcome unknown', would otherwise leave the processor invalid and its FlowFiles stuck).
        Await.until("the example's processors validated", () -> processorEntities(groupId).stream()
                .noneMatch(processor -> processor.path("component").path("validationStatus").asText().equals("VALIDATING")));
        for (final JsonNode processor : processorEntities(groupId)) {
            final String errors = processor.path("component").path("validationErrors").toString();
            assertFalse(errors.contains("Relationship"), processor.path("component").path("name").asText() + ": " + errors);
        }

        final JsonNode exported = client.exportFlowDefinition(groupId);
        assertEquals(processors(expected.path("processors")), processors(exported.path("flowContents").path("processors")));
        assertEquals(connections(expected), connections(exported.path("flowContents")));
        final JsonNode apiKeyParameter = StreamSupport.stream(exported.path("parameterContexts").path("Qwen3-ASR").path("parameters").spliterator(), false)
                .filter(parameter -> parameter.path("name").asText().equals("API Key")).findFirst().orElseThrow();
        assertTrue(apiKeyParameter.path("sensitive").asBoolean());
        assertFalse(exported.toString().contains(apiKey));
    }

    private List<JsonNode> processorEntities(final String groupId) {
        return StreamSupport.stream(client.groupFlow(groupId).path("processors").spliterator(), false).toList();
    }

    /** name, type and bundle of each processor */
    private static Set<String> processors(final JsonNode processors) {
        return StreamSupport.stream(processors.spliterator(), false)
                .map(processor -> processor.path("name").asText() + " | " + processor.path("type").asText() + " | "
                        + processor.path("bundle").path("group").asText() + ":" + processor.path("bundle").path("artifact").asText()
                        + ":" + processor.path("bundle").path("version").asText())
                .collect(Collectors.toSet());
    }

    /** source name, relationships and destination name of each connection */
    private static Set<String> connections(final JsonNode flowContents) {
        return StreamSupport.stream(flowContents.path("connections").spliterator(), false)
                .map(connection -> connection.path("source").path("name").asText() + " -" + sorted(connection.path("selectedRelationships"))
                        + "-> " + connection.path("destination").path("name").asText())
                .collect(Collectors.toSet());
    }

    private static List<String> sorted(final JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).sorted().toList();
    }
}
