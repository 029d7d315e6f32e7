/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/** Runs the shaded jar as users do: {@code java -jar qwen-asr-simulator-<version>.jar}. */
class SimulatorMainTest {
    private static final Pattern LISTENING = Pattern.compile("api=(\\S+) storage=(\\S+) region=(\\S+) apiKey=(\\S+)");

    @Test
    void runsStandaloneUntilSigterm() throws Exception {
        final Process process = start("--port", "0", "--region", "us-east-1", "--api-key", "us-east-1:sk-us-test", "--rpm", "600");
        try {
            final String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            final Matcher listening = LISTENING.matcher(line);
            assertTrue(listening.find(), line);
            final String api = listening.group(1);
            final String storage = listening.group(2);
            assertEquals("us-east-1", listening.group(3));

            final JsonNode health = SimulatorClient.execute(new Request.Builder().url(api + "/__sim/health").build()).json();
            assertEquals("UP", health.get("status").asText());
            assertEquals(storage, health.get("storageBaseUrl").asText());
            final SimulatorClient.Answer settings = SimulatorClient.execute(new Request.Builder().url(api + "/__sim/settings").build());
            assertEquals(600, settings.json().get("requestsPerMinute").asInt());
            final String body = SimulatorClient.write(SimulatorClient.flashBody("qwen3-asr-flash-us",
                    SimulatorClient.dataUri("audio/wav", SimulatorClient.wav("From the jar.", 1))));
            final SimulatorClient.Answer flash = SimulatorClient.execute(new Request.Builder().url(api + Routes.FLASH_PATH)
                    .header("Authorization", "Bearer sk-us-test").post(RequestBody.create(body, MediaType.get("application/json"))).build());
            assertEquals("From the jar.", flash.json().at("/output/choices/0/message/content/0/text").asText());

            process.destroy();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "stops on SIGTERM");
            assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), URI.create(api).getPort()).close());
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void putsTheStoragePortNextToAFixedApiPort() throws Exception {
        final int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        final Process process = start("--port", String.valueOf(port));
        try {
            final String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertTrue(line.contains("api=http://127.0.0.1:" + port + " storage=http://127.0.0.1:" + (port + 1)), line);
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void documentsItselfAndRefusesUnknownOptions() throws Exception {
        final Process help = start("--help");
        final String usage = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, help.waitFor());
        assertTrue(usage.startsWith("Usage: java -jar qwen-asr-simulator.jar"), usage);
        assertTrue(usage.contains("--task-seconds-per-audio-second"));

        final Process wrong = start("--warp", "9");
        assertEquals(2, wrong.waitFor());
        assertTrue(new String(wrong.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).contains("Unknown option --warp"));
    }

    private static Process start(final String... args) throws IOException {
        final Path jar = Path.of(System.getProperty("simulator.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is built by the package phase");
        final List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", jar.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }
}
