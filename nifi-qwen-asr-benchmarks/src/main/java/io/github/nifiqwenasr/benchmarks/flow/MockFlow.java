/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.flow;

import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.MockProcessSession;
import org.apache.nifi.util.SharedSessionState;
import org.apache.nifi.util.TestRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A processor of a TestRunner with an input queue of its own: FlowFiles are queued with shared content (nifi-mock
 * would copy it), and each trigger gets a session of its own that the caller inspects once it is committed
 * (TestRunner keeps every session it ever made, which a run of minutes cannot afford). Thread-safe.
 */
public final class MockFlow {

    private final Processor processor;
    private final SharedSessionState state;
    private final AtomicLong triggers = new AtomicLong();

    /** @param runner a runner whose processor is configured, its services enabled and {@code @OnScheduled} run */
    public MockFlow(final TestRunner runner) {
        this.processor = runner.getProcessor();
        this.state = new SharedSessionState(processor, new AtomicLong());
    }

    /** Puts a FlowFile on the input queue. The content array is shared, not copied. */
    public void enqueue(final byte[] content, final Map<String, String> attributes) {
        final MockFlowFile flowFile = new MockFlowFile(state.nextFlowFileId());
        flowFile.putAttributes(attributes);
        flowFile.setData(content);
        state.getFlowFileQueue().offer(flowFile);
    }

    public boolean isQueueEmpty() {
        return state.getFlowFileQueue().isEmpty();
    }

    /** Takes every FlowFile off the input queue, for a final count once nothing triggers the processor any more. */
    public List<MockFlowFile> drain() {
        final List<MockFlowFile> drained = new ArrayList<>();
        MockFlowFile flowFile;
        while ((flowFile = state.getFlowFileQueue().poll()) != null) {
            drained.add(flowFile);
        }
        return drained;
    }

    /** One trigger on the calling thread, with a session of its own; returns the session, committed. */
    public MockProcessSession trigger(final ProcessContext context) {
        final MockProcessSession session = new MockProcessSession(state, processor);
        triggers.incrementAndGet();
        processor.onTrigger(context, () -> session);
        return session;
    }

    public long triggers() {
        return triggers.get();
    }
}
