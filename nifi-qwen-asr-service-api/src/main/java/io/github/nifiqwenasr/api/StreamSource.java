/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.api;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens a fresh stream over the same bytes each time it is called, so that a consumer can read data
 * more than once (an HTTP body written again after a retry, a document parsed in several passes)
 * without holding it in memory. The caller closes each stream it opens.
 */
@FunctionalInterface
public interface StreamSource {

    InputStream open() throws IOException;
}
