/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.shortaudio;

import io.github.nifiqwenasr.benchmarks.Wiring;
import io.github.nifiqwenasr.benchmarks.flow.MockFlow;
import io.github.nifiqwenasr.processors.AsrAttributes;
import io.github.nifiqwenasr.processors.TranscribeAudioShort;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.MockProcessSession;
import org.apache.nifi.util.TestRunner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * TranscribeAudioShort as NiFi runs it, one trigger per request: each call queues one FlowFile holding the audio and
 * triggers the processor on the calling thread with a session of its own (several threads: several concurrent
 * tasks). Includes what nifi-mock's session costs, which a real NiFi does differently.
 */
final class BundleProcessorContender implements Contender {

    private final MockFlow flow;
    private final ProcessContext context;
    private final byte[] audio;
    private final Map<String, String> attributes;

    BundleProcessorContender(final ShortAudioCall call) throws IOException {
        final TestRunner runner = Wiring.runner(TranscribeAudioShort.class, call.apiBaseUrl(), call.apiKey(),
                Map.of("Requests Per Minute", "1000000"));
        runner.run(1, false, true);
        this.flow = new MockFlow(runner);
        this.context = runner.getProcessContext();
        this.audio = Files.readAllBytes(call.audio());
        this.attributes = Map.of(AsrAttributes.FILENAME, call.audio().getFileName().toString(), AsrAttributes.MIME_TYPE, call.mimeType());
    }

    @Override
    public String transcribe() {
        flow.enqueue(audio, attributes);
        final MockProcessSession session = flow.trigger(context);
        final List<MockFlowFile> success = session.getFlowFilesForRelationship(TranscribeAudioShort.REL_SUCCESS);
        if (success.size() != 1) {
            final List<MockFlowFile> problems = session.getFlowFilesForRelationship(TranscribeAudioShort.REL_RETRY);
            throw new IllegalStateException("The FlowFile did not go to success: " + (problems.isEmpty()
                    ? session.getFlowFilesForRelationship(TranscribeAudioShort.REL_FAILURE) : problems));
        }
        return new String(success.getFirst().getData(), StandardCharsets.UTF_8);
    }
}
