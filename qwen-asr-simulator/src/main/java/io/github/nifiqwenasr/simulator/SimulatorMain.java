/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar qwen-asr-simulator-<version>.jar --port N ...}: see {@link #USAGE}. */
public final class SimulatorMain {
    static final String USAGE = """
            Usage: java -jar qwen-asr-simulator.jar [options]

            A strict local DashScope Qwen3-ASR simulator (plus a self-hosted Qwen3-ASR behind vLLM's
            OpenAI-compatible server under /v1), bound to 127.0.0.1 only.

              --port N                         API port (0 = any free port; default 0)
              --storage-port N                 storage (OSS) port (default: port + 1, or any free port when port is 0)
              --region R                       ap-southeast-1 (default), us-east-1 or cn-beijing
              --api-key K                      repeatable: region:key, or key for the current region
                                               (sk-qwensim-<region> is always valid for its region)
              --rpm N                          model calls per minute, token bucket (0 = off, the default)
              --burst N                        token bucket capacity (default max(3, ceil(rpm / 20)))
              --task-qps N                     task queries per second (0 = off, the default; the real limit is 20)
              --task-pending-time D            how long tasks stay PENDING (default 0)
              --task-running-time D            base time tasks stay RUNNING (default 1s)
              --task-seconds-per-audio-second F  added running seconds per audio second and channel (default 0)
              --fault-rate R                   share of requests given a random fault, 0..1 (default 0)
              --seed S                         seed of the random faults (default 0)
              --latency D                      added before every answer (default 0)
              --no-record-bodies               keep request metadata only (benchmarks, soak tests)
              --vllm-api-key K                 the vLLM server's key, like vllm serve --api-key (default: none, no auth)
              --vllm-served-model-name N       repeatable: model names the vLLM server serves, like vllm serve
                                               --served-model-name (default Qwen/Qwen3-ASR-1.7B)
              --help                           print this help

            Durations: 250ms, 2s, 1.5m, 1h. Prints one line with both base URLs once listening; stops on SIGTERM/Ctrl-C.
            Admin API on the API port: GET /__sim/health, GET /__sim/requests[?endpoint=X], POST /__sim/reset,
            POST /__sim/faults, GET|POST /__sim/settings, GET /__sim/tasks/{id}, POST /__sim/files/{name},
            POST /__sim/remote-audio?url=U.
            """;

    private SimulatorMain() {
    }

    public static void main(final String[] args) throws InterruptedException {
        final PrintStream out = System.out;
        final Options options;
        try {
            options = Options.parse(args);
        } catch (final IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Try --help.");
            System.exit(2);
            return;
        }
        if (options.help()) {
            out.print(USAGE);
            return;
        }
        final DashScopeSimulator simulator = DashScopeSimulator.start(options.settings(), options.port(), options.storagePort());
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "qwen-sim-shutdown"));
        out.println("DashScope simulator listening: api=" + simulator.apiBaseUrl() + " storage=" + simulator.storageBaseUrl()
                + " region=" + simulator.settings().region().id() + " apiKey=" + simulator.apiKey());
        out.flush();
        stopped.await();
    }

    /** Parsed command line. */
    record Options(boolean help, int port, int storagePort, SimulatorSettings settings) {
        static Options parse(final String[] args) {
            final SimulatorSettings settings = new SimulatorSettings();
            int port = 0;
            Integer storagePort = null;
            double faultRate = 0;
            long seed = 0;
            final List<String> servedModelNames = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                final String arg = args[i];
                if ("--help".equals(arg) || "-h".equals(arg)) {
                    return new Options(true, 0, 0, settings);
                }
                if ("--no-record-bodies".equals(arg)) {
                    settings.recordBodies(false);
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Option " + arg + " needs a value");
                }
                final String value = args[++i];
                switch (arg) {
                    case "--port" -> port = Integer.parseInt(value);
                    case "--storage-port" -> storagePort = Integer.parseInt(value);
                    case "--region" -> settings.region(Region.fromId(value));
                    case "--api-key" -> SettingsJson.addKey(settings, value);
                    case "--rpm" -> settings.requestsPerMinute(Integer.parseInt(value));
                    case "--burst" -> settings.burst(Integer.parseInt(value));
                    case "--task-qps" -> settings.taskQueriesPerSecond(Integer.parseInt(value));
                    case "--task-pending-time" -> settings.taskPendingTime(DurationText.parse(value));
                    case "--task-running-time" -> settings.taskRunningTimeBase(DurationText.parse(value));
                    case "--task-seconds-per-audio-second" ->
                            settings.taskRunningTimePerAudioSecond(Duration.ofNanos(Math.round(Double.parseDouble(value) * 1e9)));
                    case "--fault-rate" -> faultRate = Double.parseDouble(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--latency" -> settings.latency(DurationText.parse(value));
                    case "--vllm-api-key" -> settings.vllmApiKey(value);
                    case "--vllm-served-model-name" -> servedModelNames.add(value);
                    default -> throw new IllegalArgumentException("Unknown option " + arg);
                }
            }
            settings.randomFaultRate(faultRate, seed);
            if (!servedModelNames.isEmpty()) {
                settings.vllmServedModelNames(servedModelNames);
            }
            final int storage = storagePort != null ? storagePort : port == 0 ? 0 : port + 1;
            return new Options(false, port, storage, settings);
        }
    }
}
