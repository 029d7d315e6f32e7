/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.processors;

import io.github.nifiqwenasr.simulator.DashScopeSimulator;
import io.github.nifiqwenasr.simulator.Endpoint;
import io.github.nifiqwenasr.simulator.RecordedRequest;
import io.github.nifiqwenasr.simulator.audio.SampleAudio;
import io.github.nifiqwenasr.testing.SimulatedService;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The soak: 10,000 short and 1,000 long recordings through the processors, against a simulator that answers a random
 * 7 % of all requests (API and storage) with a fault: 429, 500, 503, 504, a dropped connection, a body cut in half, or
 * a 200 ms delay. Tasks run for half a second plus a millisecond per second of audio (1 to 4 s). Every {@code retry}
 * is routed back to the processor it came from and PollAsrTask's {@code running} back to PollAsrTask, as the
 * documentation tells users to do; nothing else is retried. Short audio runs in two lanes (two TranscribeAudioShort
 * processors with a client service each, like two nodes; the second with Streaming), beside the long-audio chain
 * SubmitAsrTask (half by URL, half uploaded) -> PollAsrTask -> FetchTranscript (text).
 * <p>
 * It reports FlowFiles in, out by relationship, lost (must be 0), duplicated or wrong transcripts (must be 0), what
 * the service saw, and heap before, during and after; it fails if anything was lost, duplicated or wrong.
 * <p>
 * Not named *Test, so the default build (surefire's includes) leaves it out; {@code bin/soak} runs it.
 */
class QwenAsrSoak {

    private static final int SHORT_FLOWFILES = 10_000;
    private static final int SHORT_LANES = 2;
    private static final int LONG_FLOWFILES = 1_000;
    private static final double FAULT_RATE = 0.07;
    private static final long SEED = 5;
    private static final int QUEUE_TARGET = 200;
    private static final int TRIGGERS_PER_ROUND = 100;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final Tally tally = new Tally();

    @Test
    void everyFlowFileComesOutOnceWithItsOwnTranscript() throws Exception {
        final long heapBefore = usedHeapAfterGc();
        final long started = System.nanoTime();
        final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        final AtomicLong heapPeak = new AtomicLong();
        sampler.scheduleAtFixedRate(() -> heapPeak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max), 0, 100, TimeUnit.MILLISECONDS);
        final Map<String, Long> requests;
        try (DashScopeSimulator simulator = DashScopeSimulator.start()) {
            simulator.settings().recordBodies(false).maxRecordedRequests(500_000)
                    .taskRunningTimeBase(Duration.ofMillis(500)).taskRunningTimePerAudioSecond(Duration.ofMillis(1))
                    .randomFaultRate(FAULT_RATE, SEED);
            final ExecutorService lanes = Executors.newFixedThreadPool(SHORT_LANES + 1);
            try {
                final List<Future<?>> running = new ArrayList<>();
                final int perLane = SHORT_FLOWFILES / SHORT_LANES;
                for (int lane = 0; lane < SHORT_LANES; lane++) {
                    final int first = lane * perLane;
                    final boolean streaming = lane % 2 == 1;
                    running.add(lanes.submit(() -> shortAudio(simulator, first, first + perLane, streaming)));
                }
                running.add(lanes.submit(() -> longAudio(simulator)));
                for (final Future<?> lane : running) {
                    lane.get();
                }
            } finally {
                lanes.shutdownNow();
            }
            requests = simulator.requests().stream().collect(Collectors.groupingBy(QwenAsrSoak::describe, TreeMap::new, Collectors.counting()));
            simulator.clearRequests();
        }
        final long seconds = (System.nanoTime() - started) / 1_000_000_000;
        sampler.shutdownNow();
        final long heapAfter = usedHeapAfterGc();

        System.out.println(tally.report(requests, seconds) + String.format("  heap used: before %.1f MB and after %.1f MB (after GC);"
                + " highest sample while running %.1f MB (every 100 ms, garbage included)%n", heapBefore / 1e6, heapAfter / 1e6, heapPeak.get() / 1e6));
        assertEquals(0, tally.lost(), "lost FlowFiles");
        assertEquals(0, tally.duplicated.get(), "duplicated transcripts");
        assertEquals(0, tally.wrong.get(), "wrong transcripts");
    }

    /** One TranscribeAudioShort with its own client service, fed recordings {@code first} to {@code end - 1}. */
    private void shortAudio(final DashScopeSimulator simulator, final int first, final int end, final boolean streaming) {
        try (Stage transcribe = new Stage(simulator, TranscribeAudioShort.class)) {
            transcribe.runner().setProperty(TranscribeAudioShort.STREAMING, String.valueOf(streaming));
            int next = first;
            while (next < end || transcribe.queued() > 0) {
                while (next < end && transcribe.queued() < QUEUE_TARGET) {
                    transcribe.offer(SampleAudio.wav(Duration.ofMillis(500), 8000, 1, shortText(next)), Map.of("soak.id", String.valueOf(next)));
                    tally.in("short");
                    next++;
                }
                transcribe.round(TRIGGERS_PER_ROUND, (relationship, flowFile) -> {
                    final int id = id(flowFile);
                    switch (relationship.getName()) {
                        case "success" -> tally.transcript("short", id, flowFile.getContent().equals(shortText(id)));
                        case "retry" -> transcribe.offer(flowFile);
                        default -> { }
                    }
                });
            }
        }
    }

    /** SubmitAsrTask -> PollAsrTask -> FetchTranscript, each with its own client service, as users wire them. */
    private void longAudio(final DashScopeSimulator simulator) {
        try (Stage submit = new Stage(simulator, SubmitAsrTask.class);
             Stage poll = new Stage(simulator, PollAsrTask.class);
             Stage fetch = new Stage(simulator, FetchTranscript.class)) {
            submit.runner().setProperty(SubmitAsrTask.AUDIO_URL, "${soak.url}");
            poll.runner().setProperty(PollAsrTask.MINIMUM_POLL_INTERVAL, "100 millis");
            poll.runner().setProperty(PollAsrTask.MAXIMUM_POLL_INTERVAL, "1 sec");
            poll.runner().setProperty(PollAsrTask.BATCH_SIZE, "100");
            fetch.runner().setProperty(FetchTranscript.OUTPUT_FORMAT, TranscriptOutputFormat.TEXT.getValue());
            final AtomicInteger done = new AtomicInteger();
            int next = 0;
            while (done.get() < LONG_FLOWFILES) {
                while (next < LONG_FLOWFILES && submit.queued() + poll.queued() < QUEUE_TARGET) {
                    offerLong(simulator, submit, next++);
                }
                submit.round(TRIGGERS_PER_ROUND, (relationship, flowFile) -> {
                    switch (relationship.getName()) {
                        case "success" -> poll.offer(flowFile);
                        case "retry" -> submit.offer(flowFile);
                        default -> done.incrementAndGet();
                    }
                });
                poll.round(2, (relationship, flowFile) -> {
                    switch (relationship.getName()) {
                        case "success" -> fetch.offer(flowFile);
                        case "running", "retry" -> poll.offer(flowFile);
                        default -> done.incrementAndGet();
                    }
                });
                fetch.round(TRIGGERS_PER_ROUND, (relationship, flowFile) -> {
                    final int id = id(flowFile);
                    switch (relationship.getName()) {
                        case "success" -> {
                            tally.transcript("long", id, flowFile.getContent().startsWith(longText(id) + " "));
                            done.incrementAndGet();
                        }
                        case "retry" -> fetch.offer(flowFile);
                        default -> done.incrementAndGet();
                    }
                });
            }
        }
    }

    /** A recording that claims 10 to 60 minutes (the transcript has that many 5-second sentences); odd ids by URL. */
    private void offerLong(final DashScopeSimulator simulator, final Stage submit, final int id) {
        final byte[] audio = SampleAudio.wavClaiming(Duration.ofMinutes(10 + id % 51), 8000, 1, longText(id));
        final Map<String, String> attributes = new HashMap<>(Map.of("soak.id", String.valueOf(id), "filename", "call-" + id + ".wav"));
        if (id % 2 == 1) {
            attributes.put("soak.url", simulator.hostAudio("call-" + id + ".wav", audio));
        }
        submit.offer(id % 2 == 1 ? new byte[0] : audio, attributes);
        tally.in("long");
    }

    private static String shortText(final int id) {
        return "Soak short audio number " + id + ".";
    }

    private static String longText(final int id) {
        return "Soak long audio number " + id + ".";
    }

    private static int id(final MockFlowFile flowFile) {
        return Integer.parseInt(flowFile.getAttribute("soak.id"));
    }

    private static String describe(final RecordedRequest request) {
        final String answer = request.responseStatus() == 0 ? "no answer" : request.responseStatus() < 300 ? "2xx" : "error";
        return request.endpoint() + " " + answer;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** One processor with its own client service, run a round at a time; what it transferred is handed on and dropped. */
    private final class Stage implements AutoCloseable {
        private final SimulatedService asr;
        private final String name;
        private boolean scheduled;

        Stage(final DashScopeSimulator simulator, final Class<? extends Processor> processor) {
            this.asr = SimulatedService.on(processor, simulator).enable();
            this.name = processor.getSimpleName();
        }

        TestRunner runner() {
            return asr.runner();
        }

        int queued() {
            return asr.runner().getQueueSize().getObjectCount();
        }

        void offer(final byte[] content, final Map<String, String> attributes) {
            asr.runner().enqueue(content, attributes);
        }

        void offer(final MockFlowFile flowFile) {
            offer(flowFile.getData(), flowFile.getAttributes());
        }

        /** Triggers the processor, hands every transferred FlowFile to {@code route}, and waits a little when nothing moved. */
        void round(final int triggers, final BiConsumer<Relationship, MockFlowFile> route) {
            if (queued() == 0) {
                return;
            }
            final TestRunner runner = asr.runner();
            runner.run(triggers, false, !scheduled);
            scheduled = true;
            final List<Map.Entry<Relationship, MockFlowFile>> out = new ArrayList<>();
            for (final Relationship relationship : runner.getProcessor().getRelationships()) {
                runner.getFlowFilesForRelationship(relationship).forEach(flowFile -> out.add(Map.entry(relationship, flowFile)));
            }
            runner.clearTransferState();
            runner.clearProvenanceEvents();
            out.forEach(entry -> {
                tally.out(name + " " + entry.getKey().getName());
                route.accept(entry.getKey(), entry.getValue());
            });
            if (out.isEmpty()) {
                pause();
            }
        }

        @Override
        public void close() {
            asr.runner().stop();
            asr.close();
        }

        private static void pause() {
            try {
                Thread.sleep(20);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The counts the report is made of, safe for the lanes to update at once. */
    private static final class Tally {
        private final Map<String, AtomicInteger> in = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> out = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> transcripts = new ConcurrentHashMap<>();
        private final AtomicInteger duplicated = new AtomicInteger();
        private final AtomicInteger wrong = new AtomicInteger();

        void in(final String kind) {
            in.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        }

        void out(final String relationship) {
            out.computeIfAbsent(relationship, k -> new AtomicInteger()).incrementAndGet();
        }

        void transcript(final String kind, final int id, final boolean right) {
            if (transcripts.computeIfAbsent(kind + id, k -> new AtomicInteger()).incrementAndGet() > 1) {
                duplicated.incrementAndGet();
            }
            if (!right) {
                wrong.incrementAndGet();
            }
        }

        /** FlowFiles that went in and never reached a final relationship (success, failure, too large, outcome unknown). */
        int lost() {
            final int shortOut = count("TranscribeAudioShort success") + count("TranscribeAudioShort failure")
                    + count("TranscribeAudioShort too large");
            final int longOut = count("FetchTranscript success") + count("FetchTranscript failure") + count("SubmitAsrTask failure")
                    + count("SubmitAsrTask outcome unknown") + count("PollAsrTask failure");
            return count(in, "short") - shortOut + count(in, "long") - longOut;
        }

        String report(final Map<String, Long> requests, final long seconds) {
            final StringBuilder report = new StringBuilder("\nSoak report (random faults on " + Math.round(FAULT_RATE * 100)
                    + "% of requests, seed " + SEED + ", " + seconds + " s)\n");
            report.append("  FlowFiles in: ").append(new TreeMap<>(in)).append('\n');
            report.append("  FlowFiles out, by processor and relationship (retry and running were looped back):\n");
            new TreeMap<>(out).forEach((relationship, count) -> report.append("    ").append(relationship).append(": ").append(count).append('\n'));
            report.append("  lost: ").append(lost()).append(", duplicated transcripts: ").append(duplicated)
                    .append(", wrong transcripts: ").append(wrong).append('\n');
            report.append("  requests the service saw, by answer:\n");
            requests.forEach((kind, count) -> report.append("    ").append(kind).append(": ").append(count).append('\n'));
            final long paidTwice = requests.getOrDefault(Endpoint.FLASH + " 2xx", 0L) - count("TranscribeAudioShort success");
            final long extraTasks = requests.getOrDefault(Endpoint.SUBMIT + " 2xx", 0L) - count("SubmitAsrTask success");
            report.append("  answers lost on the way: recognitions made and billed, then retried: ").append(paidTwice)
                    .append("; tasks the service created whose answer was lost (routed to outcome unknown, never submitted")
                    .append(" again): ").append(extraTasks).append('\n');
            return report.toString();
        }

        private int count(final String relationship) {
            return count(out, relationship);
        }

        private static int count(final Map<String, AtomicInteger> counts, final String key) {
            final AtomicInteger count = counts.get(key);
            return count == null ? 0 : count.get();
        }
    }
}
