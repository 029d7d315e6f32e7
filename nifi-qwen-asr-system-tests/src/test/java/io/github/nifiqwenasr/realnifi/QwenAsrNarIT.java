package io.github.nifiqwenasr.realnifi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundle's NAR inside a real NiFi 2.3.0. */
@ExtendWith(RealNiFi.class)
class QwenAsrNarIT {

    @Test
    void nifiLoadsTheBundle(final NiFiClient client) {
        assertTrue(client.bundles().contains("io.github.nifiqwenasr:nifi-qwen-asr-nar:0.1.0-SNAPSHOT"), () -> "bundles: " + client.bundles());
    }
}
