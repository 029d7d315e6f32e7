package io.github.nifiqwenasr.realnifi;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * examples/short-audio-transcription.json in a real NiFi against the simulator: the samples in WAV, MP3, Ogg/Opus,
 * FLAC and a stereo WAV become transcript files holding their sentences, with the attributes, provenance and wire
 * traffic a user relies on.
 */
@ExtendWith({RealNiFi.class, LocalSimulator.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShortAudioTranscriptionFlowIT {

    private static final List<String> SAMPLES = List.of(
            "hello-world.wav", "weather-report.mp3", "meeting-notes.ogg", "shipping-update.flac", "stereo-call.wav");
    private static final Pattern MARKER = Pattern.compile("QWENSIM-TEXT:([^\\x00\\r\\n]*)");

    @TempDir
    private static Path data;

    private final NiFiInstance nifi;
    private final NiFiClient client;
    private final SimulatorProcess simulator;
    private String groupId;

    ShortAudioTranscriptionFlowIT(final NiFiInstance nifi, final SimulatorProcess simulator) {
        this.nifi = nifi;
        this.client = nifi.client();
        this.simulator = simulator;
    }

    @BeforeAll
    void transcribeTheSamples() throws IOException {
        simulator.reset();
        final byte[] definition = Files.readAllBytes(RealNiFi.repoRoot().resolve("examples/short-audio-transcription.json"));
        groupId = client.uploadFlowDefinition(client.rootGroupId(), "Short audio " + UUID.randomUUID(), definition);
        client.setParameters(client.parameterContextId(groupId), List.of(
                Parameter.plain("Region", "ap-southeast-1"),
                Parameter.sensitive("API Key", simulator.apiKey()),
                Parameter.plain("Endpoint Override URL", simulator.apiBaseUrl()),
                Parameter.plain("Short Audio Input Directory", data.resolve("in").toString()),
                Parameter.plain("Transcripts Directory", data.resolve("transcripts").toString()),
                Parameter.plain("Failure Directory", data.resolve("failures").toString())));
        client.enableControllerServices(groupId);
        client.startGroup(groupId);
        Files.createDirectories(data.resolve("in"));
        for (final String sample : SAMPLES) {
            final Path hidden = data.resolve("in/." + sample);
            Files.copy(RealNiFi.repoRoot().resolve("samples").resolve(sample), hidden);
            Files.move(hidden, data.resolve("in").resolve(sample), StandardCopyOption.ATOMIC_MOVE);
        }
        Await.until("every sample transcribed or failed", Duration.ofMinutes(2),
                () -> files("transcripts").size() + files("failures").size() == SAMPLES.size());
        client.stopGroup(groupId);
    }

    @Test
    void eachSampleBecomesATranscriptOfItsSentence() {
        final Map<String, String> expected = SAMPLES.stream().collect(Collectors.toMap(
                sample -> sample.substring(0, sample.lastIndexOf('.')) + ".txt", ShortAudioTranscriptionFlowIT::spokenText, (a, b) -> a, TreeMap::new));
        final Map<String, String> written = files("transcripts").stream().collect(Collectors.toMap(
                path -> path.getFileName().toString(), ShortAudioTranscriptionFlowIT::read, (a, b) -> a, TreeMap::new));
        assertEquals(expected, written);
        assertTrue(files("failures").isEmpty(), () -> "failures: " + files("failures"));
    }

    @Test
    void writtenTranscriptsCarryTheRecognitionAttributes() {
        final String putFile = client.processor(groupId, "Write transcripts").path("id").asText();
        Await.until("PutFile's SEND events to be searchable", () -> sends(putFile).size() == SAMPLES.size());
        for (final JsonNode send : sends(putFile)) {
            final Map<String, String> attributes = attributes(client.provenanceEvent(send.path("id").asText()));
            assertEquals("qwen3-asr-flash", attributes.get("asr.model"), attributes::toString);
            assertEquals("en", attributes.get("asr.language"), attributes::toString);
            assertTrue(attributes.get("asr.request.id") != null && !attributes.get("asr.request.id").isBlank(), attributes::toString);
            assertTrue(attributes.get("mime.type").startsWith("text/plain"), attributes::toString);
        }
    }

    @Test
    void everySampleIsOneAuthorizedFlashRequest() {
        final List<JsonNode> requests = StreamSupport.stream(simulator.requests().spliterator(), false).toList();
        final List<JsonNode> flash = requests.stream().filter(request -> request.path("endpoint").asText().equals("FLASH")).toList();
        assertEquals(SAMPLES.size(), flash.size(), () -> "requests: " + requests);
        for (final JsonNode request : flash) {
            assertEquals("Bearer " + simulator.apiKey(), request.path("headers").path("Authorization").path(0).asText(),
                    () -> "headers: " + request.path("headers"));
            assertEquals(200, request.path("status").asInt());
        }
    }

    @Test
    void theFlowRaisesNoBulletins() {
        final List<String> ids = StreamSupport.stream(client.groupFlow(groupId).path("processors").spliterator(), false)
                .map(processor -> processor.path("id").asText()).toList();
        assertEquals(List.of(), client.bulletins().stream().filter(bulletin -> ids.contains(bulletin.sourceId())).toList());
    }

    @Test
    void theApiKeyAppearsNowhereInNiFisFiles() throws IOException {
        final byte[] key = simulator.apiKey().getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(nifi.directory())) {
            final List<Path> leaking = files.filter(Files::isRegularFile)
                    .filter(path -> !path.startsWith(nifi.directory().resolve("work/nar")))
                    .filter(path -> contains(path, key))
                    .toList();
            assertEquals(List.of(), leaking);
        }
        assertFalse(client.exportFlowDefinition(groupId).toString().contains(simulator.apiKey()));
    }

    private List<JsonNode> sends(final String processorId) {
        return client.searchProvenance(Map.of("ProcessorID", processorId, "EventType", "SEND"));
    }

    private static Map<String, String> attributes(final JsonNode event) {
        return StreamSupport.stream(event.path("attributes").spliterator(), false)
                .filter(attribute -> !attribute.path("value").isNull())
                .collect(Collectors.toMap(attribute -> attribute.path("name").asText(), attribute -> attribute.path("value").asText()));
    }

    /** The sentence a sample carries in its QWENSIM-TEXT marker, as samples/make-samples.sh wrote it. */
    private static String spokenText(final String sample) {
        try {
            final String bytes = new String(Files.readAllBytes(RealNiFi.repoRoot().resolve("samples").resolve(sample)), StandardCharsets.ISO_8859_1);
            final Matcher matcher = MARKER.matcher(bytes);
            assertTrue(matcher.find(), sample);
            return matcher.group(1);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(final String directory) {
        final Path path = data.resolve(directory);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(path)) {
            return listing.filter(Files::isRegularFile).sorted().toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(final Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(final Path file, final byte[] needle) {
        try {
            final byte[] haystack = Files.readAllBytes(file);
            for (int start = 0; start + needle.length <= haystack.length; start++) {
                if (Arrays.equals(haystack, start, start + needle.length, needle, 0, needle.length)) {
                    return true;
                }
            }
            return false;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
