/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundle's NAR inside a real NiFi 2.3.0: loaded, and documented the way NiFi shows documentation to users. */
@ExtendWith(RealNiFi.class)
class QwenAsrNarIT {

    private static final String GROUP = "io.github.nifiqwenasr";
    private static final String ARTIFACT = "nifi-qwen-asr-nar";
    private static final String VERSION = "0.1.0-SNAPSHOT";

    /** NARs a company may ship: the licence and notice inside each name every library it bundles. */
    @Test
    void eachNarCarriesItsLicenceAndTheNoticesOfWhatItBundles() throws IOException {
        for (final Path path : RealNiFi.bundleNars()) {
            checkLicence(path);
        }
    }

    private static void checkLicence(final Path path) throws IOException {
        try (ZipFile nar = new ZipFile(path.toFile())) {
            final String licence = text(nar, "META-INF/LICENSE");
            final String notice = text(nar, "META-INF/NOTICE");
            assertTrue(licence.contains("Apache License") && licence.contains("Version 2.0, January 2004"), "META-INF/LICENSE");
            assertTrue(notice.contains("nifi-qwen-asr"), "META-INF/NOTICE");
            final List<String> bundled = nar.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith("META-INF/bundled-dependencies/") && name.endsWith(".jar"))
                    .map(name -> name.substring(name.lastIndexOf('/') + 1, name.length() - ".jar".length()))
                    .filter(name -> !name.startsWith("nifi-qwen-asr-"))
                    .toList();
            for (final String jar : bundled) {
                // okhttp-jvm-5.3.2 is named in LICENSE as okhttp-jvm:5.3.2
                final int versionStart = jar.lastIndexOf('-');
                final String coordinate = jar.substring(0, versionStart) + ":" + jar.substring(versionStart + 1);
                assertTrue(licence.contains(coordinate), () -> "META-INF/LICENSE does not name the bundled " + coordinate);
            }
        }
    }

    private static String text(final ZipFile zip, final String name) throws IOException {
        final ZipEntry entry = zip.getEntry(name);
        assertNotNull(entry, name + " in the NAR");
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

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
