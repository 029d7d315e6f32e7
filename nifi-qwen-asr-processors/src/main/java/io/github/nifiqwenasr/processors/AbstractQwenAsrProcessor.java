package io.github.nifiqwenasr.processors;

import io.github.nifiqwenasr.client.AsrException;
import io.github.nifiqwenasr.client.QwenAsrClient;
import io.github.nifiqwenasr.service.QwenAsrClientService;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    public static final Relationship REL_RETRY = new Relationship.Builder()
            .name("retry")
            .description("The request may succeed later (throttling, HTTP 408/5xx, timeouts, connection problems). The"
                    + " FlowFile is penalized and carries asr.error.code and asr.error.message; route it back to this"
                    + " processor.")
            .build();

    public static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("The request will not succeed as it is (invalid input, rejected request, failed task). The"
                    + " FlowFile carries asr.error.code, asr.error.message and, where there was an HTTP answer,"
                    + " asr.http.status.")
            .build();

    private static final List<String> ERROR_ATTRIBUTES = List.of(AsrAttributes.ERROR_CODE, AsrAttributes.ERROR_MESSAGE,
            AsrAttributes.HTTP_STATUS);

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
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(AsrAttributes.ERROR_CODE, problem.getCode());
        attributes.put(AsrAttributes.ERROR_MESSAGE, problem.getMessage());
        problem.getHttpStatus().ifPresent(status -> attributes.put(AsrAttributes.HTTP_STATUS, String.valueOf(status)));
        problem.getRequestId().ifPresent(id -> attributes.put(AsrAttributes.REQUEST_ID, id));
        FlowFile routed = session.removeAttribute(flowFile, AsrAttributes.HTTP_STATUS);
        routed = session.putAllAttributes(routed, attributes);

        if (problem.getKind() == AsrException.Kind.PERMANENT) {
            getLogger().error("Routing {} to failure: {} {}", routed, problem.getCode(), problem.getMessage());
            if (problem.isAccountProblem()) {
                context.yield();
            }
            session.transfer(routed, REL_FAILURE);
        } else {
            getLogger().warn("Routing {} to retry: {} {}", routed, problem.getCode(), problem.getMessage());
            context.yield();
            session.transfer(session.penalize(routed), REL_RETRY);
        }
    }

    /** Routes a FlowFile that met an unexpected error (a bug or a repository problem) to failure, with the reason. */
    protected void routeUnexpected(final ProcessSession session, final FlowFile flowFile, final RuntimeException e) {
        getLogger().error("Routing {} to failure after an unexpected error", flowFile, e);
        final Map<String, String> attributes = Map.of(AsrAttributes.ERROR_CODE, "ProcessingError",
                AsrAttributes.ERROR_MESSAGE, e.getClass().getSimpleName() + ": " + e.getMessage());
        session.transfer(session.putAllAttributes(session.removeAttribute(flowFile, AsrAttributes.HTTP_STATUS), attributes), REL_FAILURE);
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
        final FlowFile flowFile = session.get();
        final ModelCallPermit permit = new ModelCallPermit(client);
        if (flowFile == null) {
            permit.refund();
            return;
        }
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

    /** Drops error attributes a FlowFile may carry from an earlier attempt. */
    protected static FlowFile clearErrorAttributes(final ProcessSession session, final FlowFile flowFile) {
        FlowFile cleared = flowFile;
        for (final String name : ERROR_ATTRIBUTES) {
            if (cleared.getAttribute(name) != null) {
                cleared = session.removeAttribute(cleared, name);
            }
        }
        return cleared;
    }
}
