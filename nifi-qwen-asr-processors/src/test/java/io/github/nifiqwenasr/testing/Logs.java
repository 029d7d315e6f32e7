/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.testing;

import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.MockComponentLog;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Everything components logged, rendered as text, so tests can assert that secrets never appear in it. */
public final class Logs {

    private Logs() {
    }

    public static String render(final MockComponentLog... logs) {
        final StringBuilder text = new StringBuilder();
        for (final MockComponentLog log : logs) {
            final List<LogMessage> messages = new ArrayList<>();
            messages.addAll(log.getTraceMessages());
            messages.addAll(log.getDebugMessages());
            messages.addAll(log.getInfoMessages());
            messages.addAll(log.getWarnMessages());
            messages.addAll(log.getErrorMessages());
            for (final LogMessage message : messages) {
                text.append(message.getMsg()).append(' ').append(Arrays.deepToString(message.getArgs())).append('\n');
                if (message.getThrowable() != null) {
                    final StringWriter trace = new StringWriter();
                    message.getThrowable().printStackTrace(new PrintWriter(trace));
                    text.append(trace).append('\n');
                }
            }
        }
        return text.toString();
    }
}
