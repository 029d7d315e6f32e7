/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SseReaderTest {

    @Test
    void readsDashScopeFramingWithoutSpacesAndItsStatusComment() throws IOException {
        final List<SseEvent> events = read("id:1\nevent:result\n:HTTP_STATUS/200\ndata:{\"a\":1}\n\n"
                + "id:2\nevent:error\n:HTTP_STATUS/400\ndata:{\"code\":\"InvalidParameter\"}\n\n");
        assertEquals(List.of(new SseEvent("result", "{\"a\":1}", List.of("HTTP_STATUS/200")),
                new SseEvent("error", "{\"code\":\"InvalidParameter\"}", List.of("HTTP_STATUS/400"))), events);
    }

    @Test
    void readsOpenAiFramingWithOneSpaceAndCrLfLines() throws IOException {
        final List<SseEvent> events = read("data: {\"b\":2}\r\n\r\ndata:  two spaces keep one\r\n\r\ndata: [DONE]\r\n\r\n");
        assertEquals(List.of("{\"b\":2}", " two spaces keep one", "[DONE]"), events.stream().map(SseEvent::data).toList());
        assertEquals("message", events.getFirst().name());
    }

    @Test
    void joinsDataLinesAndDropsAnEventTheStreamEndsIn() throws IOException {
        final List<SseEvent> events = read("\n\ndata:first\ndata:second\n\nevent:result\ndata:{\"cut\":");
        assertEquals(List.of(new SseEvent("message", "first\nsecond", List.of())), events);
    }

    private static List<SseEvent> read(final String stream) throws IOException {
        final SseReader reader = new SseReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
        final List<SseEvent> events = new ArrayList<>();
        SseEvent event = reader.next();
        while (event != null) {
            events.add(event);
            event = reader.next();
        }
        return events;
    }
}
