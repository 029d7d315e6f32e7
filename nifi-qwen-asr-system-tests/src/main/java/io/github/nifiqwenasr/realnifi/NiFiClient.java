/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.realnifi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * NiFi's REST API ({@code /nifi-api}) as the system tests and the demo use it: no authentication (the instance is
 * unsecured on 127.0.0.1). Answers are Jackson trees where NiFi's entities are large and only a few fields matter;
 * asynchronous NiFi requests (queue listings, provenance queries, parameter updates) are submitted, polled to
 * completion and deleted before a method returns.
 */
public final class NiFiClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final String apiUrl;
    private final String clientId = UUID.randomUUID().toString();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param baseUrl {@code http://127.0.0.1:<port>} */
    public NiFiClient(final String baseUrl) {
        this.apiUrl = baseUrl + "/nifi-api";
    }

    /** Whether {@code /flow/about} answers 200 right now. */
    public boolean isUp() {
        try {
            return send(request("/flow/about").GET().build()).statusCode() == 200;
        } catch (final UncheckedIOException e) {
            return false;
        }
    }

    public JsonNode about() {
        return get("/flow/about").path("about");
    }

    public String rootGroupId() {
        return get("/flow/process-groups/root").path("processGroupFlow").path("id").asText();
    }

    /** Uploads a flow definition (as exported by NiFi or shipped in examples/) as a new child group; its id. */
    public String uploadFlowDefinition(final String parentGroupId, final String groupName, final byte[] flowDefinition) {
        final Multipart form = new Multipart()
                .field("groupName", groupName)
                .field("positionX", "0")
                .field("positionY", "0")
                .field("clientId", clientId)
                .field("disconnectedNodeAcknowledged", "false")
                .file("file", "flow.json", "application/json", flowDefinition);
        final String path = "/process-groups/" + parentGroupId + "/process-groups/upload";
        final HttpRequest request = request(path)
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.build()))
                .build();
        return expectJson("POST", path, send(request)).path("id").asText();
    }

    /** The group as a flow definition, the JSON NiFi's "Download flow definition" gives. */
    public JsonNode exportFlowDefinition(final String groupId) {
        return get("/process-groups/" + groupId + "/download");
    }

    /** The group's processors, connections, funnels and child groups ({@code processGroupFlow.flow}). */
    public JsonNode groupFlow(final String groupId) {
        return get("/flow/process-groups/" + groupId).path("processGroupFlow").path("flow");
    }

    public JsonNode childGroup(final String groupId, final String name) {
        return componentNamed(groupFlow(groupId).path("processGroups"), name);
    }

    /** The processor entity named {@code name} in the group (component, status, validation). */
    public JsonNode processor(final String groupId, final String name) {
        return componentNamed(groupFlow(groupId).path("processors"), name);
    }

    /** The connection leaving the processor {@code sourceName} for {@code relationship}. */
    public String connectionId(final String groupId, final String sourceName, final String relationship) {
        return stream(groupFlow(groupId).path("connections"))
                .filter(connection -> connection.path("component").path("source").path("name").asText().equals(sourceName))
                .filter(connection -> contains(connection.path("component").path("selectedRelationships"), relationship))
                .map(connection -> connection.path("id").asText())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No connection for " + sourceName + " -> " + relationship + " in group " + groupId));
    }

    /** Sets how a (stopped) connection spreads FlowFiles over a cluster's nodes, e.g. ROUND_ROBIN or DO_NOT_LOAD_BALANCE. */
    public void setLoadBalanceStrategy(final String connectionId, final String strategy) {
        final String path = "/connections/" + connectionId;
        final ObjectNode update = Json.MAPPER.createObjectNode();
        update.set("revision", revision(get(path)));
        update.putObject("component").put("id", connectionId).put("loadBalanceStrategy", strategy);
        put(path, update);
    }

    /** Sets how many FlowFiles a connection may queue before NiFi stops its source: its back pressure object threshold. */
    public void setBackPressure(final String connectionId, final long flowFiles) {
        final String path = "/connections/" + connectionId;
        final ObjectNode update = Json.MAPPER.createObjectNode();
        update.set("revision", revision(get(path)));
        update.putObject("component").put("id", connectionId).put("backPressureObjectThreshold", flowFiles);
        put(path, update);
    }

    /** A processor's status on each node of a cluster (the last five minutes), by the node's API port. */
    public Map<Integer, JsonNode> nodewiseStatus(final String processorId) {
        final Map<Integer, JsonNode> byNode = new TreeMap<>();
        stream(get("/flow/processors/" + processorId + "/status?nodewise=true").path("processorStatus").path("nodeSnapshots"))
                .forEach(node -> byNode.put(node.path("apiPort").asInt(), node.path("statusSnapshot")));
        return byNode;
    }

    /** One count of a processor's status on each node, e.g. {@code flowFilesIn} or {@code flowFilesOut}, by API port. */
    public Map<Integer, Long> nodewiseCount(final String processorId, final String field) {
        final Map<Integer, Long> counts = new TreeMap<>();
        nodewiseStatus(processorId).forEach((port, status) -> counts.put(port, status.path(field).asLong()));
        return counts;
    }

    /** The cluster's nodes as the coordinator sees them: id, address, apiPort, status, roles. */
    public List<JsonNode> clusterNodes() {
        return stream(get("/controller/cluster").path("cluster").path("nodes")).toList();
    }

    /** Asks the coordinator to disconnect ({@code DISCONNECTING}) or reconnect ({@code CONNECTING}) a node. */
    public void setNodeStatus(final String nodeId, final String status) {
        final ObjectNode update = Json.MAPPER.createObjectNode();
        update.putObject("node").put("nodeId", nodeId).put("status", status);
        put("/controller/cluster/nodes/" + nodeId, update);
    }

    /** The group's controller services, including those of its descendant groups. */
    public List<JsonNode> controllerServices(final String groupId) {
        return stream(get("/flow/process-groups/" + groupId + "/controller-services?includeAncestorGroups=false&includeDescendantGroups=true")
                .path("controllerServices")).toList();
    }

    /** Sets properties of a (disabled) controller service; the others keep their values. */
    public void updateControllerService(final String serviceId, final Map<String, String> properties) {
        final String path = "/controller-services/" + serviceId;
        final ObjectNode update = Json.MAPPER.createObjectNode();
        update.set("revision", revision(get(path)));
        final ObjectNode component = update.putObject("component");
        component.put("id", serviceId);
        final ObjectNode values = component.putObject("properties");
        properties.forEach(values::put);
        put(path, update);
    }

    /** Sets how many tasks may run a (stopped) processor at once: its Concurrent Tasks. */
    public void setConcurrentTasks(final String processorId, final int tasks) {
        configureProcessor(processorId, Map.of("concurrentlySchedulableTaskCount", String.valueOf(tasks)), Map.of());
    }

    /**
     * Changes a (stopped) processor: {@code settings} are its scheduling settings by their REST names (e.g.
     * yieldDuration, penaltyDuration), {@code properties} its properties by name.
     */
    public void configureProcessor(final String processorId, final Map<String, String> settings, final Map<String, String> properties) {
        final String path = "/processors/" + processorId;
        final ObjectNode update = Json.MAPPER.createObjectNode();
        update.set("revision", revision(get(path)));
        final ObjectNode component = update.putObject("component");
        component.put("id", processorId);
        final ObjectNode config = component.putObject("config");
        settings.forEach(config::put);
        final ObjectNode values = config.putObject("properties");
        properties.forEach(values::put);
        put(path, update);
    }

    /** Enables every controller service of the group and waits until all are enabled (or fails with their errors). */
    public void enableControllerServices(final String groupId) {
        put("/flow/process-groups/" + groupId + "/controller-services", scheduleRequest(groupId, "ENABLED"));
        Await.until("controller services of group " + groupId + " to be enabled", () -> {
            final List<JsonNode> services = controllerServices(groupId);
            final List<String> invalid = services.stream()
                    .filter(service -> "INVALID".equals(service.path("component").path("validationStatus").asText()))
                    .map(service -> service.path("component").path("name").asText() + ": " + service.path("component").path("validationErrors"))
                    .toList();
            if (!invalid.isEmpty()) {
                throw new IllegalStateException("Controller services cannot be enabled: " + invalid);
            }
            return services.stream().allMatch(service -> "ENABLED".equals(service.path("component").path("state").asText()));
        });
    }

    /** Disables every controller service of the group (stop its processors first) and waits until all are disabled. */
    public void disableControllerServices(final String groupId) {
        put("/flow/process-groups/" + groupId + "/controller-services", scheduleRequest(groupId, "DISABLED"));
        Await.until("controller services of group " + groupId + " to be disabled", () -> controllerServices(groupId).stream()
                .allMatch(service -> "DISABLED".equals(service.path("component").path("state").asText())));
    }

    /** Starts every processor of the group (NiFi skips invalid ones: check {@link #processor} when it matters). */
    public void startGroup(final String groupId) {
        put("/flow/process-groups/" + groupId, scheduleRequest(groupId, "RUNNING"));
    }

    /** Stops every processor of the group and waits until none of them still runs a task. */
    public void stopGroup(final String groupId) {
        put("/flow/process-groups/" + groupId, scheduleRequest(groupId, "STOPPED"));
        Await.until("processors of group " + groupId + " to finish their tasks", () ->
                get("/flow/process-groups/" + groupId + "/status").path("processGroupStatus").path("aggregateSnapshot")
                        .path("activeThreadCount").asInt() == 0);
    }

    /** The id of the group's parameter context. */
    public String parameterContextId(final String groupId) {
        return get("/process-groups/" + groupId).path("component").path("parameterContext").path("id").asText();
    }

    /** Sets parameter values (adding the parameters that do not exist yet) and waits until NiFi applied them. */
    public void setParameters(final String contextId, final List<Parameter> parameters) {
        final JsonNode context = get("/parameter-contexts/" + contextId);
        final ObjectNode update = Json.MAPPER.createObjectNode();
        update.set("revision", revision(context));
        update.put("id", contextId);
        final ObjectNode component = update.putObject("component");
        component.put("id", contextId);
        final ArrayNode entries = component.putArray("parameters");
        for (final Parameter parameter : parameters) {
            entries.addObject().putObject("parameter")
                    .put("name", parameter.name())
                    .put("value", parameter.value())
                    .put("sensitive", parameter.sensitive());
        }
        final String requests = "/parameter-contexts/" + contextId + "/update-requests";
        final JsonNode submitted = post(requests, update).path("request");
        final String requestPath = requests + "/" + submitted.path("requestId").asText();
        try {
            Await.until("parameter context " + contextId + " to be updated", () -> {
                final JsonNode state = get(requestPath).path("request");
                if (!state.path("failureReason").isMissingNode() && !state.path("failureReason").isNull()) {
                    throw new IllegalStateException("Updating parameters failed: " + state.path("failureReason").asText());
                }
                return state.path("complete").asBoolean();
            });
        } finally {
            delete(requestPath);
        }
    }

    public QueueSize queueSize(final String connectionId) {
        final JsonNode snapshot = get("/flow/connections/" + connectionId + "/status")
                .path("connectionStatus").path("aggregateSnapshot");
        return new QueueSize(snapshot.path("flowFilesQueued").asInt(), snapshot.path("bytesQueued").asLong());
    }

    /** The FlowFiles queued in a connection (NiFi lists at most the first 100), with their attributes. */
    public List<QueuedFlowFile> listQueue(final String connectionId) {
        final String listings = "/flowfile-queues/" + connectionId + "/listing-requests";
        final String listingPath = listings + "/" + post(listings, Json.MAPPER.createObjectNode()).path("listingRequest").path("id").asText();
        try {
            Await.until("listing of queue " + connectionId, () -> get(listingPath).path("listingRequest").path("finished").asBoolean());
            final List<QueuedFlowFile> flowFiles = new ArrayList<>();
            for (final JsonNode summary : get(listingPath).path("listingRequest").path("flowFileSummaries")) {
                final String uuid = summary.path("uuid").asText();
                final JsonNode flowFile = get("/flowfile-queues/" + connectionId + "/flowfiles/" + uuid).path("flowFile");
                final Map<String, String> attributes = new LinkedHashMap<>();
                flowFile.path("attributes").properties().forEach(entry -> attributes.put(entry.getKey(), entry.getValue().asText(null)));
                flowFiles.add(new QueuedFlowFile(uuid, flowFile.path("size").asLong(), attributes));
            }
            return flowFiles;
        } finally {
            delete(listingPath);
        }
    }

    public byte[] content(final String connectionId, final String flowFileUuid) {
        final String path = "/flowfile-queues/" + connectionId + "/flowfiles/" + flowFileUuid + "/content";
        final HttpResponse<byte[]> response = send(request(path).GET().build());
        if (response.statusCode() != 200) {
            throw new NiFiRestException("GET", path, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    /**
     * Provenance events matching every search term (searchable fields such as {@code ProcessorID}, {@code EventType},
     * {@code FlowFileUUID}, {@code Filename}, or indexed attributes), newest first, as NiFi's event summaries.
     */
    public List<JsonNode> searchProvenance(final Map<String, String> searchTerms) {
        final ObjectNode body = Json.MAPPER.createObjectNode();
        final ObjectNode request = body.putObject("provenance").putObject("request");
        request.put("maxResults", 1000).put("summarize", true).put("incrementalResults", false);
        final ObjectNode terms = request.putObject("searchTerms");
        searchTerms.forEach((field, value) -> terms.putObject(field).put("value", value).put("inverse", false));
        final String queryPath = "/provenance/" + post("/provenance", body).path("provenance").path("id").asText();
        try {
            Await.until("provenance query", () -> get(queryPath).path("provenance").path("finished").asBoolean());
            return stream(get(queryPath).path("provenance").path("results").path("provenanceEvents")).toList();
        } finally {
            delete(queryPath);
        }
    }

    /** One provenance event in full (attributes before and after, content claims). */
    public JsonNode provenanceEvent(final String eventId) {
        return get("/provenance-events/" + eventId).path("provenanceEvent");
    }

    public List<Bulletin> bulletins() {
        return stream(get("/flow/bulletin-board").path("bulletinBoard").path("bulletins"))
                .map(entity -> entity.path("bulletin"))
                .map(bulletin -> new Bulletin(bulletin.path("sourceId").asText(), bulletin.path("sourceName").asText(),
                        bulletin.path("level").asText(), bulletin.path("message").asText()))
                .toList();
    }

    /** The generated documentation of a processor type: properties, relationships, use cases, attributes. */
    public JsonNode processorDefinition(final String group, final String artifact, final String version, final String type) {
        return get("/flow/processor-definition/" + group + "/" + artifact + "/" + version + "/" + type);
    }

    /** The additionalDetails.md a bundle ships for a component type (Markdown). */
    public String additionalDetails(final String group, final String artifact, final String version, final String type) {
        return get("/flow/additional-details/" + group + "/" + artifact + "/" + version + "/" + type).path("additionalDetails").asText();
    }

    /** The processor types NiFi has loaded from a bundle (fully qualified class names). */
    public List<String> processorTypes(final String bundleGroup, final String bundleArtifact) {
        return stream(get("/flow/processor-types?bundleGroupFilter=" + bundleGroup + "&bundleArtifactFilter=" + bundleArtifact)
                .path("processorTypes"))
                .map(type -> type.path("type").asText())
                .sorted()
                .toList();
    }

    /** The bundles NiFi has loaded, as {@code group:artifact:version}. */
    public List<String> bundles() {
        return stream(get("/flow/runtime-manifest").path("runtimeManifest").path("bundles"))
                .map(bundle -> bundle.path("group").asText() + ":" + bundle.path("artifact").asText() + ":" + bundle.path("version").asText())
                .toList();
    }

    public JsonNode get(final String path) {
        return expectJson("GET", path, send(request(path).GET().build()));
    }

    private JsonNode post(final String path, final JsonNode body) {
        return expectJson("POST", path, send(jsonRequest(path).POST(publisher(body)).build()));
    }

    private JsonNode put(final String path, final JsonNode body) {
        return expectJson("PUT", path, send(jsonRequest(path).PUT(publisher(body)).build()));
    }

    private void delete(final String path) {
        final String separator = path.contains("?") ? "&" : "?";
        final String withClient = path + separator + "clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8);
        final HttpResponse<byte[]> response = send(request(withClient).DELETE().build());
        if (response.statusCode() != 200) {
            throw new NiFiRestException("DELETE", path, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    private ObjectNode scheduleRequest(final String groupId, final String state) {
        return Json.MAPPER.createObjectNode()
                .put("id", groupId)
                .put("state", state)
                .put("disconnectedNodeAcknowledged", false);
    }

    private ObjectNode revision(final JsonNode entity) {
        return Json.MAPPER.createObjectNode()
                .put("version", entity.path("revision").path("version").asLong())
                .put("clientId", clientId);
    }

    private HttpRequest.Builder request(final String path) {
        return HttpRequest.newBuilder(URI.create(apiUrl + path)).timeout(REQUEST_TIMEOUT);
    }

    private HttpRequest.Builder jsonRequest(final String path) {
        return request(path).header("Content-Type", "application/json");
    }

    private static HttpRequest.BodyPublisher publisher(final JsonNode body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body));
        } catch (final JsonProcessingException e) {
            throw new IllegalArgumentException("Not serializable: " + body, e);
        }
    }

    private HttpResponse<byte[]> send(final HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (final IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    private static JsonNode expectJson(final String method, final String path, final HttpResponse<byte[]> response) {
        final String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() / 100 != 2) {
            throw new NiFiRestException(method, path, response.statusCode(), body);
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(method + " " + path + " did not answer JSON: " + body, e);
        }
    }

    private static JsonNode componentNamed(final JsonNode entities, final String name) {
        return stream(entities)
                .filter(entity -> entity.path("component").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No component named " + name));
    }

    private static boolean contains(final JsonNode array, final String value) {
        return stream(array).anyMatch(element -> element.asText().equals(value));
    }

    private static Stream<JsonNode> stream(final JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    /** A multipart/form-data body, built in memory (flow definitions are small). */
    private static final class Multipart {

        private final String boundary = "----nifiqwenasr" + UUID.randomUUID().toString().replace("-", "");
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Multipart field(final String name, final String value) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        Multipart file(final String name, final String fileName, final String contentType, final byte[] content) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
            body.writeBytes(content);
            write("\r\n");
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        byte[] build() {
            write("--" + boundary + "--\r\n");
            return body.toByteArray();
        }

        private void write(final String text) {
            body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
