/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DashScopeSimulatorTest extends SimulatorTestBase {
    @Test
    void listensOnTwoLoopbackPorts() {
        final URI api = URI.create(simulator.apiBaseUrl());
        final URI storage = URI.create(simulator.storageBaseUrl());

        assertEquals("127.0.0.1", api.getHost());
        assertEquals("127.0.0.1", storage.getHost());
        assertTrue(api.getPort() != storage.getPort());
        assertEquals("sk-qwensim-ap-southeast-1", simulator.apiKey());
    }

    @Test
    void recordsEveryRequestInArrivalOrder() {
        final Instant before = Instant.now();
        client.post(Routes.FLASH_PATH, "{\"model\": 1}", Map.of("X-Custom", "yes"));
        client.task("t-1");

        final List<RecordedRequest> requests = simulator.requests();
        assertEquals(List.of(Endpoint.FLASH, Endpoint.TASK_QUERY), requests.stream().map(RecordedRequest::endpoint).toList());
        final RecordedRequest flash = requests.getFirst();
        assertEquals("POST", flash.method());
        assertEquals(Routes.FLASH_PATH, flash.path());
        assertEquals("yes", flash.header("x-custom").orElseThrow(), "header names are case-insensitive");
        assertEquals(1, flash.json().get("model").asInt());
        assertEquals(12, flash.bodyLength());
        assertEquals(400, flash.responseStatus());
        assertTrue(!flash.receivedAt().isBefore(before));
        assertEquals(List.of(requests.get(1)), simulator.requests(Endpoint.TASK_QUERY));

        simulator.clearRequests();
        assertTrue(simulator.requests().isEmpty());
    }

    @Test
    void capsOrSkipsRecordedBodies() {
        simulator.settings().recordBodyLimitBytes(4);
        client.post(Routes.FLASH_PATH, "{\"model\": 1}", Map.of());
        simulator.settings().recordBodies(false);
        client.post(Routes.FLASH_PATH, "{\"model\": 2}", Map.of());

        final List<RecordedRequest> requests = simulator.requests();
        assertArrayEquals("{\"mo".getBytes(StandardCharsets.UTF_8), requests.get(0).body());
        assertEquals(12, requests.get(0).bodyLength());
        assertEquals(0, requests.get(1).body().length);
        assertEquals(12, requests.get(1).bodyLength());
        assertThrows(UncheckedIOException.class, () -> requests.get(1).json());
    }

    @Test
    void keepsOnlyTheNewestRequestsBeyondTheLimit() {
        simulator.settings().maxRecordedRequests(3);
        for (int i = 0; i < 5; i++) {
            client.task("t-" + i);
        }

        assertEquals(List.of("/api/v1/tasks/t-2", "/api/v1/tasks/t-3", "/api/v1/tasks/t-4"),
                simulator.requests().stream().map(RecordedRequest::path).toList());
    }

    @Test
    void servesConcurrentClientsAndRecordsThemAll() throws Exception {
        final ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            final List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(threads.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 250; i++) {
                        ok += client.task("t").status() == 200 ? 1 : 0;
                    }
                    return ok;
                }));
            }
            for (final Future<Integer> result : results) {
                assertEquals(250, result.get());
            }
        } finally {
            threads.shutdown();
        }
        assertEquals(1000, simulator.requests(Endpoint.TASK_QUERY).size());
    }

    @Test
    void resetForgetsStateAndRestoresDefaults() {
        final String hosted = simulator.hostAudio("a.wav", SimulatorClient.wav("A.", 1));
        simulator.settings().region(Region.US_EAST_1).clearApiKeys();
        assertThrows(IllegalStateException.class, simulator::apiKey);

        simulator.reset();

        assertEquals(Region.AP_SOUTHEAST_1, simulator.settings().region());
        assertEquals(400, client.flash(SimulatorClient.flashBody("qwen3-asr-flash", hosted)).status(), "hosted audio is gone");
    }

    @Test
    void releasesItsPortsOnClose() {
        final URI api = URI.create(simulator.apiBaseUrl());
        simulator.close();

        assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), api.getPort()).close());
    }

    @Test
    void predictsTranscriptsFromTheAudio() {
        final byte[] audio = SimulatorClient.wav("Predictable.", 1);

        assertEquals("Predictable.", DashScopeSimulator.transcriptFor(audio));
        assertEquals("Predictable. (channel 1)", DashScopeSimulator.sentenceText(audio, 1, 0));
    }
}
