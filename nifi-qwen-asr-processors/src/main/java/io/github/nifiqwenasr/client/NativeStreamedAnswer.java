/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.ShortAudioResult;
import okhttp3.HttpUrl;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DashScope native SSE (dashscope-api.md section 3.2 to 3.4): {@code event:result} events each with the section 2.2
 * JSON, holding one piece of text with {@code incremental_output}; the last has {@code finish_reason} "stop" (earlier
 * ones the string "null"); no [DONE]. An {@code event:error} carries its status in the comment
 * {@code :HTTP_STATUS/<n>} and {@code {"code","message","request_id"}}, and ends the stream.
 */
final class NativeStreamedAnswer implements StreamedAnswer {

    private static final Pattern HTTP_STATUS = Pattern.compile("HTTP_STATUS/(\\d{3})");

    private final HttpUrl url;
    private final TranscriptBuilder transcript = new TranscriptBuilder();
    private boolean finished;

    NativeStreamedAnswer(final HttpUrl url) {
        this.url = url;
    }

    @Override
    public boolean accept(final SseEvent event) throws AsrException {
        if (event.name().equals("error")) {
            throw RemoteErrors.fromStreamError(status(event), event.data(), url, HttpQwenAsrClient.SHORT_AUDIO);
        }
        if (!event.name().equals("result")) {
            return false;
        }
        final JsonNode data = event.json(url, HttpQwenAsrClient.SHORT_AUDIO);
        final JsonNode choice = data.path("output").path("choices").path(0);
        final JsonNode message = choice.path("message");
        message.path("content").forEach(item -> transcript.append(item.path("text").asText("")));
        JsonFields.annotations(message, transcript);
        transcript.audioSeconds(JsonFields.seconds(data));
        transcript.requestId(JsonFields.text(data, "request_id"));
        final String finishReason = JsonFields.text(choice, "finish_reason");
        finished = finishReason != null && !finishReason.equals("null");
        return finished;
    }

    @Override
    public ShortAudioResult result() throws AsrException {
        if (!finished) {
            throw RemoteErrors.incompleteStream(url, HttpQwenAsrClient.SHORT_AUDIO);
        }
        return transcript.build();
    }

    private static Integer status(final SseEvent event) {
        for (final String comment : event.comments()) {
            final Matcher matcher = HTTP_STATUS.matcher(comment);
            if (matcher.find()) {
                return Integer.valueOf(matcher.group(1));
            }
        }
        return null;
    }

}
