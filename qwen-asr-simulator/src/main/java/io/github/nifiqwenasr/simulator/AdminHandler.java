/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiqwenasr.simulator.http.HttpExchange;
import io.github.nifiqwenasr.simulator.http.HttpHandler;
import io.github.nifiqwenasr.simulator.http.HttpRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code /__sim/*} on the API port, for tests in other processes; never recorded as API traffic. Errors are
 * {@code {"error": "..."}} with 400 or 404.
 */
final class AdminHandler implements HttpHandler {
    private final DashScopeSimulator simulator;

    AdminHandler(final DashScopeSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        final HttpRequest request = exchange.request();
        final List<String> segments = request.pathSegments();
        final String route = request.method() + " " + (segments.size() > 1 ? segments.get(1) : "");
        try {
            final JsonNode answer = switch (route) {
                case "GET health" -> health();
                case "GET requests" -> requests(request.queryParameters().get("endpoint"));
                case "POST reset" -> {
                    simulator.reset();
                    yield status("reset");
                }
                case "POST faults" -> enqueue(body(request));
                case "GET settings" -> SettingsJson.toJson(simulator.settings());
                case "POST settings" -> {
                    SettingsJson.apply(simulator.settings(), body(request));
                    yield SettingsJson.toJson(simulator.settings());
                }
                case "GET tasks" -> task(segments);
                case "POST files" -> hostFile(segments, request);
                case "POST remote-audio" -> registerRemote(request);
                default -> throw new NotFound("No admin route " + request.method() + " " + request.path());
            };
            exchange.respond(200, ErrorStyle.JSON, Json.MAPPER.writeValueAsBytes(answer));
        } catch (final NotFound e) {
            exchange.respond(404, ErrorStyle.JSON, error(e.getMessage()));
        } catch (final IllegalArgumentException | IOException e) {
            exchange.respond(400, ErrorStyle.JSON, error(e.getMessage()));
        }
    }

    private ObjectNode health() {
        final ObjectNode health = status("UP");
        health.put("region", simulator.settings().region().id());
        health.put("apiBaseUrl", simulator.apiBaseUrl());
        health.put("storageBaseUrl", simulator.storageBaseUrl());
        health.put("apiKey", simulator.apiKey());
        return health;
    }

    private ArrayNode requests(final String endpoint) {
        final List<RecordedRequest> recorded = endpoint == null ? simulator.requests() : simulator.requests(Endpoint.valueOf(endpoint));
        final ArrayNode list = Json.MAPPER.createArrayNode();
        for (final RecordedRequest each : recorded) {
            final ObjectNode entry = list.addObject();
            entry.put("endpoint", each.endpoint().name()).put("method", each.method()).put("path", each.path()).put("query", each.query());
            final ObjectNode headers = entry.putObject("headers");
            for (final Map.Entry<String, List<String>> header : each.headers().entrySet()) {
                header.getValue().forEach(headers.withArray(header.getKey())::add);
            }
            entry.put("bodyLength", each.bodyLength()).put("status", each.responseStatus()).put("timestamp", each.receivedAt().toString());
        }
        return list;
    }

    private ObjectNode enqueue(final JsonNode spec) {
        final Endpoint endpoint = Endpoint.valueOf(spec.path("endpoint").asText());
        final Fault base = switch (spec.path("type").asText()) {
            case "error" -> Fault.error(spec.path("status").asInt(), spec.path("code").asText(), spec.path("message").asText());
            case "rawBody" -> Fault.rawBody(spec.path("status").asInt(), spec.path("contentType").asText(null), spec.path("body").asText(""));
            case "hugeBody" -> Fault.hugeBody(spec.path("status").asInt(), spec.path("contentType").asText(null), spec.path("bytes").asLong());
            case "truncatedBody" -> Fault.truncatedBody();
            case "disconnect" -> Fault.disconnect();
            case "stall" -> Fault.stall(duration(spec));
            case "delay" -> Fault.delay(duration(spec));
            case "redirect" -> Fault.redirect(spec.path("status").asInt(), spec.path("location").asText());
            case "sseErrorMidStream" -> Fault.sseErrorMidStream(spec.path("status").asInt(), spec.path("code").asText(), spec.path("message").asText());
            case "sseStallMidStream" -> Fault.sseStallMidStream(duration(spec));
            default -> throw new IllegalArgumentException("Unknown fault type '" + spec.path("type").asText() + "'");
        };
        final Fault fault = spec.hasNonNull("retryAfter") ? base.withRetryAfter(spec.get("retryAfter").asText()) : base;
        simulator.enqueueFault(endpoint, fault);
        return status("queued " + fault + " for " + endpoint);
    }

    private ObjectNode task(final List<String> segments) throws NotFound {
        final String id = segments.size() > 2 ? segments.get(2) : "";
        final TaskView task = simulator.task(id).orElseThrow(() -> new NotFound("No task " + id));
        final ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("taskId", task.taskId()).put("model", task.model()).put("status", task.status()).put("fileUrl", task.fileUrl());
        task.channelIds().forEach(json.putArray("channelIds")::add);
        json.put("language", task.language()).put("enableWords", task.enableWords()).put("audioSeconds", task.audioSeconds());
        json.put("submitTime", text(task.submitTime())).put("scheduledTime", text(task.scheduledTime())).put("endTime", text(task.endTime()));
        json.put("code", task.code()).put("message", task.message()).put("usageSeconds", task.usageSeconds());
        json.put("transcriptionUrl", task.transcriptionUrl());
        return json;
    }

    private ObjectNode hostFile(final List<String> segments, final HttpRequest request) throws IOException {
        if (segments.size() < 3) {
            throw new IllegalArgumentException("POST /__sim/files/{name} needs a name");
        }
        final String url = simulator.hostAudio(String.join("/", segments.subList(2, segments.size())), request.body().readAllBytes());
        return status("hosted").put("url", url);
    }

    private ObjectNode registerRemote(final HttpRequest request) throws IOException {
        final String url = request.queryParameters().get("url");
        if (url == null || url.isEmpty()) {
            throw new IllegalArgumentException("POST /__sim/remote-audio needs ?url=");
        }
        simulator.registerRemoteAudio(url, request.body().readAllBytes());
        return status("registered").put("url", url);
    }

    private static Duration duration(final JsonNode spec) {
        return DurationText.parse(spec.path("duration").asText("0"));
    }

    private static JsonNode body(final HttpRequest request) throws IOException {
        return Json.MAPPER.readTree(request.body());
    }

    private static ObjectNode status(final String status) {
        return Json.MAPPER.createObjectNode().put("status", status);
    }

    private static String text(final Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static byte[] error(final String message) throws IOException {
        return Json.MAPPER.writeValueAsBytes(Json.MAPPER.createObjectNode().put("error", message));
    }

    /** An admin path or object that does not exist. */
    private static final class NotFound extends Exception {
        NotFound(final String message) {
            super(message, null, false, false);
        }
    }
}
