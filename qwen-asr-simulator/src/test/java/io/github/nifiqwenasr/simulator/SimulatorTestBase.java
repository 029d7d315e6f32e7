/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh simulator for every test, with a client for it, closed after the test whatever its outcome. */
abstract class SimulatorTestBase {
    protected DashScopeSimulator simulator;
    protected SimulatorClient client;

    @BeforeEach
    final void startSimulator() {
        simulator = DashScopeSimulator.start();
        client = new SimulatorClient(simulator);
    }

    @AfterEach
    final void stopSimulator() {
        simulator.close();
    }
}
