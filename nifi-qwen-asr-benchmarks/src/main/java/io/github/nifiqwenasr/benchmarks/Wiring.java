/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks;

import io.github.nifiqwenasr.api.QwenAsrClient;
import io.github.nifiqwenasr.api.QwenAsrClientService;
import io.github.nifiqwenasr.processors.AbstractQwenAsrProcessor;
import io.github.nifiqwenasr.service.StandardQwenAsrClientService;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.util.Map;

/**
 * A processor wired to an enabled StandardQwenAsrClientService that points at a simulator, the way a user configures
 * them in NiFi: key and endpoint on the service, the service selected on the processor.
 */
public final class Wiring {

    public static final String SERVICE_ID = "asr";
    public static final String REGION = "ap-southeast-1";

    private Wiring() {
    }

    /**
     * @param serviceProperties more service properties by name (e.g. "Requests Per Minute"), set before enabling
     */
    public static TestRunner runner(final Class<? extends Processor> processor, final String apiBaseUrl, final String apiKey,
                                    final Map<String, String> serviceProperties) {
        final TestRunner runner = TestRunners.newTestRunner(processor);
        final StandardQwenAsrClientService service = new StandardQwenAsrClientService();
        try {
            runner.addControllerService(SERVICE_ID, service);
        } catch (final InitializationException e) {
            throw new IllegalStateException(e);
        }
        runner.setProperty(service, "Region", REGION);
        runner.setProperty(service, "API Key", apiKey);
        runner.setProperty(service, "Endpoint Override URL", apiBaseUrl);
        serviceProperties.forEach((name, value) -> runner.setProperty(service, name, value));
        runner.enableControllerService(service);
        if (AbstractQwenAsrProcessor.class.isAssignableFrom(processor)) {
            runner.setProperty(AbstractQwenAsrProcessor.ASR_CLIENT_SERVICE, SERVICE_ID);
        }
        return runner;
    }

    /** The client the enabled service shares with every processor that uses it. */
    public static QwenAsrClient client(final TestRunner runner) {
        return ((QwenAsrClientService) runner.getControllerService(SERVICE_ID)).getClient();
    }
}
