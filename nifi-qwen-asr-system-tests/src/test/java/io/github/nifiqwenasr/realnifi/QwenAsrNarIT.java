package io.github.nifiqwenasr.realnifi;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundle's NAR inside a real NiFi 2.3.0: loaded, and documented the way NiFi shows documentation to users. */
@ExtendWith(RealNiFi.class)
class QwenAsrNarIT {

    private static final String GROUP = "io.github.nifiqwenasr";
    private static final String ARTIFACT = "nifi-qwen-asr-nar";
    private static final String VERSION = "0.1.0-SNAPSHOT";

    @Test
    void nifiLoadsTheBundle(final NiFiClient client) {
        assertTrue(client.bundles().contains(GROUP + ":" + ARTIFACT + ":" + VERSION), () -> "bundles: " + client.bundles());
        assertTrue(client.processorTypes(GROUP, ARTIFACT).contains("io.github.nifiqwenasr.processors.TranscribeAudioShort"),
                () -> "processors: " + client.processorTypes(GROUP, ARTIFACT));
    }

    @Test
    void everyProcessorHasItsDescriptionAndAdditionalDetails(final NiFiClient client) {
        final List<String> types = client.processorTypes(GROUP, ARTIFACT);
        assertFalse(types.isEmpty());
        for (final String type : types) {
            final JsonNode definition = client.processorDefinition(GROUP, ARTIFACT, VERSION, type);
            assertFalse(definition.path("typeDescription").asText().isBlank(), type);
            assertTrue(definition.path("propertyDescriptors").has("ASR Client Service"), type);
            assertFalse(client.additionalDetails(GROUP, ARTIFACT, VERSION, type).isBlank(), type);
        }
    }

    @Test
    void transcribeAudioShortDocumentsItsUseCases(final NiFiClient client) {
        final JsonNode definition = client.processorDefinition(GROUP, ARTIFACT, VERSION, "io.github.nifiqwenasr.processors.TranscribeAudioShort");
        assertFalse(definition.path("useCases").isEmpty(), () -> "definition: " + definition);
    }

    @Test
    void fetchTranscriptDocumentsTheWholeLongAudioChain(final NiFiClient client) {
        final JsonNode definition = client.processorDefinition(GROUP, ARTIFACT, VERSION, "io.github.nifiqwenasr.processors.FetchTranscript");
        final List<String> chain = definition.path("multiProcessorUseCases").valueStream()
                .flatMap(useCase -> useCase.path("configurations").valueStream())
                .map(configuration -> configuration.path("processorClassName").asText())
                .toList();
        assertTrue(chain.contains("io.github.nifiqwenasr.processors.SubmitAsrTask"), () -> "definition: " + definition);
        assertTrue(chain.contains("io.github.nifiqwenasr.processors.PollAsrTask"), () -> "definition: " + definition);
    }
}
