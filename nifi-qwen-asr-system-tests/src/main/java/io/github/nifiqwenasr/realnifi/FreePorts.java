/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Ports on 127.0.0.1 that nothing listens on right now. */
public final class FreePorts {

    private static final int ATTEMPTS = 50;

    private FreePorts() {
    }

    public static int any() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("No free port on the loopback interface", e);
        }
    }

    /** {@code count} different free ports. */
    public static List<Integer> distinct(final int count) {
        final Set<Integer> ports = new LinkedHashSet<>();
        for (int attempt = 0; ports.size() < count && attempt < ATTEMPTS * count; attempt++) {
            ports.add(any());
        }
        if (ports.size() < count) {
            throw new IllegalStateException("Found only " + ports.size() + " of " + count + " free ports on the loopback interface");
        }
        return List.copyOf(ports);
    }

    /** A port {@code p} such that {@code p} and {@code p + 1} are both free (the simulator's API and storage ports). */
    public static int consecutivePair() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            final int port = any();
            if (port < 65535 && isFree(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("No two consecutive free ports found on the loopback interface");
    }

    private static boolean isFree(final int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (final IOException e) {
            return false;
        }
    }
}
