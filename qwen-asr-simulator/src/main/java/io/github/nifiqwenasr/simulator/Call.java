/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiqwenasr.simulator.http.HttpExchange;
import io.github.nifiqwenasr.simulator.http.HttpRequest;
import java.io.IOException;
import java.util.Optional;
import java.util.function.IntConsumer;

/** One API or storage request on its way through the simulator. */
final class Call {
    private final HttpExchange exchange;
    private final Endpoint endpoint;
    private final String requestId;
    private final CapturingInputStream body;
    private final ErrorStyle style;
    private final Sleeper sleeper;
    private final IntConsumer record;
    private Fault midStreamFault;

    /** @param record records the request with the status it got (0: none); only the first status counts */
    Call(final HttpExchange exchange, final Endpoint endpoint, final String requestId, final CapturingInputStream body,
            final ErrorStyle style, final Sleeper sleeper, final IntConsumer record) {
        this.exchange = exchange;
        this.endpoint = endpoint;
        this.requestId = requestId;
        this.body = body;
        this.style = style;
        this.sleeper = sleeper;
        this.record = record;
    }

    HttpExchange exchange() {
        return exchange;
    }

    HttpRequest request() {
        return exchange.request();
    }

    Endpoint endpoint() {
        return endpoint;
    }

    String requestId() {
        return requestId;
    }

    CapturingInputStream body() {
        return body;
    }

    ErrorStyle style() {
        return style;
    }

    Optional<Fault> midStreamFault() {
        return Optional.ofNullable(midStreamFault);
    }

    void midStreamFault(final Fault fault) {
        this.midStreamFault = fault;
    }

    /** How many of a stream's {@code events} go out: all of them, or the first half when a mid-stream fault is due. */
    int eventsBeforeFault(final int events) {
        return midStreamFault == null ? events : Math.max(1, events / 2);
    }

    /**
     * For a stream cut short by {@link Fault#sseStallMidStream}: sends nothing for the fault's duration, closes the
     * connection and returns true. False for any other fault: the caller writes its error event. A request that got
     * no answer yet is recorded before the stall, like one stalled by {@link Fault#stall}, so that a client which gave
     * up finds it in the log.
     */
    boolean stalledMidStream() {
        if (midStreamFault == null || midStreamFault.kind() != Fault.Kind.SSE_STALL_MID_STREAM) {
            return false;
        }
        record.accept(0);
        sleeper.sleep(midStreamFault.duration());
        exchange.abort();
        return true;
    }

    /**
     * For an answer that does not stream, a mid-stream fault takes the whole answer: {@link Fault#sseErrorMidStream}
     * is thrown as its error, {@link Fault#sseStallMidStream} stalls and closes the connection (then true is returned
     * and the caller sends nothing).
     */
    boolean preemptedByMidStreamFault() throws ApiError {
        if (midStreamFault == null) {
            return false;
        }
        if (midStreamFault.kind() == Fault.Kind.SSE_ERROR_MID_STREAM) {
            throw midStreamFault.asError();
        }
        return stalledMidStream();
    }

    /** True when the header is present with the value {@code enable} (case-insensitive). */
    boolean enabled(final String header) {
        return request().header(header).map(value -> value.trim().equalsIgnoreCase("enable")).orElse(false);
    }

    /** The body parsed as a JSON object; 400 InvalidParameter when it is not. */
    JsonNode jsonBody() throws ApiError, IOException {
        final JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (final JsonProcessingException e) {
            throw ApiError.invalidParameter("The request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiError.invalidParameter("The request body must be a JSON object.");
        }
        return node;
    }
}
