/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.service;

import io.github.nifiqwenasr.api.ApiProtocol;
import io.github.nifiqwenasr.api.QwenAsrClient;
import io.github.nifiqwenasr.testing.Logs;
import io.github.nifiqwenasr.testing.TrustingSslContextService;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.proxy.ProxyConfiguration;
import org.apache.nifi.proxy.ProxyConfigurationService;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandardQwenAsrClientServiceTest {

    private static final String KEY = "sk-service-test-secret";
    private static final String UNKNOWN_TASK = "{\"request_id\":\"r\",\"output\":{\"task_id\":\"x\",\"task_status\":\"UNKNOWN\"}}";

    private MockWebServer server;
    private TestRunner runner;
    private StandardQwenAsrClientService service;

    @BeforeEach
    void setUp() throws Exception {
        server = new MockWebServer();
        server.start();
        runner = TestRunners.newTestRunner(NoOpProcessor.class);
        service = new StandardQwenAsrClientService();
        runner.addControllerService("asr", service);
        runner.setProperty(service, StandardQwenAsrClientService.API_KEY, KEY);
        runner.setProperty(service, StandardQwenAsrClientService.ENDPOINT_OVERRIDE, server.url("/").toString());
        runner.setProperty(service, StandardQwenAsrClientService.READ_TIMEOUT, "2 secs");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void defaultsAreValidOnceTheKeyIsSet() {
        runner.removeProperty(service, StandardQwenAsrClientService.ENDPOINT_OVERRIDE);
        runner.assertValid(service);
        runner.enableControllerService(service);
        assertEquals("https://dashscope-intl.aliyuncs.com/", service.getClient().baseUrl().toString());
    }

    @Test
    void aStandaloneNodeHasTheWholeQuotaAndUsesNoClusterState() {
        runner.setProperty(service, StandardQwenAsrClientService.REQUESTS_PER_MINUTE, "120");
        runner.setProperty(service, StandardQwenAsrClientService.TASK_QUERIES_PER_SECOND, "7");
        runner.enableControllerService(service);
        assertTrue(service.clusterQuota().isEmpty());
        assertEquals(2.0, service.getClient().modelCallLimiter().permitsPerSecond(), 1e-9);
        assertEquals(7.0, service.getClient().taskQueryLimiter().permitsPerSecond(), 1e-9);
        runner.getStateManager(service).assertStateNotSet(Scope.CLUSTER);
    }

    @Test
    void endpointOverrideMustBeHttpsUnlessLoopback() {
        for (final String bad : List.of("http://gateway.example.com", "http://10.1.2.3:8080", "not a url",
                "ftp://127.0.0.1/", "https://host/path?x=1", "https://user:pw@host/")) {
            runner.setProperty(service, StandardQwenAsrClientService.ENDPOINT_OVERRIDE, bad);
            runner.assertNotValid(service);
        }
        for (final String good : List.of("https://gateway.example.com/dashscope", "http://127.0.0.1:8080", "http://localhost:1/x")) {
            runner.setProperty(service, StandardQwenAsrClientService.ENDPOINT_OVERRIDE, good);
            runner.assertValid(service);
        }
        final String explanation = StandardQwenAsrClientService.checkEndpointOverride("http://gateway.example.com").orElseThrow();
        assertTrue(explanation.contains("loopback"));
    }

    @Test
    void theDashScopeProtocolsNeedTheKey() {
        runner.removeProperty(service, StandardQwenAsrClientService.API_KEY);
        for (final ApiProtocol protocol : List.of(ApiProtocol.DASHSCOPE_NATIVE, ApiProtocol.DASHSCOPE_COMPATIBLE)) {
            runner.setProperty(service, StandardQwenAsrClientService.API_PROTOCOL, protocol.getValue());
            runner.assertNotValid(service);
            assertTrue(runner.validate(service).toString().contains("need the Model Studio API key"));
        }
    }

    @Test
    void theUsRegionHasNoCompatibleMode() {
        runner.setProperty(service, StandardQwenAsrClientService.REGION, "us-east-1");
        runner.setProperty(service, StandardQwenAsrClientService.API_PROTOCOL, ApiProtocol.DASHSCOPE_COMPATIBLE.getValue());
        runner.assertNotValid(service);
        assertTrue(runner.validate(service).toString().contains("does not offer the OpenAI-compatible mode"));
        runner.setProperty(service, StandardQwenAsrClientService.API_PROTOCOL, ApiProtocol.DASHSCOPE_NATIVE.getValue());
        runner.assertValid(service);
    }

    @Test
    void selfHostedProtocolsNeedTheServerUrlAndKeepKeysOffPlainHttp() {
        runner.setProperty(service, StandardQwenAsrClientService.API_PROTOCOL, ApiProtocol.OPENAI_AUDIO_TRANSCRIPTIONS.getValue());
        runner.removeProperty(service, StandardQwenAsrClientService.ENDPOINT_OVERRIDE);
        runner.assertNotValid(service);

        runner.removeProperty(service, StandardQwenAsrClientService.API_KEY);
        for (final String good : List.of("http://10.1.2.3:8000", "http://asr-server:8000", "http://[fd12::1]:8000",
                "https://asr.example.com", "http://127.0.0.1:8000/gateway")) {
            runner.setProperty(service, StandardQwenAsrClientService.ENDPOINT_OVERRIDE, good);
            runner.assertValid(service);
        }
        for (final String bad : List.of("http://203.0.113.7:8000", "http://10.1.2.3:8000/v1", "https://asr.example.com/v1/",
                "ftp://10.1.2.3/")) {
            runner.setProperty(service, StandardQwenAsrClientService.ENDPOINT_OVERRIDE, bad);
            runner.assertNotValid(service);
        }

        runner.setProperty(service, StandardQwenAsrClientService.API_KEY, KEY);
        runner.setProperty(service, StandardQwenAsrClientService.ENDPOINT_OVERRIDE, "http://10.1.2.3:8000");
        runner.assertNotValid(service);
        assertTrue(runner.validate(service).toString().contains("the key would travel unencrypted"));
        for (final String good : List.of("https://asr.example.com", "http://localhost:8000")) {
            runner.setProperty(service, StandardQwenAsrClientService.ENDPOINT_OVERRIDE, good);
            runner.assertValid(service);
        }
    }

    @Test
    void verifyOfASelfHostedServerListsItsModels() throws Exception {
        runner.setProperty(service, StandardQwenAsrClientService.API_PROTOCOL, ApiProtocol.OPENAI_CHAT_COMPLETIONS.getValue());
        runner.removeProperty(service, StandardQwenAsrClientService.API_KEY);
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"object\":\"list\",\"data\":[{\"id\":\"qwen3-asr-flash\",\"object\":\"model\"}]}").build());
        server.enqueue(new MockResponse.Builder().code(401).body("{\"error\":\"Unauthorized\"}").build());

        final ConfigVerificationResult listed = runner.verify(service, Map.of()).getFirst();
        assertEquals(Outcome.SUCCESSFUL, listed.getOutcome(), listed.getExplanation());
        assertTrue(listed.getExplanation().contains("qwen3-asr-flash"));
        final RecordedRequest probe = server.takeRequest();
        assertEquals("/v1/models", probe.getUrl().encodedPath());
        assertNull(probe.getHeaders().get("Authorization"));

        final ConfigVerificationResult refused = runner.verify(service, Map.of()).getFirst();
        assertEquals(Outcome.FAILED, refused.getOutcome());
        assertTrue(refused.getExplanation().contains("vllm serve --api-key"), refused.getExplanation());
    }

    @Test
    void apiKeyMustBePrintableWithoutSpacesAndIsNeverEchoed() {
        runner.setProperty(service, StandardQwenAsrClientService.API_KEY, "sk-abc def");
        runner.assertNotValid(service);
        final String explanations = runner.validate(service).toString();
        assertFalse(explanations.contains("sk-abc"));
    }

    @Test
    void regionSelectsTheBaseUrl() {
        runner.removeProperty(service, StandardQwenAsrClientService.ENDPOINT_OVERRIDE);
        runner.setProperty(service, StandardQwenAsrClientService.REGION, "cn-beijing");
        runner.enableControllerService(service);
        assertEquals("https://dashscope.aliyuncs.com/", service.getClient().baseUrl().toString());
        runner.disableControllerService(service);
        runner.setProperty(service, StandardQwenAsrClientService.REGION, "us-east-1");
        runner.enableControllerService(service);
        assertEquals("https://dashscope-us.aliyuncs.com/", service.getClient().baseUrl().toString());
    }

    @Test
    void oneClientIsSharedWhileEnabledAndGoneWhenDisabled() {
        runner.enableControllerService(service);
        final QwenAsrClient client = service.getClient();
        assertSame(client, service.getClient());
        assertSame(client.modelCallLimiter(), service.getClient().modelCallLimiter());
        runner.disableControllerService(service);
        assertThrows(IllegalStateException.class, service::getClient);
    }

    @Test
    void verifySucceedsWhenTheKeyIsAccepted() throws Exception {
        server.enqueue(json(200, UNKNOWN_TASK));
        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertEquals(1, results.size());
        assertEquals(Outcome.SUCCESSFUL, results.getFirst().getOutcome(), results.toString());
        final RecordedRequest probe = server.takeRequest();
        assertEquals("GET", probe.getMethod());
        assertTrue(probe.getUrl().encodedPath().startsWith("/api/v1/tasks/"));
        assertEquals("Bearer " + KEY, probe.getHeaders().get("Authorization"));
    }

    @Test
    void verifyExplainsARejectedKeyWithoutShowingIt() {
        server.enqueue(json(401, "{\"request_id\":\"r\",\"code\":\"InvalidApiKey\",\"message\":\"Invalid API-key provided.\"}"));
        final ConfigVerificationResult result = runner.verify(service, Map.of()).getFirst();
        assertEquals(Outcome.FAILED, result.getOutcome());
        assertTrue(result.getExplanation().contains("rejected the API key"));
        assertTrue(result.getExplanation().contains("Singapore (ap-southeast-1)"));
        assertFalse(result.getExplanation().contains(KEY));
        assertFalse(allLogs().contains(KEY));
    }

    @Test
    void verifyExplainsAnUnreachableEndpoint() throws IOException {
        final MockWebServer closed = new MockWebServer();
        closed.start();
        final String url = closed.url("/").toString();
        closed.close();
        runner.setProperty(service, StandardQwenAsrClientService.ENDPOINT_OVERRIDE, url);
        final ConfigVerificationResult result = runner.verify(service, Map.of()).getFirst();
        assertEquals(Outcome.FAILED, result.getOutcome());
        assertTrue(result.getExplanation().startsWith("Could not reach"), result.getExplanation());
    }

    @Test
    void aSocksProxyWithCredentialsIsRefusedWhenConfiguredNotIgnoredOnTheWire() throws InitializationException {
        // OkHttp cannot authenticate to a SOCKS proxy per client, so the service does not offer it (NiFi's proxy spec).
        final ProxyService socks = new ProxyService(1080, "proxy-user", "proxy-pass");
        socks.getConfiguration().setProxyType(Proxy.Type.SOCKS);
        runner.addControllerService("socks", socks);
        runner.enableControllerService(socks);
        runner.setProperty(service, StandardQwenAsrClientService.PROXY_CONFIGURATION_SERVICE, "socks");
        runner.assertNotValid(service);
        socks.getConfiguration().setProxyUserName(null);
        socks.getConfiguration().setProxyUserPassword(null);
        runner.assertValid(service);
    }

    @Test
    void theCallTimeoutCannotBeShorterThanOneWaitForTheAnswer() {
        runner.setProperty(service, StandardQwenAsrClientService.READ_TIMEOUT, "2 mins");
        runner.setProperty(service, StandardQwenAsrClientService.CALL_TIMEOUT, "1 min");
        runner.assertNotValid(service);
        runner.setProperty(service, StandardQwenAsrClientService.CALL_TIMEOUT, "2 mins");
        runner.assertValid(service);
    }

    @Test
    void callsGoThroughTheHttpProxyWithItsCredentials() throws Exception {
        final MockWebServer proxy = new MockWebServer();
        proxy.start();
        try {
            final ProxyService proxyService = new ProxyService(proxy.getPort(), "proxy-user", "proxy-pass");
            runner.addControllerService("proxy", proxyService);
            runner.enableControllerService(proxyService);
            runner.setProperty(service, StandardQwenAsrClientService.PROXY_CONFIGURATION_SERVICE, "proxy");
            runner.setProperty(service, StandardQwenAsrClientService.ENDPOINT_OVERRIDE, "http://127.0.0.1:9/");
            proxy.enqueue(new MockResponse.Builder().code(407).addHeader("Proxy-Authenticate", "Basic realm=\"p\"").build());
            proxy.enqueue(json(200, UNKNOWN_TASK));

            final ConfigVerificationResult result = runner.verify(service, Map.of()).getFirst();

            assertEquals(Outcome.SUCCESSFUL, result.getOutcome(), result.getExplanation());
            assertNull(proxy.takeRequest().getHeaders().get("Proxy-Authorization"));
            final RecordedRequest authenticated = proxy.takeRequest();
            assertTrue(authenticated.getRequestLine().startsWith("GET http://127.0.0.1:9/api/v1/tasks/"), authenticated.getRequestLine());
            assertEquals(Credentials.basic("proxy-user", "proxy-pass"), authenticated.getHeaders().get("Proxy-Authorization"));
            assertEquals(0, server.getRequestCount());
        } finally {
            proxy.close();
        }
    }

    @Test
    void httpsTrustComesFromTheSslContextService() throws Exception {
        final String localhost = InetAddress.getByName("localhost").getCanonicalHostName();
        final HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName(localhost).build();
        final HandshakeCertificates serverCertificates = new HandshakeCertificates.Builder().heldCertificate(certificate).build();
        final MockWebServer https = new MockWebServer();
        https.useHttps(serverCertificates.sslSocketFactory());
        https.start();
        try {
            runner.setProperty(service, StandardQwenAsrClientService.ENDPOINT_OVERRIDE, https.url("/").toString());
            https.enqueue(json(200, UNKNOWN_TASK));
            assertEquals(Outcome.FAILED, runner.verify(service, Map.of()).getFirst().getOutcome(), "untrusted certificate");

            final HandshakeCertificates clientTrust = new HandshakeCertificates.Builder()
                    .addTrustedCertificate(certificate.certificate()).build();
            final TrustingSslContextService sslService = new TrustingSslContextService(clientTrust);
            runner.addControllerService("ssl", sslService);
            runner.enableControllerService(sslService);
            runner.setProperty(service, StandardQwenAsrClientService.SSL_CONTEXT_SERVICE, "ssl");
            https.enqueue(json(200, UNKNOWN_TASK));
            final ConfigVerificationResult trusted = runner.verify(service, Map.of()).getFirst();
            assertEquals(Outcome.SUCCESSFUL, trusted.getOutcome(), trusted.getExplanation());
        } finally {
            https.close();
        }
    }

    private String allLogs() {
        return Logs.render(runner.getLogger(), runner.getControllerServiceLogger("asr"));
    }

    private static MockResponse json(final int code, final String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static final class ProxyService extends AbstractControllerService implements ProxyConfigurationService {
        private final ProxyConfiguration configuration = new ProxyConfiguration();

        ProxyService(final int port, final String user, final String password) {
            configuration.setProxyType(Proxy.Type.HTTP);
            configuration.setProxyServerHost("127.0.0.1");
            configuration.setProxyServerPort(port);
            configuration.setProxyUserName(user);
            configuration.setProxyUserPassword(password);
        }

        @Override
        public ProxyConfiguration getConfiguration() {
            return configuration;
        }
    }
}
