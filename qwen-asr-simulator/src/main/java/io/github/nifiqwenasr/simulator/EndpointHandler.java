/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import java.io.IOException;

/** Produces the normal answer of one endpoint, or throws the error the real service would give. */
@FunctionalInterface
interface EndpointHandler {
    void handle(Call call) throws ApiError, IOException;
}
