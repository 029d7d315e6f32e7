/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiqwenasr.simulator.audio.SampleAudio;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StorageHandlersTest extends SimulatorTestBase {
    @BeforeEach
    void prepare() {
        simulator.settings().taskRunningTimeBase(Duration.ZERO);
    }

    @Test
    void servesTheDocumentedTranscriptShapeWithWords() throws InterruptedException {
        final byte[] audio = SampleAudio.wav(Duration.ofMillis(4800), 22_050, 1, "Welcome to Qwen Cloud.");
        final String url = simulator.hostAudio("welcome.wav", audio);

        final SimulatorClient.Answer answer = SimulatorClient.execute(new Request.Builder().url(transcriptUrl(SimulatorClient.submitBody(url))).build());

        assertEquals(200, answer.status());
        assertEquals("application/json", answer.header("Content-Type"));
        final String expected = """
                {"file_url":"%s","audio_info":{"format":"wav","sample_rate":22050},
                 "transcripts":[{"channel_id":0,"text":"Welcome to Qwen Cloud.","sentences":[
                   {"sentence_id":0,"begin_time":0,"end_time":4800,"language":"en","emotion":"neutral","text":"Welcome to Qwen Cloud.",
                    "words":[{"begin_time":0,"end_time":1200,"text":"Welcome","punctuation":""},
                             {"begin_time":1200,"end_time":2400,"text":"to","punctuation":""},
                             {"begin_time":2400,"end_time":3600,"text":"Qwen","punctuation":""},
                             {"begin_time":3600,"end_time":4800,"text":"Cloud","punctuation":"."}]}]}]}""".formatted(url);
        assertEquals(SimulatorClient.parse(expected), answer.json());
    }

    @Test
    void writesOneEntryPerChannelWithoutWordsUnlessAsked() throws InterruptedException {
        final byte[] audio = SampleAudio.wav(Duration.ofMillis(7300), 8_000, 2, "两个声道。");
        final ObjectNode body = SimulatorClient.submitBody(simulator.hostAudio("stereo.wav", audio));
        final ObjectNode parameters = (ObjectNode) body.get("parameters");
        parameters.put("enable_words", false).remove("language");
        parameters.putArray("channel_id").add(1).add(0);

        final JsonNode document = SimulatorClient.execute(new Request.Builder().url(transcriptUrl(body)).build()).json();

        assertEquals(2, document.get("transcripts").size());
        assertEquals(1, document.at("/transcripts/0/channel_id").asInt());
        assertEquals("两个声道。 (channel 1)", document.at("/transcripts/0/sentences/0/text").asText());
        assertEquals("两个声道。", document.at("/transcripts/1/sentences/0/text").asText());
        assertEquals("zh", document.at("/transcripts/1/sentences/0/language").asText());
        assertFalse(document.at("/transcripts/1/sentences/0").has("words"));
        assertEquals(DashScopeSimulator.sentenceText(audio, 0, 1), document.at("/transcripts/1/sentences/1/text").asText());
        assertEquals("en", document.at("/transcripts/1/sentences/1/language").asText());
        assertEquals(5000, document.at("/transcripts/1/sentences/1/begin_time").asLong());
        assertEquals(7300, document.at("/transcripts/1/sentences/1/end_time").asLong());
        assertEquals("两个声道。 Sentence 1 of channel 0 is simulated speech with a dozen words in it.",
                document.at("/transcripts/1/text").asText());
    }

    @Test
    void streamsATwelveHourTranscriptWithWords() throws IOException, InterruptedException {
        simulator.registerRemoteAudio("https://example.com/day.wav", SampleAudio.wavClaiming(Duration.ofHours(12), 8_000, 1, "A long day."));
        final String url = transcriptUrl(SimulatorClient.submitBody("https://example.com/day.wav"));

        try (Response response = SimulatorClient.HTTP.newCall(new Request.Builder().url(url).build()).execute();
                InputStream in = response.body().byteStream();
                JsonParser parser = Json.MAPPER.getFactory().createParser(in)) {
            final long length = Long.parseLong(response.header("Content-Length"));
            assertTrue(length > 10_000_000, "a 12-hour document with words is tens of MB: " + length);
            int sentences = 0;
            int words = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && "sentence_id".equals(parser.currentName())) {
                    sentences++;
                } else if (token == JsonToken.FIELD_NAME && "punctuation".equals(parser.currentName())) {
                    words++;
                }
            }
            assertEquals(12 * 3600 / 5, sentences);
            assertTrue(words > 100_000, "words: " + words);
        }
    }

    @Test
    void refusesTamperedAndExpiredUrlsWithOssErrors() throws InterruptedException {
        final String url = transcriptUrl(SimulatorClient.submitBody(simulator.hostAudio("a.wav", SimulatorClient.wav("A.", 1))));
        final String expires = url.replaceAll(".*Expires=(\\d+).*", "$1");

        final SimulatorClient.Answer tampered = SimulatorClient.execute(new Request.Builder()
                .url(url.replace("Expires=" + expires, "Expires=" + (Long.parseLong(expires) + 3600))).build());
        OssUploadHandlerTest.assertOssError(tampered, 403, "SignatureDoesNotMatch");
        final SimulatorClient.Answer unsigned = SimulatorClient.execute(new Request.Builder().url(url.substring(0, url.indexOf('?'))).build());
        OssUploadHandlerTest.assertOssError(unsigned, 403, "AccessDenied");

        simulator.settings().transcriptUrlTtl(Duration.ZERO);
        final String shortLived = client.task(taskIdOf(url)).json().at("/output/result/transcription_url").asText();
        Thread.sleep(1100);
        final SimulatorClient.Answer expired = SimulatorClient.execute(new Request.Builder().url(shortLived).build());
        OssUploadHandlerTest.assertOssError(expired, 403, "AccessDenied");
        assertTrue(expired.body().contains("Request has expired."), expired.body());
    }

    @Test
    void truncatesAStreamedDocumentAfterAnnouncingItsFullLength() throws InterruptedException, IOException {
        final String url = transcriptUrl(SimulatorClient.submitBody(simulator.hostAudio("a.wav", SimulatorClient.wav("A.", 60))));
        simulator.enqueueFault(Endpoint.TRANSCRIPT, Fault.truncatedBody());

        try (Response response = SimulatorClient.HTTP.newCall(new Request.Builder().url(url).build()).execute()) {
            final long announced = Long.parseLong(response.header("Content-Length"));
            final InputStream in = response.body().byteStream();
            final byte[] chunk = new byte[8192];
            long received = 0;
            try {
                for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
                    received += read;
                }
            } catch (final IOException expected) {
                assertEquals(announced / 2, received);
                return;
            }
            throw new AssertionError("the body ended cleanly after " + received + " of " + announced + " bytes");
        }
    }

    @Test
    void servesHostedAudioWithoutAuthentication() {
        final byte[] audio = SimulatorClient.wav("Hosted.", 1);
        final String url = simulator.hostAudio("dir name/ü.wav", audio);

        try (Response response = SimulatorClient.HTTP.newCall(new Request.Builder().url(url).build()).execute()) {
            assertEquals(200, response.code());
            assertArrayEquals(audio, response.body().bytes());
        } catch (final IOException e) {
            throw new AssertionError(e);
        }
        OssUploadHandlerTest.assertOssError(SimulatorClient.execute(new Request.Builder().url(simulator.storageBaseUrl() + "/files/none.wav").build()),
                404, "NoSuchKey");
        assertEquals(Endpoint.AUDIO_FILE, simulator.requests().getFirst().endpoint());
    }

    private String transcriptUrl(final ObjectNode submitBody) throws InterruptedException {
        final SimulatorClient.Answer submitted = client.submit(submitBody);
        assertEquals(200, submitted.status(), submitted.body());
        final String taskId = submitted.json().at("/output/task_id").asText();
        Thread.sleep(5);
        final JsonNode task = client.task(taskId).json();
        assertEquals("SUCCEEDED", task.at("/output/task_status").asText(), task.toString());
        return task.at("/output/result/transcription_url").asText();
    }

    private static String taskIdOf(final String url) {
        return url.replaceAll(".*/([0-9a-f-]{36})\\.json.*", "$1");
    }

}
