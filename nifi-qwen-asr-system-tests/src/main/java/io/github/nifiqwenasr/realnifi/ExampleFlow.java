/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One of examples/*.json deployed the way a user would: uploaded, its three service values and directories set, started.
 * Used by the system tests and the benchmarks.
 */
public record ExampleFlow(NiFiClient client, String groupId, Path data) {

    /** Uploads {@code definition}, points it at the simulator and at directories under {@code data}, and starts it. */
    public static ExampleFlow deploy(final NiFiClient client, final SimulatorProcess simulator, final Path definition, final Path data) {
        final ExampleFlow flow = upload(client, simulator, definition, data);
        flow.start();
        return flow;
    }

    /** Uploads {@code definition} and points it at the simulator and at directories under {@code data}; nothing runs yet. */
    public static ExampleFlow upload(final NiFiClient client, final SimulatorProcess simulator, final Path definition, final Path data) {
        try {
            final String name = definition.getFileName() + " " + UUID.randomUUID();
            final String groupId = client.uploadFlowDefinition(client.rootGroupId(), name, Files.readAllBytes(definition));
            client.setParameters(client.parameterContextId(groupId), ExampleParameters.of(simulator, data));
            return new ExampleFlow(client, groupId, data);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Enables the group's services and starts its processors. */
    public void start() {
        client.enableControllerServices(groupId);
        client.startGroup(groupId);
    }

    /** Sets properties of the flow's Qwen3-ASR client service (before {@link #start()}). */
    public void configureAsrClient(final Map<String, String> properties) {
        final String serviceId = client.controllerServices(groupId).stream()
                .filter(service -> service.path("component").path("name").asText().equals("Qwen3-ASR client"))
                .map(service -> service.path("id").asText())
                .findFirst()
                .orElseThrow();
        client.updateControllerService(serviceId, properties);
    }

    /**
     * Stops the group and disables its services. The example flows share one parameter context, and NiFi refuses to
     * change a parameter that an enabled service of another group references.
     */
    public void stop() {
        client.stopGroup(groupId);
        client.disableControllerServices(groupId);
    }

    public Path directory(final String relative) {
        return data.resolve(relative);
    }

    public String processorId(final String name) {
        return client.processor(groupId, name).path("id").asText();
    }

    /** How often each file name was written by the named PutFile processors, from their SEND events' file URIs. */
    public Map<String, Long> sendsByFilename(final String... writers) {
        return Stream.of(writers).flatMap(writer -> eventsByFilename(writer, "SEND").entrySet().stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum));
    }

    /** How often the named processor reported {@code eventType} for each file name, from the events' transit URIs. */
    public Map<String, Long> eventsByFilename(final String processor, final String eventType) {
        return client.searchProvenance(Map.of("ProcessorID", processorId(processor), "EventType", eventType)).stream()
                .map(event -> event.path("transitUri").asText())
                .map(uri -> uri.substring(uri.lastIndexOf('/') + 1))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** Bulletins raised by this flow's processors. */
    public List<Bulletin> bulletins() {
        final List<String> ids = client.groupFlow(groupId).path("processors").valueStream()
                .map(processor -> processor.path("id").asText()).toList();
        return client.bulletins().stream().filter(bulletin -> ids.contains(bulletin.sourceId())).toList();
    }
}
