/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.service;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertTrue;

class NoDelaySocketFactoryTest {

    private final NoDelaySocketFactory factory = new NoDelaySocketFactory();

    @Test
    void socketsThatOkHttpConnectsItselfHaveNagleOff() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = factory.createSocket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));

            assertTrue(socket.getTcpNoDelay());
        }
    }

    @Test
    void connectedSocketsHaveNagleOff() throws IOException {
        final InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 4, loopback);
             Socket byName = factory.createSocket(loopback.getHostAddress(), server.getLocalPort());
             Socket byAddress = factory.createSocket(loopback, server.getLocalPort());
             Socket byNameFromLocal = factory.createSocket(loopback.getHostAddress(), server.getLocalPort(), loopback, 0);
             Socket byAddressFromLocal = factory.createSocket(loopback, server.getLocalPort(), loopback, 0)) {

            assertTrue(byName.getTcpNoDelay());
            assertTrue(byAddress.getTcpNoDelay());
            assertTrue(byNameFromLocal.getTcpNoDelay());
            assertTrue(byAddressFromLocal.getTcpNoDelay());
        }
    }
}
