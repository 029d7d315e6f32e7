/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import okhttp3.Request;

import java.util.Locale;

/** DashScope's request headers (dashscope-api.md section 1.3). */
final class DashScopeHeaders {

    static final String SSE = "X-DashScope-SSE";
    static final String ASYNC = "X-DashScope-Async";
    static final String ENABLE = "enable";
    private static final String OSS_RESOURCE_RESOLVE = "X-DashScope-OssResourceResolve";

    private DashScopeHeaders() {
    }

    /** An {@code oss://} URL from the temporary storage is resolved only when the request says so (section 6). */
    static void markOssResource(final Request.Builder request, final String url) {
        if (url.toLowerCase(Locale.ROOT).startsWith("oss://")) {
            request.header(OSS_RESOURCE_RESOLVE, ENABLE);
        }
    }
}
