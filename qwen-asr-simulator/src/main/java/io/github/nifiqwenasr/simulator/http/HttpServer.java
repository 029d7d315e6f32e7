/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP/1.1 server bound to 127.0.0.1: persistent connections, chunked and fixed-length bodies in both
 * directions, one virtual thread per connection (no pool to exhaust, no thread creation per request).
 * Written by hand so that faults (half bodies, dropped connections, stalls) can be produced byte-exactly.
 */
public final class HttpServer implements AutoCloseable {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final ServerSocket serverSocket;
    private final HttpHandler handler;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private HttpServer(final ServerSocket serverSocket, final HttpHandler handler, final String name) {
        this.serverSocket = serverSocket;
        this.handler = handler;
        this.acceptor = Thread.ofPlatform().name(name + "-acceptor").daemon(true).unstarted(this::acceptLoop);
    }

    /** Binds 127.0.0.1:{@code port} (0 = any free port) and starts accepting. */
    public static HttpServer start(final int port, final String name, final HttpHandler handler) throws IOException {
        final ServerSocket serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 1024);
        final HttpServer server = new HttpServer(serverSocket, handler, name);
        server.acceptor.start();
        return server;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (final IOException e) {
            // already closed
        }
        openSockets.forEach(HttpServer::closeQuietly);
        connections.shutdownNow();
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
            connections.awaitTermination(5, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                final Socket socket = serverSocket.accept();
                socket.setTcpNoDelay(true);
                openSockets.add(socket);
                connections.execute(() -> serve(socket));
            } catch (final IOException | RejectedExecutionException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void serve(final Socket socket) {
        try (socket) {
            final InputStream in = new BufferedInputStream(QuickAckInputStream.wrap(socket), BUFFER_SIZE);
            final OutputStream out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_SIZE);
            boolean reusable = true;
            while (reusable && !closed) {
                reusable = serveOne(in, out, socket);
            }
        } catch (final IOException e) {
            // the peer went away or the server is closing
        } finally {
            openSockets.remove(socket);
        }
    }

    private boolean serveOne(final InputStream in, final OutputStream out, final Socket socket) throws IOException {
        final HttpRequest request;
        try {
            request = RequestParser.read(in, out);
        } catch (final MalformedRequestException e) {
            final byte[] body = e.getMessage().getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return false;
        }
        if (request == null) {
            return false;
        }
        final boolean keepAlive = !request.header("Connection").map(value -> value.toLowerCase(Locale.ROOT).contains("close")).orElse(false);
        final HttpExchange exchange = new HttpExchange(request, out, socket, keepAlive);
        handler.handle(exchange);
        if (!exchange.reusable()) {
            return false;
        }
        request.body().transferTo(OutputStream.nullOutputStream());
        return true;
    }

    private static void closeQuietly(final Socket socket) {
        try {
            socket.close();
        } catch (final IOException e) {
            // already closed
        }
    }
}
