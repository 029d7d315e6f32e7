/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import java.nio.file.Path;
import java.util.List;

/** The bundle's two NARs as the reactor builds them: the API NAR first, then the processors NAR, its child. */
public final class BundleNars {

    private static final List<String> NARS = List.of(
            "nifi-qwen-asr-service-api-nar/target/nifi-qwen-asr-service-api-nar-0.1.0-SNAPSHOT.nar",
            "nifi-qwen-asr-nar/target/nifi-qwen-asr-nar-0.1.0-SNAPSHOT.nar");

    private BundleNars() {
    }

    /** The NARs under {@code repoRoot}, in the order to install them. */
    public static List<Path> in(final Path repoRoot) {
        return NARS.stream().map(repoRoot::resolve).toList();
    }
}
