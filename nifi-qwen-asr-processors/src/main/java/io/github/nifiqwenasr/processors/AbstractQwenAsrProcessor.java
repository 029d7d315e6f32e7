/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.processors;

import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.QwenAsrClient;
import io.github.nifiqwenasr.api.QwenAsrClientService;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What every Qwen ASR processor shares: the client service property, the {@code retry} and {@code failure}
 * relationships, and the one way a problem is routed (attributes, penalty, yield, log).
 */
public abstract class AbstractQwenAsrProcessor extends AbstractProcessor {

    public static final PropertyDescriptor ASR_CLIENT_SERVICE = new PropertyDescriptor.Builder()
            .name("ASR Client Service")
            .description("The Qwen ASR client service: region, API key, endpoint and the shared rate limiter.")
            .required(true)
            .identifiesControllerService(QwenAsrClientService.class)
            .build();

    public static final PropertyDescriptor MAXIMUM_ATTEMPTS = new PropertyDescriptor.Builder()
            .name("Maximum Attempts")
            .description("How many attempts in a row a FlowFile gets before a problem worth retrying (throttling, HTTP"
                    + " 408/5xx, timeouts, connection problems) sends it to failure instead of retry, with the last reason."
                    + " asr.retry.count counts them; success resets it. Attempts are spaced by the processor's Penalty"
                    + " Duration (30 s by default): 20 attempts ride out about 10 minutes of trouble.")
            .required(true)
            .defaultValue("20")
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .build();

    public static final Relationship REL_RETRY = new Relationship.Builder()
            .name("retry")
            .description("The request may succeed later (throttling, HTTP 408/5xx, timeouts, connection problems). The"
                    + " FlowFile is penalized and carries asr.error.code, asr.error.message and asr.retry.count; route it"
                    + " back to this processor. After Maximum Attempts in a row it goes to failure instead.")
            .build();

    public static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("The request will not succeed as it is (invalid input, rejected request, failed task). The"
                    + " FlowFile carries asr.error.code, asr.error.message and, where there was an HTTP answer,"
                    + " asr.http.status.")
            .build();

    /** What one attempt says about itself: an earlier attempt's values are removed when the next one starts. */
    private static final Set<String> ATTEMPT_ATTRIBUTES = Set.of(AsrAttributes.ERROR_CODE, AsrAttributes.ERROR_MESSAGE,
            AsrAttributes.HTTP_STATUS, AsrAttributes.REQUEST_ID);

    protected static QwenAsrClient client(final ProcessContext context) {
        return context.getProperty(ASR_CLIENT_SERVICE).asControllerService(QwenAsrClientService.class).getClient();
    }

    /**
     * Routes a FlowFile that could not be processed: retryable problems to {@code retry} (penalized; the processor
     * also yields, since the next FlowFile would most likely meet the same trouble), permanent ones to
     * {@code failure} (yielding too when the key or account is at fault). The content is never changed.
     */
    protected void routeProblem(final ProcessContext context, final ProcessSession session, final FlowFile flowFile,
                                final AsrException problem) {
        final FlowFile routed = withProblem(session, flowFile, problem);

        if (problem.getKind() == AsrException.Kind.PERMANENT) {
            getLogger().error("Routing {} to failure: {} {}", routed, problem.getCode(), problem.getMessage());
            if (problem.isAccountProblem()) {
                context.yield();
            }
            session.transfer(routed, REL_FAILURE);
        } else {
            context.yield();
            final int attempts = retryCount(flowFile) + 1;
            final int maximum = context.getProperty(MAXIMUM_ATTEMPTS).asInteger();
            if (attempts >= maximum) {
                final FlowFile exhausted = session.putAllAttributes(routed, Map.of(AsrAttributes.RETRY_COUNT, String.valueOf(attempts),
                        AsrAttributes.ERROR_MESSAGE, problem.getMessage() + " (gave up after " + attempts + " attempts)"));
                getLogger().error("Routing {} to failure after {} attempts: {} {}", exhausted, attempts, problem.getCode(), problem.getMessage());
                session.transfer(exhausted, REL_FAILURE);
                return;
            }
            getLogger().warn("Routing {} to retry (attempt {} of {}): {} {}", routed, attempts, maximum, problem.getCode(), problem.getMessage());
            session.transfer(session.penalize(session.putAttribute(routed, AsrAttributes.RETRY_COUNT, String.valueOf(attempts))), REL_RETRY);
        }
    }

    private static int retryCount(final FlowFile flowFile) {
        try {
            final String value = flowFile.getAttribute(AsrAttributes.RETRY_COUNT);
            return value == null ? 0 : Math.max(0, Integer.parseInt(value.strip()));
        } catch (final NumberFormatException e) {
            return 0;
        }
    }

    /** The FlowFile as it leaves on a route that is not retry: its count of attempts in a row starts again. */
    protected static FlowFile attemptsReset(final ProcessSession session, final FlowFile flowFile) {
        return flowFile.getAttribute(AsrAttributes.RETRY_COUNT) == null ? flowFile
                : session.removeAttribute(flowFile, AsrAttributes.RETRY_COUNT);
    }

    /** The FlowFile with the problem's attributes: asr.error.code, asr.error.message, asr.http.status, asr.request.id. */
    protected static FlowFile withProblem(final ProcessSession session, final FlowFile flowFile, final AsrException problem) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(AsrAttributes.ERROR_CODE, problem.getCode());
        attributes.put(AsrAttributes.ERROR_MESSAGE, problem.getMessage());
        problem.getHttpStatus().ifPresent(status -> attributes.put(AsrAttributes.HTTP_STATUS, String.valueOf(status)));
        problem.getRequestId().ifPresent(id -> attributes.put(AsrAttributes.REQUEST_ID, id));
        return session.putAllAttributes(flowFile, attributes);
    }

    /** Routes a FlowFile that met an unexpected error (a bug or a repository problem) to failure, with the reason. */
    protected void routeUnexpected(final ProcessSession session, final FlowFile flowFile, final RuntimeException e) {
        getLogger().error("Routing {} to failure after an unexpected error", flowFile, e);
        final Map<String, String> attributes = Map.of(AsrAttributes.ERROR_CODE, "ProcessingError",
                AsrAttributes.ERROR_MESSAGE, e.getClass().getSimpleName() + ": " + e.getMessage());
        session.transfer(session.putAllAttributes(startAttempt(session, flowFile), attributes), REL_FAILURE);
    }

    /**
     * Takes the next FlowFile with a permit of the shared model-call limiter and hands both to {@code work}; without a
     * permit the FlowFile stays queued and the processor yields, so no thread waits for the limiter. A problem
     * {@code work} throws is routed by {@link #routeProblem} or {@link #routeUnexpected}, and the permit goes back to
     * the limiter unless a request was already made.
     */
    protected final void processWithModelCallPermit(final ProcessContext context, final ProcessSession session,
                                                    final ModelCallWork work) {
        final QwenAsrClient client = client(context);
        if (!client.modelCallLimiter().tryAcquire()) {
            context.yield();
            return;
        }
        final FlowFile queued = session.get();
        final ModelCallPermit permit = new ModelCallPermit(client);
        if (queued == null) {
            permit.refund();
            return;
        }
        final FlowFile flowFile = startAttempt(session, queued);
        try {
            work.process(client, flowFile, permit);
        } catch (final AsrException e) {
            permit.refund();
            routeProblem(context, session, flowFile, e);
        } catch (final RuntimeException e) {
            permit.refund();
            routeUnexpected(session, flowFile, e);
        }
    }

    /** What a processor does with one FlowFile that holds a model-call permit. */
    @FunctionalInterface
    protected interface ModelCallWork {
        /** Checks the FlowFile, calls {@link ModelCallPermit#spend()} right before the first request, and routes the result. */
        void process(QwenAsrClient client, FlowFile flowFile, ModelCallPermit permit) throws AsrException;
    }

    /** A FlowFile's permit of the model-call limiter: spent once a request goes out, otherwise given back once. */
    protected static final class ModelCallPermit {
        private final QwenAsrClient client;
        private boolean settled;

        private ModelCallPermit(final QwenAsrClient client) {
            this.client = client;
        }

        /** A request is about to be made: the permit is used and will not be given back. */
        public void spend() {
            settled = true;
        }

        /** Gives the permit back to the limiter, unless it was spent or already given back. */
        public void refund() {
            if (!settled) {
                settled = true;
                client.modelCallLimiter().refund();
            }
        }
    }

    /** A check of a property's value that explains what is wrong by throwing. */
    @FunctionalInterface
    protected interface ValueCheck {
        Object check(String value) throws AsrException;
    }

    /** The problem with a property's fixed value (not an expression, evaluated per FlowFile), if it has one. */
    protected static Optional<ValidationResult> checkLiteral(final ValidationContext context, final PropertyDescriptor property,
                                                             final ValueCheck check) {
        final String value = context.getProperty(property).getValue();
        if (value == null || context.isExpressionLanguagePresent(value)) {
            return Optional.empty();
        }
        try {
            check.check(value);
            return Optional.empty();
        } catch (final AsrException e) {
            return Optional.of(new ValidationResult.Builder().subject(property.getDisplayName()).input(value).valid(false)
                    .explanation(e.getMessage()).build());
        }
    }

    /** One step of a processor's Verify, which explains its success by returning and its failure by throwing. */
    @FunctionalInterface
    protected interface VerificationStep {
        String run() throws AsrException;
    }

    protected static ConfigVerificationResult verification(final String name, final VerificationStep step) {
        final ConfigVerificationResult.Builder result = new ConfigVerificationResult.Builder().verificationStepName(name);
        try {
            return result.outcome(ConfigVerificationResult.Outcome.SUCCESSFUL).explanation(step.run()).build();
        } catch (final AsrException e) {
            return result.outcome(ConfigVerificationResult.Outcome.FAILED).explanation(e.getMessage()).build();
        }
    }

    /**
     * Starts an attempt on a FlowFile: drops the request id and error attributes an earlier attempt left, so that
     * whatever route this attempt takes carries only its own.
     */
    protected static FlowFile startAttempt(final ProcessSession session, final FlowFile flowFile) {
        return ATTEMPT_ATTRIBUTES.stream().anyMatch(name -> flowFile.getAttribute(name) != null)
                ? session.removeAllAttributes(flowFile, ATTEMPT_ATTRIBUTES)
                : flowFile;
    }
}
