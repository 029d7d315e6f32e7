/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.service;

import io.github.nifiqwenasr.api.ApiProtocol;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.QwenAsrClient;
import io.github.nifiqwenasr.api.QwenAsrClientService;
import io.github.nifiqwenasr.api.Region;
import io.github.nifiqwenasr.api.RequestRateLimiter;
import io.github.nifiqwenasr.client.HttpQwenAsrClient;
import io.github.nifiqwenasr.client.Urls;
import io.github.nifiqwenasr.quota.ClusterQuota;
import io.github.nifiqwenasr.quota.QuotaClock;
import io.github.nifiqwenasr.quota.QuotaEvents;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnDisabled;
import org.apache.nifi.annotation.lifecycle.OnEnabled;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.controller.NodeTypeProvider;
import org.apache.nifi.controller.VerifiableControllerService;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.proxy.ProxyConfiguration;
import org.apache.nifi.proxy.ProxyConfigurationService;
import org.apache.nifi.proxy.ProxySpec;
import org.apache.nifi.ssl.SSLContextProvider;

import javax.net.ssl.SSLContext;
import java.net.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

@Tags({"qwen", "asr", "speech", "transcription", "dashscope", "alibaba", "model studio", "vllm", "openai", "self-hosted"})
@CapabilityDescription("Connects the Qwen ASR processors to Qwen3-ASR: Alibaba Cloud Model Studio (DashScope, native or"
        + " OpenAI-compatible API) or a self-hosted Qwen3-ASR model behind vLLM's OpenAI-compatible server. Holds the"
        + " API protocol, region, API key, endpoint, timeouts, proxy and TLS, one HTTP connection pool and one"
        + " client-side rate limiter shared by every processor that uses the service, so that together they stay"
        + " within the account's request quota; in a NiFi cluster the nodes share the quota through cluster state.")
@Stateful(scopes = Scope.CLUSTER, description = "In a NiFi cluster, each node's demand on the account's quotas (one"
        + " small entry per node, written every 10 seconds or when its demand changes), from which every node computes"
        + " its share of Requests Per Minute and Task Queries Per Second. Clearing it is harmless: the nodes write their"
        + " entries again within seconds. Not used on a standalone NiFi.")
public class StandardQwenAsrClientService extends AbstractControllerService implements QwenAsrClientService, VerifiableControllerService {

    static final PropertyDescriptor API_PROTOCOL = new PropertyDescriptor.Builder()
            .name("API Protocol")
            .description("The API the endpoint speaks. The DashScope protocols call Model Studio (the Region's endpoint"
                    + " or the Endpoint Override URL); the OpenAI protocols call a self-hosted Qwen3-ASR server (for"
                    + " example vLLM) at the Endpoint Override URL. Long audio (SubmitAsrTask, PollAsrTask) needs"
                    + " DashScope native.")
            .required(true)
            .allowableValues(ApiProtocol.class)
            .defaultValue(ApiProtocol.DASHSCOPE_NATIVE)
            .build();

    static final PropertyDescriptor REGION = new PropertyDescriptor.Builder()
            .name("Region")
            .description("The Model Studio region whose endpoint is called. API keys are region-specific: use a key"
                    + " created in this region. The US region offers short audio only, with the native protocol only."
                    + " Not used by the self-hosted protocols.")
            .required(true)
            .allowableValues(Region.class)
            .defaultValue(Region.SINGAPORE)
            .build();

    static final PropertyDescriptor API_KEY = new PropertyDescriptor.Builder()
            .name("API Key")
            .description("The Model Studio (DashScope) API key, sent as a Bearer token to the endpoint only. Required"
                    + " for the DashScope protocols. For a self-hosted server, the key it was started with (vllm serve"
                    + " --api-key), or empty when it needs none; a key is never sent over plain http except to loopback.")
            .required(false)
            .sensitive(true)
            .addValidator(new ApiKeyValidator())
            .build();

    static final PropertyDescriptor ENDPOINT_OVERRIDE = new PropertyDescriptor.Builder()
            .name("Endpoint Override URL")
            .description("Replaces the region's endpoint: scheme, host, port and an optional path prefix, for example an"
                    + " API gateway, a private endpoint or a local simulator. The self-hosted protocols need it: the"
                    + " server's root URL, without /v1 (e.g. http://asr.internal:8000). Plain http:// is accepted for"
                    + " loopback hosts, and for a self-hosted server on a private network when API Key is empty, so that"
                    + " a key never travels unencrypted.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor REQUESTS_PER_MINUTE = new PropertyDescriptor.Builder()
            .name("Requests Per Minute")
            .description("The account's quota of recognitions and task submissions per minute, which every processor"
                    + " using this service shares. In a NiFi cluster it is the whole cluster's budget: the nodes split it"
                    + " by their demand (an idle node keeps 1%), so set the account's quota, not a per-node value. The"
                    + " service allows 100 per minute per model.")
            .required(true)
            .defaultValue("100")
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .build();

    static final PropertyDescriptor TASK_QUERIES_PER_SECOND = new PropertyDescriptor.Builder()
            .name("Task Queries Per Second")
            .description("The account's quota of task status queries per second, shared by every PollAsrTask using"
                    + " this service; in a NiFi cluster, by all nodes together, like Requests Per Minute. The service"
                    + " allows 20 per second per account.")
            .required(true)
            .defaultValue("20")
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .build();

    static final PropertyDescriptor CONNECT_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Connect Timeout")
            .description("How long to wait for a connection to the endpoint.")
            .required(true)
            .defaultValue("10 secs")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    static final PropertyDescriptor READ_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Read Timeout")
            .description("How long to wait for an answer (and between the bytes of an answer). A synchronous recognition"
                    + " of 5 minutes of audio can take a while: keep this well above a minute.")
            .required(true)
            .defaultValue("5 mins")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    static final PropertyDescriptor CALL_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Call Timeout")
            .description("The longest one API call may take from start to end: connecting, sending, waiting for and"
                    + " reading the whole answer, streamed or not. A server that trickles its answer cannot hold a NiFi"
                    + " thread longer than this. Uploads to the temporary storage and transcript downloads, which can be"
                    + " large, are bounded by the Read Timeout between their bytes instead. At least the Read Timeout.")
            .required(true)
            .defaultValue("10 mins")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    /** What OkHttp can do per client: HTTP proxies with or without basic authentication, SOCKS without. */
    private static final ProxySpec[] PROXY_SPECS = {ProxySpec.HTTP, ProxySpec.HTTP_AUTH, ProxySpec.SOCKS};

    /** NiFi's own proxy property (its name is the one of the NiFi version that runs the bundle). */
    static final PropertyDescriptor PROXY_CONFIGURATION_SERVICE = ProxyConfiguration.createProxyConfigPropertyDescriptor(PROXY_SPECS);

    /** The name this bundle gave the proxy property before it used NiFi's descriptor. */
    private static final String OLD_PROXY_PROPERTY = "Proxy Configuration Service";

    static final PropertyDescriptor SSL_CONTEXT_SERVICE = new PropertyDescriptor.Builder()
            .name("SSL Context Service")
            .description("TLS trust (and client keys, if any) for https connections, for example a corporate CA in front"
                    + " of the endpoint. Without it the JVM's default trust store is used.")
            .required(false)
            .identifiesControllerService(SSLContextProvider.class)
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(API_PROTOCOL, REGION, API_KEY, ENDPOINT_OVERRIDE,
            REQUESTS_PER_MINUTE, TASK_QUERIES_PER_SECOND, CONNECT_TIMEOUT, READ_TIMEOUT, CALL_TIMEOUT, PROXY_CONFIGURATION_SERVICE,
            SSL_CONTEXT_SERVICE);

    private static final int MAX_IDLE_CONNECTIONS = 32;
    private static final Duration KEEP_ALIVE = Duration.ofMinutes(5);

    private volatile OkHttpClient httpClient;
    private volatile QwenAsrClient client;
    private volatile ScheduledExecutorService quotaTicker;
    private volatile ClusterQuota clusterQuota;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        ProxyConfiguration.validateProxySpec(context, results, PROXY_SPECS);
        if (context.getProperty(CALL_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS)
                < context.getProperty(READ_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS)) {
            results.add(invalid(CALL_TIMEOUT, context.getProperty(CALL_TIMEOUT).getValue(), "a call takes at least one"
                    + " wait for its answer, so the Call Timeout must be at least the Read Timeout ("
                    + context.getProperty(READ_TIMEOUT).getValue() + ")"));
        }
        final ApiProtocol protocol = ApiProtocol.fromValue(context.getProperty(API_PROTOCOL).getValue());
        final boolean hasKey = context.getProperty(API_KEY).isSet();
        final String override = context.getProperty(ENDPOINT_OVERRIDE).evaluateAttributeExpressions().getValue();
        if (protocol.isSelfHosted()) {
            final Optional<String> problem = override == null
                    ? Optional.of("the self-hosted protocols have no default endpoint: give the server's URL, e.g."
                            + " http://asr.internal:8000")
                    : checkSelfHostedEndpoint(override, hasKey);
            problem.ifPresent(explanation -> results.add(invalid(ENDPOINT_OVERRIDE, override, explanation)));
            return results;
        }
        if (!hasKey) {
            results.add(invalid(API_KEY, null, "the DashScope protocols need the Model Studio API key; only a"
                    + " self-hosted server may do without one"));
        }
        if (protocol == ApiProtocol.DASHSCOPE_COMPATIBLE
                && Region.fromValue(context.getProperty(REGION).getValue()) == Region.US_VIRGINIA) {
            results.add(invalid(API_PROTOCOL, protocol.getValue(), "the US region (us-east-1) does not offer the"
                    + " OpenAI-compatible mode; use " + ApiProtocol.DASHSCOPE_NATIVE.getDisplayName() + " there"));
        }
        if (override != null) {
            checkEndpointOverride(override).ifPresent(problem -> results.add(invalid(ENDPOINT_OVERRIDE, override, problem)));
        }
        return results;
    }

    private static ValidationResult invalid(final PropertyDescriptor property, final String input, final String explanation) {
        return new ValidationResult.Builder().subject(property.getName()).input(input).valid(false).explanation(explanation).build();
    }

    @OnEnabled
    public void onEnabled(final ConfigurationContext context) {
        final double modelCallQuota = context.getProperty(REQUESTS_PER_MINUTE).asInteger() / 60.0;
        final double taskQueryQuota = context.getProperty(TASK_QUERIES_PER_SECOND).asInteger();
        final RequestRateLimiter modelCalls = new RequestRateLimiter(modelCallQuota);
        final RequestRateLimiter taskQueries = new RequestRateLimiter(taskQueryQuota);
        httpClient = buildHttpClient(context);
        client = buildClient(context, httpClient, modelCalls, taskQueries);
        final NodeTypeProvider nodeType = getNodeTypeProvider();
        if (nodeType != null && (nodeType.isConfiguredForClustering() || nodeType.isClustered())) {
            startClusterQuota(nodeType, modelCalls, modelCallQuota, taskQueries, taskQueryQuota);
        }
    }

    /**
     * In a cluster, the limiters hold this node's share of the quotas, which a ticker recomputes every second from
     * the cluster state ({@link ClusterQuota}); the node starts at the floor and grows as the others make room.
     */
    private void startClusterQuota(final NodeTypeProvider nodeType, final RequestRateLimiter modelCalls, final double modelCallQuota,
                                   final RequestRateLimiter taskQueries, final double taskQueryQuota) {
        final ClusterQuota quota = new ClusterQuota(UUID.randomUUID().toString(), new ClusterStateQuotaState(getStateManager()),
                modelCalls, modelCallQuota, taskQueries, taskQueryQuota, nodeType::isConnected, QuotaClock.system(),
                new LoggedQuotaEvents(getLogger()));
        final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "Qwen ASR cluster quota " + getIdentifier());
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(() -> tickSafely(quota), 0, ClusterQuota.TICK_MILLIS, TimeUnit.MILLISECONDS);
        clusterQuota = quota;
        quotaTicker = ticker;
    }

    private void tickSafely(final ClusterQuota quota) {
        try {
            quota.tick();
        } catch (final RuntimeException e) {
            getLogger().error("Cluster quota round failed; this node keeps its current share", e);
        }
    }

    @OnDisabled
    public void onDisabled() {
        final ScheduledExecutorService ticker = quotaTicker;
        final ClusterQuota quota = clusterQuota;
        quotaTicker = null;
        clusterQuota = null;
        if (ticker != null) {
            ticker.shutdownNow();
            awaitTermination(ticker);
            quota.leave();
        }
        final OkHttpClient closing = httpClient;
        client = null;
        httpClient = null;
        if (closing != null) {
            closing.dispatcher().executorService().shutdown();
            closing.connectionPool().evictAll();
        }
    }

    private void awaitTermination(final ScheduledExecutorService ticker) {
        try {
            if (!ticker.awaitTermination(5, TimeUnit.SECONDS)) {
                getLogger().warn("The cluster quota ticker did not stop within 5 seconds");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The cluster quota of this node while the service is enabled in a cluster; empty on a standalone NiFi. */
    Optional<ClusterQuota> clusterQuota() {
        return Optional.ofNullable(clusterQuota);
    }

    @Override
    public QwenAsrClient getClient() {
        final QwenAsrClient current = client;
        if (current == null) {
            throw new IllegalStateException("The Qwen ASR client service is not enabled");
        }
        return current;
    }

    @Override
    public List<ConfigVerificationResult> verify(final ConfigurationContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> variables) {
        final OkHttpClient verifyHttp = buildHttpClient(context);
        try {
            final QwenAsrClient verifyClient = buildClient(context, verifyHttp, new RequestRateLimiter(1), new RequestRateLimiter(1));
            return List.of(verifyKey(verifyClient, verificationLogger));
        } finally {
            verifyHttp.dispatcher().executorService().shutdown();
            verifyHttp.connectionPool().evictAll();
        }
    }

    /** One authenticated call that costs no audio ({@link QwenAsrClient#probe}). */
    private ConfigVerificationResult verifyKey(final QwenAsrClient verifyClient, final ComponentLog log) {
        final String step = "Reach the endpoint and authenticate";
        final String endpoint = Urls.redact(verifyClient.baseUrl());
        try {
            final String answer = verifyClient.probe();
            return result(step, Outcome.SUCCESSFUL, "Endpoint " + endpoint + " answered and accepted the API key ("
                    + answer + ")");
        } catch (final AsrException e) {
            log.warn("Verification failed: {}", e.getMessage());
            return result(step, Outcome.FAILED, explain(e, verifyClient, endpoint));
        }
    }

    private static String explain(final AsrException e, final QwenAsrClient verifyClient, final String endpoint) {
        final int status = e.getHttpStatus().orElse(0);
        if (status == 401 && verifyClient.protocol().isSelfHosted()) {
            return "The server rejected the API key (" + e.getCode() + "). Set API Key to the key the server was"
                    + " started with (vllm serve --api-key), or leave it empty if it has none.";
        }
        if (status == 401) {
            return "The endpoint rejected the API key (" + e.getCode() + "). Check the API Key, and that it was created"
                    + " for " + verifyClient.region().getDisplayName() + ": keys work only in their own region.";
        }
        if (status == 403) {
            return "The endpoint denied access (" + e.getCode() + "): the account or workspace may lack access to"
                    + " Model Studio or be in arrears. " + e.getMessage();
        }
        if (status == 0) {
            return "Could not reach " + endpoint + ". Check the Region, the Endpoint Override URL, the Proxy Configuration"
                    + " Service and the SSL Context Service. " + e.getMessage();
        }
        return e.getMessage();
    }

    private static ConfigVerificationResult result(final String step, final Outcome outcome, final String explanation) {
        return new ConfigVerificationResult.Builder().verificationStepName(step).outcome(outcome).explanation(explanation).build();
    }

    private static QwenAsrClient buildClient(final ConfigurationContext context, final OkHttpClient http,
                                             final RequestRateLimiter modelCalls, final RequestRateLimiter taskQueries) {
        final Region region = Region.fromValue(context.getProperty(REGION).getValue());
        final String override = context.getProperty(ENDPOINT_OVERRIDE).evaluateAttributeExpressions().getValue();
        final HttpUrl baseUrl = HttpUrl.get(override == null ? region.getBaseUrl() : override.strip());
        final String apiKey = context.getProperty(API_KEY).getValue();
        return new HttpQwenAsrClient(http, baseUrl, apiKey == null ? "" : apiKey.strip(), region,
                ApiProtocol.fromValue(context.getProperty(API_PROTOCOL).getValue()), modelCalls, taskQueries);
    }

    @Override
    public void migrateProperties(final PropertyConfiguration config) {
        if (!OLD_PROXY_PROPERTY.equals(PROXY_CONFIGURATION_SERVICE.getName())) {
            config.renameProperty(OLD_PROXY_PROPERTY, PROXY_CONFIGURATION_SERVICE.getName());
        }
    }

    private static OkHttpClient buildHttpClient(final PropertyContext context) {
        final OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(context.getProperty(CONNECT_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS), TimeUnit.MILLISECONDS)
                .readTimeout(context.getProperty(READ_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS), TimeUnit.MILLISECONDS)
                .writeTimeout(context.getProperty(READ_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS), TimeUnit.MILLISECONDS)
                .callTimeout(context.getProperty(CALL_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS), TimeUnit.MILLISECONDS)
                .connectionPool(new ConnectionPool(MAX_IDLE_CONNECTIONS, KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS))
                .socketFactory(new NoDelaySocketFactory());

        final ProxyConfigurationService proxyService = context.getProperty(PROXY_CONFIGURATION_SERVICE)
                .asControllerService(ProxyConfigurationService.class);
        if (proxyService != null) {
            final ProxyConfiguration proxy = proxyService.getConfiguration();
            if (proxy.getProxyType() != Proxy.Type.DIRECT) {
                builder.proxy(proxy.createProxy());
                if (proxy.hasCredential()) {
                    final String credential = Credentials.basic(proxy.getProxyUserName(), proxy.getProxyUserPassword());
                    builder.proxyAuthenticator((route, response) -> response.request().header("Proxy-Authorization") != null
                            ? null
                            : response.request().newBuilder().header("Proxy-Authorization", credential).build());
                }
            }
        }

        final SSLContextProvider sslProvider = context.getProperty(SSL_CONTEXT_SERVICE).asControllerService(SSLContextProvider.class);
        if (sslProvider != null) {
            final SSLContext sslContext = sslProvider.createContext();
            builder.sslSocketFactory(sslContext.getSocketFactory(), sslProvider.createTrustManager());
        }
        return builder.build();
    }

    /** Why an Endpoint Override URL cannot be used for DashScope (which always gets the key), if it cannot. */
    static Optional<String> checkEndpointOverride(final String value) {
        final HttpUrl url = HttpUrl.parse(value.strip());
        final Optional<String> malformed = checkUrlShape(url);
        if (malformed.isPresent()) {
            return malformed;
        }
        if (!Urls.isSecureOrLoopback(url)) {
            return Optional.of("plain http:// is allowed only for loopback hosts (localhost, 127.0.0.1, ::1): the"
                    + " API key would travel unencrypted to " + url.host() + ". Use https://");
        }
        return Optional.empty();
    }

    /**
     * Why a self-hosted server's URL cannot be used, if it cannot: a key never goes over plain http except to a
     * loopback host; without a key, plain http is for a private network, so a literal public address is refused
     * (a host name cannot be judged without resolving it).
     */
    static Optional<String> checkSelfHostedEndpoint(final String value, final boolean hasKey) {
        final HttpUrl url = HttpUrl.parse(value.strip());
        final Optional<String> malformed = checkUrlShape(url);
        if (malformed.isPresent()) {
            return malformed;
        }
        if (url.encodedPath().matches("(?i).*/v1/?")) {
            return Optional.of("give the server's root URL without /v1: the processors add /v1/chat/completions or"
                    + " /v1/audio/transcriptions themselves");
        }
        if (!Urls.isSecureOrLoopback(url) && hasKey) {
            return Optional.of("plain http:// with an API Key is allowed only for loopback hosts: the key would travel"
                    + " unencrypted to " + url.host() + ". Use https://, or leave API Key empty for a server on a"
                    + " private network that needs none");
        }
        if (!url.isHttps() && Urls.isPublicAddress(url.host())) {
            return Optional.of("plain http:// to the public address " + url.host() + " would send audio and transcripts"
                    + " unencrypted over the internet. Use https://");
        }
        return Optional.empty();
    }

    private static Optional<String> checkUrlShape(final HttpUrl url) {
        if (url == null) {
            return Optional.of("not an http:// or https:// URL");
        }
        if (url.query() != null || url.fragment() != null) {
            return Optional.of("must not have a query or fragment: give scheme, host, port and an optional path prefix");
        }
        if (!url.username().isEmpty() || !url.password().isEmpty()) {
            return Optional.of("must not contain user info; the API Key property carries the credential");
        }
        return Optional.empty();
    }

    /** The key goes into an HTTP header: printable ASCII without spaces. The value is never echoed. */
    private static final class ApiKeyValidator implements Validator {
        @Override
        public ValidationResult validate(final String subject, final String input, final ValidationContext context) {
            final String key = input == null ? "" : input.strip();
            final boolean valid = !key.isEmpty() && key.chars().allMatch(c -> c > 0x20 && c < 0x7F);
            return new ValidationResult.Builder().subject(subject).input("********").valid(valid)
                    .explanation(valid ? null : "the API key must be non-empty printable ASCII without spaces").build();
        }
    }
}
