/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServerTest {
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.start(0, "test", exchange -> {
            final HttpRequest request = exchange.request();
            final byte[] body = request.body().readAllBytes();
            final String answer = request.method() + " " + request.path() + " q=" + request.queryParameters() + " body=" + new String(body, StandardCharsets.UTF_8);
            exchange.respond(200, "text/plain", answer.getBytes(StandardCharsets.UTF_8));
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void bindsLoopbackOnly() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            assertTrue(socket.getInetAddress().isLoopbackAddress());
        }
    }

    @Test
    void answersSeveralRequestsOnOnePersistentConnection() throws IOException {
        try (Socket socket = connect()) {
            final OutputStream out = socket.getOutputStream();
            out.write(("POST /a?x=1&y=%20z HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
                    + "GET /b HTTP/1.1\r\nHost: h\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final InputStream in = socket.getInputStream();

            assertEquals("POST /a q={x=1, y= z} body=hello", readResponseBody(in));
            assertEquals("GET /b q={} body=", readResponseBody(in));
        }
    }

    @Test
    void decodesChunkedRequestBodies() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

            assertEquals("POST /c q={} body=hello world", readResponseBody(socket.getInputStream()));
        }
    }

    @Test
    void sendsContinueWhenAsked() throws IOException {
        try (Socket socket = connect()) {
            final OutputStream out = socket.getOutputStream();
            out.write("POST /e HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            final InputStream in = socket.getInputStream();
            assertEquals("HTTP/1.1 100 Continue", line(in));
            assertEquals("", line(in));
            out.write("ok".getBytes(StandardCharsets.US_ASCII));

            assertEquals("POST /e q={} body=ok", readResponseBody(in));
        }
    }

    @Test
    void answersMalformedRequestsWith400AndCloses() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("NONSENSE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            final InputStream in = socket.getInputStream();

            assertEquals("HTTP/1.1 400 Bad Request", line(in));
            in.readAllBytes();
        }
    }

    private Socket connect() throws IOException {
        final Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(5_000);
        return socket;
    }

    /** Reads one fixed-length response and returns its body. */
    private static String readResponseBody(final InputStream in) throws IOException {
        assertEquals("HTTP/1.1 200 OK", line(in));
        int length = -1;
        String header;
        while (!(header = line(in)).isEmpty()) {
            if (header.startsWith("Content-Length: ")) {
                length = Integer.parseInt(header.substring("Content-Length: ".length()));
            }
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String line(final InputStream in) throws IOException {
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("closed");
            }
            line.write(b);
        }
        final String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
