package io.github.nifiqwenasr.realnifi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One of examples/*.json deployed the way a user would: uploaded, its three service values and directories set, started. */
record ExampleFlow(NiFiClient client, String groupId, Path data) {

    /** Uploads {@code example}, points it at the simulator and at directories under {@code data}, and starts it. */
    static ExampleFlow deploy(final NiFiClient client, final SimulatorProcess simulator, final String example, final Path data) {
        final ExampleFlow flow = upload(client, simulator, example, data);
        flow.start();
        return flow;
    }

    /** Uploads {@code example} and points it at the simulator and at directories under {@code data}; nothing runs yet. */
    static ExampleFlow upload(final NiFiClient client, final SimulatorProcess simulator, final String example, final Path data) {
        try {
            final byte[] definition = Files.readAllBytes(RealNiFi.repoRoot().resolve("examples").resolve(example));
            final String groupId = client.uploadFlowDefinition(client.rootGroupId(), example + " " + UUID.randomUUID(), definition);
            client.setParameters(client.parameterContextId(groupId), ExampleParameters.of(simulator, data));
            return new ExampleFlow(client, groupId, data);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Enables the group's services and starts its processors. */
    void start() {
        client.enableControllerServices(groupId);
        client.startGroup(groupId);
    }

    /** Sets properties of the flow's Qwen3-ASR client service (before {@link #start()}). */
    void configureAsrClient(final Map<String, String> properties) {
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
    void stop() {
        client.stopGroup(groupId);
        client.disableControllerServices(groupId);
    }

    Path directory(final String relative) {
        return data.resolve(relative);
    }

    String processorId(final String name) {
        return client.processor(groupId, name).path("id").asText();
    }

    /** Bulletins raised by this flow's processors. */
    List<Bulletin> bulletins() {
        final List<String> ids = client.groupFlow(groupId).path("processors").valueStream()
                .map(processor -> processor.path("id").asText()).toList();
        return client.bulletins().stream().filter(bulletin -> ids.contains(bulletin.sourceId())).toList();
    }
}
