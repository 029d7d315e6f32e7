/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The lifecycle of a NiFi instance of its own: start, SIGKILL, start again, SIGTERM. */
class NiFiInstanceIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    private Path output;

    @Test
    void aKilledInstanceRestartsWithItsFlowAndItsQueuedFlowFiles() {
        try (NiFiInstance nifi = RealNiFi.freshInstance("restart")) {
            final Duration firstStart = nifi.start();
            final long firstPid = nifi.pid();
            System.out.printf("Fresh NiFi: up in %.1f s, RSS %d MiB%n", firstStart.toMillis() / 1000.0, nifi.residentKiB() / 1024);
            final SmokeFlow flow = SmokeFlow.upload(nifi.client(), "Smoke", output, List.of());
            flow.runUntilTheConflictIsQueued();
            flow.stop();
            // Not the file's modification time: a save scheduled by the start can land after the stop and still say
            // RUNNING, and a SIGKILL then restarts GenerateFlowFile, which queues two more conflicts.
            final Path flowFile = nifi.directory().resolve("conf/flow.json.gz");
            Await.until("NiFi to save the flow with every processor of the group stopped", () -> savedAsStopped(flowFile, "Smoke"));
            // Read the queue after the stop: GenerateFlowFile may have run again under load before it stopped.
            final List<QueuedFlowFile> queued = nifi.client().listQueue(flow.failureConnection());

            nifi.kill();
            assertFalse(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false));
            final Duration restart = nifi.start();
            System.out.printf("NiFi after SIGKILL: up in %.1f s, RSS %d MiB%n", restart.toMillis() / 1000.0, nifi.residentKiB() / 1024);

            final NiFiClient client = nifi.client();
            final String groupId = client.childGroup(client.rootGroupId(), "Smoke").path("id").asText();
            final String failure = client.connectionId(groupId, SmokeFlow.WRITE, "failure");
            final List<QueuedFlowFile> recovered = client.listQueue(failure);
            assertFalse(queued.isEmpty());
            assertEquals(queued, recovered);
            assertEquals("STOPPED", client.processor(groupId, SmokeFlow.GENERATE).path("component").path("state").asText());

            final long secondPid = nifi.pid();
            final long stopping = System.nanoTime();
            nifi.stop();
            System.out.printf("NiFi stopped by SIGTERM in %.1f s%n", (System.nanoTime() - stopping) / 1e9);
            assertFalse(nifi.isRunning());
            assertFalse(ProcessHandle.of(secondPid).map(ProcessHandle::isAlive).orElse(false));
        }
    }

    /** Whether the saved flow has the group and none of its processors scheduled to run. */
    private static boolean savedAsStopped(final Path flowFile, final String groupName) {
        final JsonNode root;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(flowFile))) {
            root = JSON.readTree(in);
        } catch (final IOException e) {
            return false; // not written yet, or being replaced right now
        }
        for (final JsonNode group : root.path("rootGroup").path("processGroups")) {
            if (groupName.equals(group.path("name").asText())) {
                for (final JsonNode processor : group.path("processors")) {
                    if ("RUNNING".equals(processor.path("scheduledState").asText())) {
                        return false;
                    }
                }
                return !group.path("processors").isEmpty();
            }
        }
        return false;
    }
}
