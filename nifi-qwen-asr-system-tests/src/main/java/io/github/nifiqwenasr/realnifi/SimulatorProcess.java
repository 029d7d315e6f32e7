/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The DashScope simulator ({@code qwen-asr-simulator}'s runnable jar) as a process of its own, for NiFi to talk to:
 * API on a free port {@code p}, storage on {@code p + 1}, both on 127.0.0.1, one known API key. Started, waited for
 * ({@code /__sim/health}), driven through its admin API and stopped by its own pid, like NiFi.
 */
public final class SimulatorProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final ManagedProcess process;
    private final int apiPort;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SimulatorProcess(final ManagedProcess process, final int apiPort, final String apiKey) {
        this.process = process;
        this.apiPort = apiPort;
        this.apiKey = apiKey;
    }

    /**
     * Starts {@code java -jar <jar> --port <free> --api-key <apiKey> <extraArguments>} and waits until it is healthy.
     * Its output goes to {@code <runDirectory>/simulator.log}, its pid to {@code <runDirectory>/simulator.pid}.
     */
    public static SimulatorProcess start(final Path jar, final Path runDirectory, final String apiKey, final List<String> extraArguments) {
        final int apiPort = FreePorts.consecutivePair();
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar", jar.toAbsolutePath().toString(),
                "--port", Integer.toString(apiPort), "--api-key", apiKey));
        command.addAll(extraArguments);
        final ManagedProcess process = ManagedProcess.start("DashScope simulator", command, runDirectory, Map.of(),
                runDirectory.resolve("simulator.log"), runDirectory.resolve("simulator.pid"));
        final SimulatorProcess simulator = new SimulatorProcess(process, apiPort, apiKey);
        final long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!simulator.isHealthy()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.stop();
                throw new IllegalStateException("The simulator did not become healthy on port " + apiPort + ":"
                        + System.lineSeparator() + ManagedProcess.tail(process.logFile()));
            }
            Await.sleep(Duration.ofMillis(200));
        }
        return simulator;
    }

    /** What NiFi's {@code Endpoint Override URL} points at. */
    public String apiBaseUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    public String storageBaseUrl() {
        return "http://127.0.0.1:" + (apiPort + 1);
    }

    public String apiKey() {
        return apiKey;
    }

    public long pid() {
        return process.pid();
    }

    /** Every request the simulator recorded (endpoint, method, path, headers, status; no bodies). */
    public JsonNode requests() {
        return call("GET", "/__sim/requests", null);
    }

    /** Makes {@code audio} downloadable by tasks at {@code url}, as if a web server outside the simulator served it. */
    public void registerRemoteAudio(final String url, final byte[] audio) {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(apiBaseUrl() + "/__sim/remote-audio?url="
                        + URLEncoder.encode(url, StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(audio))
                .timeout(Duration.ofSeconds(30))
                .build();
        try {
            final int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("POST /__sim/remote-audio answered HTTP " + status);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while registering remote audio", e);
        }
    }

    /** The recorded requests to one endpoint (e.g. TASK_QUERY), oldest first. */
    public JsonNode requests(final String endpoint) {
        return call("GET", "/__sim/requests?endpoint=" + endpoint, null);
    }

    /** A task as the simulator holds it: status, audioSeconds, submitTime, endTime, ... */
    public JsonNode task(final String taskId) {
        return call("GET", "/__sim/tasks/" + taskId, null);
    }

    /** When the simulator answered requests to {@code endpoint} (e.g. FLASH, SUBMIT) with {@code status}, in order. */
    public List<Instant> answered(final String endpoint, final int status) {
        return requests().valueStream()
                .filter(request -> request.path("endpoint").asText().equals(endpoint) && request.path("status").asInt() == status)
                .map(request -> Instant.parse(request.path("timestamp").asText()))
                .sorted()
                .toList();
    }

    /** How many requests to {@code endpoint} were answered with {@code status} from {@code from} (inclusive) to {@code to}. */
    public long answeredBetween(final String endpoint, final int status, final Instant from, final Instant to) {
        return answered(endpoint, status).stream().filter(time -> !time.isBefore(from) && time.isBefore(to)).count();
    }

    /** Forgets tasks, uploads, recorded requests, faults and settings, then registers this process's API key again. */
    public void reset() {
        call("POST", "/__sim/reset", "{}");
        final ObjectNode keys = Json.MAPPER.createObjectNode();
        keys.putArray("apiKeys").add(apiKey);
        call("POST", "/__sim/settings", keys.toString());
    }

    /** Changes settings live, e.g. {@code {"taskRunningTimeBase":"2s"}} (the JSON form of SimulatorSettings). */
    public void settings(final String settingsJson) {
        call("POST", "/__sim/settings", settingsJson);
    }

    /** Queues a fault for an endpoint (the JSON form of the simulator's enqueueFault). */
    public void fault(final String faultJson) {
        call("POST", "/__sim/faults", faultJson);
    }

    public void stop() {
        process.stop();
    }

    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        stop();
    }

    private boolean isHealthy() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(apiBaseUrl() + "/__sim/health")).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (final IOException e) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the simulator", e);
        }
    }

    private JsonNode call(final String method, final String path, final String body) {
        final HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
        final HttpRequest request = HttpRequest.newBuilder(URI.create(apiBaseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, publisher)
                .timeout(Duration.ofSeconds(30))
                .build();
        try {
            final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered HTTP " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(response.body());
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(method + " " + path + " did not answer JSON", e);
        } catch (final IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + path, e);
        }
    }
}
