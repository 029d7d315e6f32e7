/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiqwenasr.simulator.audio.SampleAudio;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FlashHandlerTest extends SimulatorTestBase {
    private static final String TEXT = "Welcome to Qwen Cloud.";
    private static final String WAV_URI = SimulatorClient.dataUri("audio/wav", SimulatorClient.wav(TEXT, 2));


    @Test
    void answersTheDocumentedShapeFieldForField() {
        final SimulatorClient.Answer answer = client.flash(SimulatorClient.flashBody("qwen3-asr-flash", WAV_URI));

        assertEquals(200, answer.status());
        assertEquals("application/json", answer.header("Content-Type"));
        final JsonNode json = answer.json();
        final String expected = """
                {"output":{"choices":[{"finish_reason":"stop","message":{
                  "annotations":[{"language":"en","type":"audio_info","emotion":"neutral"}],
                  "content":[{"text":"Welcome to Qwen Cloud."}],"role":"assistant"}}]},
                 "usage":{"input_tokens_details":{"text_tokens":0},"output_tokens_details":{"text_tokens":11},"seconds":2},
                 "request_id":"%s"}""".formatted(json.get("request_id").asText());
        assertEquals(SimulatorClient.parse(expected), json);
        assertEquals(36, json.get("request_id").asText().length());
    }

    @Test
    void readsChunkedRequestBodiesOfUnknownLength() throws IOException {
        final byte[] body = SimulatorClient.write(SimulatorClient.flashBody("qwen3-asr-flash", WAV_URI)).getBytes(StandardCharsets.UTF_8);
        final RequestBody streamed = new RequestBody() {
            @Override
            public MediaType contentType() {
                return SimulatorClient.JSON;
            }

            @Override
            public void writeTo(final BufferedSink sink) throws IOException {
                for (int offset = 0; offset < body.length; offset += 1000) {
                    sink.write(body, offset, Math.min(1000, body.length - offset));
                    sink.flush();
                }
            }
        };

        final SimulatorClient.Answer answer = SimulatorClient.execute(new Request.Builder().url(simulator.apiBaseUrl() + Routes.FLASH_PATH)
                .header("Authorization", "Bearer " + simulator.apiKey()).post(streamed).build());

        assertEquals(TEXT, text(answer));
        final RecordedRequest recorded = simulator.requests().getFirst();
        assertEquals("chunked", recorded.header("Transfer-Encoding").orElseThrow());
        assertEquals(body.length, recorded.bodyLength());
    }

    @Test
    void usesTheRequestedLanguageAndDetectsChinese() {
        final ObjectNode body = SimulatorClient.flashBody("qwen3-asr-flash", WAV_URI);
        ((ObjectNode) body.get("parameters").get("asr_options")).put("language", "de");
        assertEquals("de", client.flash(body).json().at("/output/choices/0/message/annotations/0/language").asText());

        final String chinese = SimulatorClient.dataUri("audio/wav", SimulatorClient.wav("欢迎使用阿里云。", 1));
        final JsonNode answer = client.flash(SimulatorClient.flashBody("qwen3-asr-flash", chinese)).json();
        assertEquals("zh", answer.at("/output/choices/0/message/annotations/0/language").asText());
        assertEquals("欢迎使用阿里云。", answer.at("/output/choices/0/message/content/0/text").asText());
    }

    @Test
    void transcribesAudioWithoutMarkerByItsHash() {
        final byte[] audio = SampleAudio.wav(Duration.ofMillis(2500), 8_000, 1, null);
        final JsonNode answer = client.flash(SimulatorClient.flashBody("qwen3-asr-flash-2026-02-10",
                SimulatorClient.dataUri("audio/x-wav", audio))).json();

        final String text = answer.at("/output/choices/0/message/content/0/text").asText();
        assertTrue(text.matches("Simulated transcript [0-9a-f]{8}\\."), text);
        assertEquals(DashScopeSimulator.transcriptFor(audio), text);
        assertEquals(3, answer.at("/usage/seconds").asLong(), "2.5 s is billed as 3");
    }

    @Test
    void downloadsHostedAndRegisteredUrls() {
        final String hosted = simulator.hostAudio("hello.wav", SimulatorClient.wav("Hosted audio.", 1));
        assertEquals("Hosted audio.", text(client.flash(SimulatorClient.flashBody("qwen3-asr-flash", hosted))));

        simulator.registerRemoteAudio("https://example.com/a.mp3", SampleAudio.mp3(Duration.ofSeconds(3), "Remote audio."));
        final SimulatorClient.Answer remote = client.flash(SimulatorClient.flashBody("qwen3-asr-flash", "https://example.com/a.mp3"));
        assertEquals("Remote audio.", text(remote));
        assertEquals(3, remote.json().at("/usage/seconds").asLong());
    }

    @Test
    void streamsCumulativeEventsByDefault() {
        final SimulatorClient.Answer answer = client.flashSse(SimulatorClient.flashBody("qwen3-asr-flash", WAV_URI));

        assertEquals(200, answer.status());
        assertEquals("text/event-stream;charset=UTF-8", answer.header("Content-Type"));
        final List<String[]> events = events(answer.body());
        assertEquals(List.of("Welcome ", "Welcome to ", "Welcome to Qwen ", "Welcome to Qwen Cloud."),
                events.stream().map(event -> SimulatorClient.parse(event[3]).at("/output/choices/0/message/content/0/text").asText()).toList());
        for (int i = 0; i < events.size(); i++) {
            assertEquals("id:" + (i + 1), events.get(i)[0]);
            assertEquals("event:result", events.get(i)[1]);
            assertEquals(":HTTP_STATUS/200", events.get(i)[2]);
            final JsonNode finish = SimulatorClient.parse(events.get(i)[3]).at("/output/choices/0/finish_reason");
            assertTrue(finish.isTextual(), "finish_reason is a string, also when it says null");
            assertEquals(i == events.size() - 1 ? "stop" : "null", finish.asText());
        }
        assertFalse(answer.body().contains("[DONE]"));
    }

    @Test
    void streamsIncrementalPiecesWhenAsked() {
        final ObjectNode body = SimulatorClient.flashBody("qwen3-asr-flash", WAV_URI);
        ((ObjectNode) body.get("parameters")).put("incremental_output", true);

        final List<String[]> events = events(client.flashSse(body).body());

        assertEquals(List.of("Welcome ", "to ", "Qwen ", "Cloud."),
                events.stream().map(event -> SimulatorClient.parse(event[3]).at("/output/choices/0/message/content/0/text").asText()).toList());
        assertEquals(2, SimulatorClient.parse(events.getLast()[3]).at("/usage/seconds").asLong());
    }

    @Test
    void answersErrorsAsAnSseErrorEventWhenStreamingWasAsked() {
        final SimulatorClient.Answer answer = client.post(Routes.FLASH_PATH, SimulatorClient.flashBody("qwen3-asr-flash", WAV_URI),
                Map.of("X-DashScope-SSE", "enable", "Authorization", "Bearer sk-wrong"));

        assertEquals(401, answer.status());
        assertEquals("text/event-stream;charset=UTF-8", answer.header("Content-Type"));
        final String[] event = events(answer.body()).getFirst();
        assertEquals("event:error", event[1]);
        assertEquals(":HTTP_STATUS/401", event[2]);
        assertEquals("InvalidApiKey", SimulatorClient.parse(event[3]).get("code").asText());
    }

    @Test
    void servesUsModelsOnlyInTheUsRegion() {
        simulator.settings().region(Region.US_EAST_1);
        assertEquals(200, client.flash(SimulatorClient.flashBody("qwen3-asr-flash-us", WAV_URI)).status());
        assertEquals(404, client.flash(SimulatorClient.flashBody("qwen3-asr-flash", WAV_URI)).status());
        final SimulatorClient.Answer otherRegionKey = client.post(Routes.FLASH_PATH, SimulatorClient.flashBody("qwen3-asr-flash-us", WAV_URI),
                Map.of("Authorization", "Bearer " + Region.AP_SOUTHEAST_1.defaultApiKey()));
        assertEquals(401, otherRegionKey.status());
        assertEquals("InvalidApiKey", otherRegionKey.json().get("code").asText());
    }

    @Test
    void resolvesUploadedObjectsOnlyWithTheResolveHeaderAndTheSameModel() {
        simulator.settings().flashUploadMaxFileSizeMb(10);
        final String ossUrl = OssUploadHandlerTest.upload(simulator, "qwen3-asr-flash", "talk.wav", SimulatorClient.wav("Uploaded.", 1));

        final ObjectNode body = SimulatorClient.flashBody("qwen3-asr-flash", ossUrl);
        assertEquals("Uploaded.", text(client.post(Routes.FLASH_PATH, body, Map.of("X-DashScope-OssResourceResolve", "enable"))));
        final SimulatorClient.Answer withoutHeader = client.flash(body);
        assertEquals(400, withoutHeader.status());
        assertEquals("Download failed with exit code: 1", withoutHeader.json().get("message").asText());
        final SimulatorClient.Answer otherModel = client.post(Routes.FLASH_PATH, SimulatorClient.flashBody("qwen3-asr-flash-2025-09-08", ossUrl),
                Map.of("X-DashScope-OssResourceResolve", "enable"));
        assertEquals(400, otherModel.status());
    }

    static Stream<Arguments> rejections() {
        final String valid = SimulatorClient.write(SimulatorClient.flashBody("qwen3-asr-flash", WAV_URI));
        final String system = "{\"role\": \"system\", \"content\": [{\"text\": \"\"}]}";
        final String user = "{\"role\": \"user\", \"content\": [{\"audio\": \"" + WAV_URI + "\"}]}";
        final String notAudio = SimulatorClient.dataUri("audio/wav", "just some text, not audio".getBytes(StandardCharsets.UTF_8));
        final String tooLong = SimulatorClient.dataUri("audio/wav", SampleAudio.wav(Duration.ofSeconds(301), 8_000, 1, "long"));
        final String tooBig = "data:audio/wav;base64," + Base64.getEncoder().encodeToString(new byte[7_900_000]);
        return Stream.of(
                Arguments.of("malformed JSON", "{\"model\": ", 400, "InvalidParameter"),
                Arguments.of("trailing garbage", valid + "}", 400, "InvalidParameter"),
                Arguments.of("missing model", valid.replace("\"model\":\"qwen3-asr-flash\",", ""), 400, "BadRequest.EmptyModel"),
                Arguments.of("unknown model", valid.replace("qwen3-asr-flash", "qwen3-asr-turbo"), 404, "ModelNotFound"),
                Arguments.of("US model outside the US", valid.replace("qwen3-asr-flash", "qwen3-asr-flash-us"), 404, "ModelNotFound"),
                Arguments.of("filetrans model", valid.replace("qwen3-asr-flash", "qwen3-asr-flash-filetrans"), 400, "InvalidParameter"),
                Arguments.of("missing input", "{\"model\": \"qwen3-asr-flash\"}", 400, "BadRequest.EmptyInput"),
                Arguments.of("messages outside input", "{\"model\": \"qwen3-asr-flash\", \"input\": {}, \"messages\": [" + user + "]}", 400, "BadRequest.EmptyInput"),
                Arguments.of("system message second", flash(user + "," + system), 400, "InvalidParameter"),
                Arguments.of("two user messages", flash(user + "," + user), 400, "InvalidParameter"),
                Arguments.of("assistant message", flash(user.replace("\"user\"", "\"assistant\"")), 400, "InvalidParameter"),
                Arguments.of("no user message", flash(system), 400, "InvalidParameter"),
                Arguments.of("content not an array", flash("{\"role\": \"user\", \"content\": {\"audio\": \"" + WAV_URI + "\"}}"), 400, "InvalidParameter"),
                Arguments.of("two content items", flash(user.replace("}]}", "}, {\"text\": \"hi\"}]}")), 400, "InvalidParameter"),
                Arguments.of("text instead of audio", flash("{\"role\": \"user\", \"content\": [{\"text\": \"hi\"}]}"), 400, "InvalidParameter"),
                Arguments.of("unsupported language", valid.replace("\"enable_itn\":false", "\"language\":\"xx\""), 400, "InvalidParameter"),
                Arguments.of("two languages", valid.replace("\"enable_itn\":false", "\"language\":\"zh,en\""), 400, "InvalidParameter"),
                Arguments.of("enable_itn as text", valid.replace("\"enable_itn\":false", "\"enable_itn\":\"false\""), 400, "InvalidParameter"),
                Arguments.of("incremental_output as number", valid.replace("\"parameters\":{", "\"parameters\":{\"incremental_output\":1,"), 400, "InvalidParameter"),
                Arguments.of("data-uri of a non-audio mime", valid.replace("data:audio/wav", "data:image/png"), 400, "InvalidParameter"),
                Arguments.of("data-uri without base64", valid.replace(";base64,", ","), 400, "InvalidParameter"),
                Arguments.of("invalid base64", valid.replace(";base64,", ";base64,%%%"), 400, "InvalidParameter"),
                Arguments.of("bytes that are no audio container", flash(user.replace(WAV_URI, notAudio)), 400, "InvalidParameter.DataInspection"),
                Arguments.of("audio over 300 s", flash(user.replace(WAV_URI, tooLong)), 400, "InvalidParameter"),
                Arguments.of("data-uri over 10 MiB", flash(user.replace(WAV_URI, tooBig)), 400, "InvalidParameter"),
                Arguments.of("oss:// never uploaded", flash(user.replace(WAV_URI, "oss://dashscope-instant/x/missing.wav")), 400, "InvalidParameter"),
                Arguments.of("unreachable URL", flash(user.replace(WAV_URI, "https://example.com/missing.wav")), 400, "InvalidParameter"),
                Arguments.of("file:// path", flash(user.replace(WAV_URI, "file:///tmp/a.wav")), 400, "InvalidURL"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsWhatTheServiceRejects(final String name, final String body, final int status, final String code) {
        final SimulatorClient.Answer answer = client.flash(body);

        assertEquals(status, answer.status(), answer.body());
        final JsonNode json = answer.json();
        assertEquals(code, json.get("code").asText());
        assertFalse(json.get("message").asText().isEmpty());
        assertEquals(36, json.get("request_id").asText().length());
    }

    @Test
    void quotesDashScopesOwnMessagesForDownloadsAndDataUriSize() {
        final String tooBig = "data:audio/wav;base64," + Base64.getEncoder().encodeToString(new byte[7_900_000]);
        assertEquals("Exceeded limit on max bytes per data-uri item : 10485760",
                client.flash(SimulatorClient.flashBody("qwen3-asr-flash", tooBig)).json().get("message").asText());
        assertEquals("Download failed with exit code: 1",
                client.flash(SimulatorClient.flashBody("qwen3-asr-flash", "http://127.0.0.1:1/nothing.wav")).json().get("message").asText());
    }

    @Test
    void acceptsADataUriJustUnderTheLimit() {
        final byte[] audio = SampleAudio.wav(Duration.ofSeconds(245), 16_000, 1, "Just under.");
        final String uri = SimulatorClient.dataUri("audio/wav", audio);
        assertTrue(uri.length() <= FlashAudio.MAX_DATA_URI_BYTES && uri.length() > 10_000_000, "length " + uri.length());

        assertEquals("Just under.", text(client.flash(SimulatorClient.flashBody("qwen3-asr-flash", uri))));
    }

    private static String flash(final String messages) {
        return "{\"model\": \"qwen3-asr-flash\", \"input\": {\"messages\": [" + messages + "]}}";
    }

    private static String text(final SimulatorClient.Answer answer) {
        assertEquals(200, answer.status(), answer.body());
        return answer.json().at("/output/choices/0/message/content/0/text").asText();
    }

    /** Splits a native SSE body into events of exactly four lines (id, event, status comment, data). */
    static List<String[]> events(final String body) {
        assertTrue(body.endsWith("\n\n"), "each event ends with a blank line");
        final List<String[]> events = new ArrayList<>();
        for (final String block : body.substring(0, body.length() - 2).split("\n\n")) {
            final String[] lines = block.split("\n");
            assertEquals(4, lines.length, block);
            assertTrue(lines[3].startsWith("data:{"), "no space after data:");
            lines[3] = lines[3].substring("data:".length());
            events.add(lines);
        }
        return events;
    }
}
