/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.quota;

import java.util.Locale;
import java.util.Optional;

/**
 * One node's entry in the shared state: a sequence number that changes with every write (how the other nodes see
 * that it is alive, without comparing clocks) and its demand on each quota. Encoded as
 * {@code seq;modelUsed;modelHungry;queryUsed;queryHungry}, a few dozen bytes.
 */
record NodeEntry(long sequence, NodeDemand modelCalls, NodeDemand taskQueries) {

    String encode() {
        return sequence + ";" + format(modelCalls.usedPerSecond()) + ";" + (modelCalls.hungry() ? 1 : 0) + ";"
                + format(taskQueries.usedPerSecond()) + ";" + (taskQueries.hungry() ? 1 : 0);
    }

    /** The entry an encoded value holds; empty for anything else (an entry of a newer or broken writer is ignored). */
    static Optional<NodeEntry> decode(final String value) {
        final String[] parts = value.split(";", -1);
        if (parts.length != 5) {
            return Optional.empty();
        }
        try {
            return Optional.of(new NodeEntry(Long.parseLong(parts[0]),
                    new NodeDemand(nonNegative(parts[1]), "1".equals(parts[2])),
                    new NodeDemand(nonNegative(parts[3]), "1".equals(parts[4]))));
        } catch (final NumberFormatException e) {
            return Optional.empty();
        }
    }

    NodeDemand demand(final QuotaKind kind) {
        return kind == QuotaKind.MODEL_CALLS ? modelCalls : taskQueries;
    }

    private static double nonNegative(final String text) {
        final double value = Double.parseDouble(text);
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new NumberFormatException(text);
        }
        return value;
    }

    private static String format(final double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
