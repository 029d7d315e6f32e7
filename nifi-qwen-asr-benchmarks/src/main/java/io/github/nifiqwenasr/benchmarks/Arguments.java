/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks;

import java.util.HashMap;
import java.util.Map;

/** Command-line options of the form {@code --name value}, and bare flags {@code --name}. */
public final class Arguments {

    private final Map<String, String> values;

    private Arguments(final Map<String, String> values) {
        this.values = values;
    }

    public static Arguments parse(final String[] args) {
        final Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + args[i] + "'; options look like --name value");
            }
            final String name = args[i].substring(2);
            final boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            values.put(name, hasValue ? args[++i] : "true");
        }
        return new Arguments(values);
    }

    public String get(final String name) {
        final String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Missing option --" + name);
        }
        return value;
    }

    public String get(final String name, final String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public int getInt(final String name) {
        return Integer.parseInt(get(name));
    }

    public boolean has(final String name) {
        return values.containsKey(name);
    }
}
