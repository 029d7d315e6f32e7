/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.testing;

import io.github.nifiqwenasr.api.ApiProtocol;
import io.github.nifiqwenasr.processors.AbstractQwenAsrProcessor;
import io.github.nifiqwenasr.service.StandardQwenAsrClientService;
import io.github.nifiqwenasr.simulator.DashScopeSimulator;
import io.github.nifiqwenasr.simulator.Region;
import io.github.nifiqwenasr.simulator.SimulatorSettings;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.util.MockProcessContext;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.util.List;

/**
 * A processor under test wired to a client service that talks to a fresh simulator, the way a user wires them in
 * NiFi (the API key and endpoint set on the service, the service selected on the processor).
 */
public final class SimulatedService implements AutoCloseable {

    public static final String SERVICE_ID = "asr";
    public static final String SELF_HOSTED_MODEL = "qwen3-asr-flash";

    private final DashScopeSimulator simulator;
    private final boolean ownsSimulator;
    private final TestRunner runner;
    private final StandardQwenAsrClientService service;

    private SimulatedService(final DashScopeSimulator simulator, final boolean ownsSimulator, final TestRunner runner,
                             final StandardQwenAsrClientService service) {
        this.simulator = simulator;
        this.ownsSimulator = ownsSimulator;
        this.runner = runner;
        this.service = service;
    }

    public static SimulatedService start(final Class<? extends Processor> processor) {
        return start(processor, Region.AP_SOUTHEAST_1);
    }

    /** A simulator of {@code region} and a service set to the same region, using that region's key. */
    public static SimulatedService start(final Class<? extends Processor> processor, final Region region) {
        return wire(processor, DashScopeSimulator.start(new SimulatorSettings().region(region)), region, true);
    }

    /** Another processor, with a service of its own, talking to the same simulator as {@code other}: a chain of processors. */
    public static SimulatedService sharing(final Class<? extends Processor> processor, final SimulatedService other) {
        return wire(processor, other.simulator, other.simulator.settings().region(), false);
    }

    /** A processor with a service of its own, talking to a simulator the caller started and closes. */
    public static SimulatedService on(final Class<? extends Processor> processor, final DashScopeSimulator simulator) {
        return wire(processor, simulator, simulator.settings().region(), false);
    }

    private static SimulatedService wire(final Class<? extends Processor> processor, final DashScopeSimulator simulator,
                                         final Region region, final boolean ownsSimulator) {
        final TestRunner runner = TestRunners.newTestRunner(processor);
        final StandardQwenAsrClientService service = new StandardQwenAsrClientService();
        try {
            runner.addControllerService(SERVICE_ID, service);
        } catch (final Exception e) {
            if (ownsSimulator) {
                simulator.close();
            }
            throw new IllegalStateException(e);
        }
        runner.setProperty(service, "Region", region.id());
        runner.setProperty(service, "API Key", simulator.apiKey());
        runner.setProperty(service, "Endpoint Override URL", simulator.apiBaseUrl());
        runner.setProperty(service, "Read Timeout", "3 secs");
        runner.setProperty(service, "Requests Per Minute", "100000");
        runner.setProperty(service, "Task Queries Per Second", "10000");
        runner.setProperty(AbstractQwenAsrProcessor.ASR_CLIENT_SERVICE, SERVICE_ID);
        return new SimulatedService(simulator, ownsSimulator, runner, service);
    }

    /**
     * A simulator and a service speaking {@code protocol} to it. The self-hosted protocols talk to the simulator's vLLM
     * server without an API key; it serves qwen3-asr-flash (as {@code vllm serve --served-model-name qwen3-asr-flash}
     * would), so the processors' default model works unchanged.
     */
    public static SimulatedService start(final Class<? extends Processor> processor, final ApiProtocol protocol) {
        final SimulatedService started = start(processor, Region.AP_SOUTHEAST_1).serviceProperty("API Protocol", protocol.getValue());
        if (protocol.isSelfHosted()) {
            started.simulator.settings().vllmServedModelNames(List.of(SELF_HOSTED_MODEL));
            started.runner.removeProperty(started.service, "API Key");
        }
        return started;
    }

    /** Changes a service property; the service must be disabled (call before {@link #enable()}). */
    public SimulatedService serviceProperty(final String name, final String value) {
        runner.setProperty(service, name, value);
        return this;
    }

    public SimulatedService enable() {
        runner.enableControllerService(service);
        return this;
    }

    public DashScopeSimulator simulator() {
        return simulator;
    }

    public TestRunner runner() {
        return runner;
    }

    public StandardQwenAsrClientService service() {
        return service;
    }

    public boolean yielded() {
        return ((MockProcessContext) runner.getProcessContext()).isYieldCalled();
    }

    /** Everything the processor and the service logged. */
    public String logs() {
        return Logs.render(runner.getLogger(), runner.getControllerServiceLogger(SERVICE_ID));
    }

    @Override
    public void close() {
        if (runner.isControllerServiceEnabled(service)) {
            runner.disableControllerService(service);
        }
        if (ownsSimulator) {
            simulator.close();
        }
    }
}
