/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.shortaudio;

import java.util.Arrays;

/** The contenders of the short-audio benchmarks, by the id the child JVM is given. */
public enum ContenderKind {
    BUNDLE_CLIENT("bundle-client", "Bundle: QwenAsrClient (what TranscribeAudioShort calls)", false),
    BUNDLE_PROCESSOR("bundle-processor", "Bundle: TranscribeAudioShort in nifi-mock", false),
    SDK_DATA_URL("sdk-data-url", "SDK " + SdkVersion.VERSION + ": Base64 data URL", true),
    SDK_FILE("sdk-file", "SDK " + SdkVersion.VERSION + ": file:// path (upload + call)", true),
    NAIVE("naive", "Naive: read all, Base64 String, Jackson tree", false);

    private final String id;
    private final String label;
    private final boolean sdk;

    ContenderKind(final String id, final String label, final boolean sdk) {
        this.id = id;
        this.label = label;
        this.sdk = sdk;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** Whether it needs the SDK's class path (OkHttp 4) rather than the bundle's (OkHttp 5). */
    public boolean usesSdk() {
        return sdk;
    }

    public static ContenderKind fromId(final String id) {
        return Arrays.stream(values()).filter(kind -> kind.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown contender " + id));
    }

    Contender create(final ShortAudioCall call) throws Exception {
        return switch (this) {
            case BUNDLE_CLIENT -> new BundleClientContender(call);
            case BUNDLE_PROCESSOR -> new BundleProcessorContender(call);
            case SDK_DATA_URL -> new SdkDataUrlContender(call);
            case SDK_FILE -> new SdkFileContender(call);
            case NAIVE -> new NaiveContender(call);
        };
    }
}
