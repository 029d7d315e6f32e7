/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks;

import java.util.List;

/**
 * The results of one benchmark: its rows, how they were measured and against what, and what a reader should know
 * (targets missed and why, decisions taken where the issue was silent).
 */
public record Section(String title, String method, List<Row> rows, List<String> notes) {
}
