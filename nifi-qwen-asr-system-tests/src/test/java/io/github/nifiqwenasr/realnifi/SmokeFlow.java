/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code flows/smoke.json}, standard processors only: GenerateFlowFile makes two FlowFiles named smoke.txt
 * (attribute {@code smoke.kind=greeting}), RouteOnAttribute sends them to PutFile, which writes the first into the
 * {@code Output Directory} parameter and routes the second, a name conflict, to {@code failure}, where it stays queued
 * with a warning bulletin.
 */
record SmokeFlow(NiFiClient client, String groupId) {

    static final String GENERATE = "Generate greetings";
    static final String ROUTE = "Route greetings";
    static final String WRITE = "Write greetings";
    static final String FILE_NAME = "smoke.txt";
    static final String TEXT = "Hello from a real NiFi";

    /** Uploads the flow under the root group and points it at {@code outputDirectory}; nothing runs yet. */
    static SmokeFlow upload(final NiFiClient client, final String groupName, final Path outputDirectory, final List<Parameter> moreParameters) {
        final String groupId = client.uploadFlowDefinition(client.rootGroupId(), groupName, definition());
        final List<Parameter> parameters = new ArrayList<>(moreParameters);
        parameters.add(Parameter.plain("Output Directory", outputDirectory.toString()));
        client.setParameters(client.parameterContextId(groupId), parameters);
        return new SmokeFlow(client, groupId);
    }

    static byte[] definition() {
        try (InputStream in = SmokeFlow.class.getResourceAsStream("/flows/smoke.json")) {
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the group and waits until the conflicting FlowFile sits in PutFile's failure queue. */
    void runUntilTheConflictIsQueued() {
        client.startGroup(groupId);
        Await.until("the conflicting FlowFile in the failure queue", () -> client.queueSize(failureConnection()).flowFiles() == 1);
    }

    void stop() {
        client.stopGroup(groupId);
    }

    String failureConnection() {
        return client.connectionId(groupId, WRITE, "failure");
    }

    String processorId(final String name) {
        return client.processor(groupId, name).path("id").asText();
    }
}
