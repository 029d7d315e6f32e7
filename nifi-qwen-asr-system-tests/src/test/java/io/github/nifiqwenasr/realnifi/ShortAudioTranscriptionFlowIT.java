/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * examples/short-audio-transcription.json in a real NiFi against the simulator: the samples in WAV, MP3, Ogg/Opus,
 * FLAC and a stereo WAV become transcript files holding their sentences, with the attributes, provenance and wire
 * traffic a user relies on, and the API key stays out of NiFi's files. The same flow runs once more for each of the
 * client service's other API protocols, changing nothing but the service.
 */
@ExtendWith({RealNiFi.class, LocalSimulator.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShortAudioTranscriptionFlowIT {

    private static final List<String> SAMPLES = List.of(
            "hello-world.wav", "weather-report.mp3", "meeting-notes.ogg", "shipping-update.flac", "stereo-call.wav");

    @TempDir
    private static Path data;

    private final NiFiInstance nifi;
    private final NiFiClient client;
    private final SimulatorProcess simulator;
    private ExampleFlow flow;

    ShortAudioTranscriptionFlowIT(final NiFiInstance nifi, final SimulatorProcess simulator) {
        this.nifi = nifi;
        this.client = nifi.client();
        this.simulator = simulator;
    }

    @BeforeAll
    void transcribeTheSamples() {
        simulator.reset();
        flow = ExampleFlow.deploy(client, simulator, RealNiFi.example("short-audio-transcription.json"), data);
        SAMPLES.forEach(sample -> TestFiles.dropSample(sample, flow.directory("in/short-audio")));
        Await.until("every sample transcribed or failed", Duration.ofMinutes(2), () ->
                TestFiles.list(flow.directory("out/transcripts")).size() + TestFiles.list(flow.directory("out/failures")).size() == SAMPLES.size());
        flow.stop();
    }

    @Test
    void eachSampleBecomesATranscriptOfItsSentence() {
        final Map<String, String> expected = SAMPLES.stream().collect(Collectors.toMap(
                sample -> sample.substring(0, sample.lastIndexOf('.')) + ".txt", TestFiles::spokenText, (a, b) -> a, TreeMap::new));
        final Map<String, String> written = TestFiles.list(flow.directory("out/transcripts")).stream().collect(Collectors.toMap(
                path -> path.getFileName().toString(), TestFiles::read, (a, b) -> a, TreeMap::new));
        assertEquals(expected, written);
        assertEquals(List.of(), TestFiles.list(flow.directory("out/failures")));
    }

    @Test
    void writtenTranscriptsCarryTheRecognitionAttributes() {
        final String putFile = flow.processorId("Write transcripts");
        Await.until("PutFile's SEND events to be searchable", () -> sends(putFile).size() == SAMPLES.size());
        for (final JsonNode send : sends(putFile)) {
            final Map<String, String> attributes = attributes(client.provenanceEvent(send.path("id").asText()));
            assertEquals("qwen3-asr-flash", attributes.get("asr.model"), attributes::toString);
            assertEquals("en", attributes.get("asr.language"), attributes::toString);
            assertFalse(attributes.getOrDefault("asr.request.id", "").isBlank(), attributes::toString);
            assertTrue(attributes.get("mime.type").startsWith("text/plain"), attributes::toString);
        }
    }

    @Test
    void everySampleIsOneAuthorizedFlashRequest() {
        final List<JsonNode> requests = simulator.requests().valueStream().toList();
        final List<JsonNode> flash = requests.stream().filter(request -> request.path("endpoint").asText().equals("FLASH")).toList();
        assertEquals(SAMPLES.size(), flash.size(), () -> "requests: " + requests);
        for (final JsonNode request : flash) {
            assertEquals("Bearer " + simulator.apiKey(), request.path("headers").path("Authorization").path(0).asText(),
                    () -> "headers: " + request.path("headers"));
            assertEquals(200, request.path("status").asInt());
        }
    }

    @ParameterizedTest
    @CsvSource({
            "dashscope-openai-compatible, COMPAT_CHAT",
            "openai-chat-completions, VLLM_CHAT",
            "openai-audio-transcriptions, VLLM_TRANSCRIPTION"})
    void theSameFlowTranscribesOverEveryOtherProtocol(final String protocol, final String endpoint, @TempDir final Path protocolData) {
        simulator.reset();
        // The simulated self-hosted vLLM server: same key, serving the flow's model name.
        simulator.settings("{\"vllmApiKey\":\"" + simulator.apiKey() + "\",\"vllmServedModelNames\":[\"qwen3-asr-flash\"]}");
        final ExampleFlow protocolFlow = ExampleFlow.upload(client, simulator, RealNiFi.example("short-audio-transcription.json"), protocolData);
        protocolFlow.configureAsrClient(Map.of("API Protocol", protocol));
        protocolFlow.start();
        SAMPLES.forEach(sample -> TestFiles.dropSample(sample, protocolFlow.directory("in/short-audio")));
        Await.until("every sample transcribed or failed over " + protocol, Duration.ofMinutes(2), () ->
                TestFiles.list(protocolFlow.directory("out/transcripts")).size()
                        + TestFiles.list(protocolFlow.directory("out/failures")).size() == SAMPLES.size());
        protocolFlow.stop();

        assertEquals(List.of(), TestFiles.list(protocolFlow.directory("out/failures")));
        for (final String sample : SAMPLES) {
            final Path transcript = protocolFlow.directory("out/transcripts").resolve(sample.substring(0, sample.lastIndexOf('.')) + ".txt");
            assertEquals(TestFiles.spokenText(sample), TestFiles.read(transcript), protocol + ": " + sample);
        }
        final List<JsonNode> calls = simulator.requests().valueStream()
                .filter(request -> request.path("endpoint").asText().equals(endpoint)).toList();
        assertEquals(SAMPLES.size(), calls.size(), () -> protocol + " requests: " + simulator.requests());
        assertEquals(List.of(), protocolFlow.bulletins());
    }

    @Test
    void theFlowRaisesNoBulletins() {
        assertEquals(List.of(), flow.bulletins());
    }

    @Test
    void theApiKeyAppearsNowhereInNiFisFilesNorInTheExport() {
        // work/nar holds the unpacked NARs: code, not data.
        assertEquals(List.of(), TestFiles.filesContaining(nifi.directory(), nifi.directory().resolve("work/nar"), simulator.apiKey()));
        assertFalse(client.exportFlowDefinition(flow.groupId()).toString().contains(simulator.apiKey()));
    }

    private List<JsonNode> sends(final String processorId) {
        return client.searchProvenance(Map.of("ProcessorID", processorId, "EventType", "SEND"));
    }

    static Map<String, String> attributes(final JsonNode event) {
        return event.path("attributes").valueStream()
                .filter(attribute -> !attribute.path("value").isNull())
                .collect(Collectors.toMap(attribute -> attribute.path("name").asText(), attribute -> attribute.path("value").asText()));
    }
}
