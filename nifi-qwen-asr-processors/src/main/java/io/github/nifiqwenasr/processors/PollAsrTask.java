/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.processors;

import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.FileTranscriptionTasks;
import io.github.nifiqwenasr.api.QwenAsrClient;
import io.github.nifiqwenasr.api.TaskInfo;
import io.github.nifiqwenasr.api.TaskStatus;
import io.github.nifiqwenasr.client.HttpFileTranscriptionTasks;
import io.github.nifiqwenasr.client.Urls;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.ReadsAttribute;
import org.apache.nifi.annotation.behavior.ReadsAttributes;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.FlowFileFilter;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.processor.util.StandardValidators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

@Tags({"qwen", "asr", "speech", "transcription", "long audio", "async", "poll", "dashscope", "alibaba"})
@CapabilityDescription("Checks the status of a Qwen3-ASR file transcription task started by SubmitAsrTask. Finished tasks"
        + " go to success with asr.transcription.url; tasks still queued or running go to 'running', which must be looped"
        + " back to this processor. Each FlowFile is queried again only when it is due: the interval grows with the"
        + " task's age (a tenth of it, between the minimum and maximum poll interval), so many long tasks cost few"
        + " queries and a FlowFile that is not yet due stays queued and costs no request at all.")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@DefaultSettings(penaltyDuration = "1 sec", yieldDuration = "1 sec")
@SeeAlso({SubmitAsrTask.class, FetchTranscript.class})
@ReadsAttributes({
    @ReadsAttribute(attribute = AsrAttributes.TASK_ID, description = "The task to check (the default of Task ID)."),
    @ReadsAttribute(attribute = AsrAttributes.TASK_SUBMIT_TIME, description = "When the task was submitted; sets the poll interval."),
    @ReadsAttribute(attribute = AsrAttributes.POLL_DUE, description = "Before this time (ms since the epoch) the task is not queried.")
})
@WritesAttributes({
    @WritesAttribute(attribute = AsrAttributes.TASK_STATUS, description = "The last status seen, as the service wrote it: PENDING, RUNNING,"
            + " SUCCEEDED, FAILED, CANCELED, UNKNOWN, or a status the bundle does not know (treated as still running)."),
    @WritesAttribute(attribute = AsrAttributes.TRANSCRIPTION_URL, description = "Where the transcript can be downloaded, for 24 hours (SUCCEEDED)."),
    @WritesAttribute(attribute = AsrAttributes.AUDIO_SECONDS, description = "Billed audio seconds (SUCCEEDED)."),
    @WritesAttribute(attribute = AsrAttributes.REQUEST_ID, description = "The service's request id of the last query."),
    @WritesAttribute(attribute = AsrAttributes.POLL_COUNT, description = "How many status queries this task has taken."),
    @WritesAttribute(attribute = AsrAttributes.POLL_DUE, description = "When the task is due for its next query (running, retry)."),
    @WritesAttribute(attribute = AsrAttributes.ERROR_CODE, description = "On failure: the task's failure code (e.g. FILE_DOWNLOAD_FAILED) or why the query failed."),
    @WritesAttribute(attribute = AsrAttributes.ERROR_MESSAGE, description = "On retry or failure: what went wrong."),
    @WritesAttribute(attribute = AsrAttributes.HTTP_STATUS, description = "On retry or failure: the HTTP status, when there was an answer.")
})
public class PollAsrTask extends AbstractQwenAsrProcessor {

    public static final PropertyDescriptor TASK_ID = new PropertyDescriptor.Builder()
            .name("Task ID")
            .description("The id of the task to check.")
            .required(true)
            .defaultValue("${" + AsrAttributes.TASK_ID + "}")
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.ATTRIBUTE_EXPRESSION_LANGUAGE_VALIDATOR)
            .build();

    public static final PropertyDescriptor MINIMUM_POLL_INTERVAL = new PropertyDescriptor.Builder()
            .name("Minimum Poll Interval")
            .description("The shortest time between two status queries of one task (young tasks).")
            .required(true)
            .defaultValue("5 sec")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    public static final PropertyDescriptor MAXIMUM_POLL_INTERVAL = new PropertyDescriptor.Builder()
            .name("Maximum Poll Interval")
            .description("The longest time between two status queries of one task (old tasks).")
            .required(true)
            .defaultValue("1 min")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    public static final PropertyDescriptor BATCH_SIZE = new PropertyDescriptor.Builder()
            .name("Batch Size")
            .description("At most this many due FlowFiles are queried per run. Queries also wait for permits from the"
                    + " client service's Task Queries Per Second limiter.")
            .required(true)
            .defaultValue("20")
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .build();

    public static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("The task SUCCEEDED: asr.transcription.url and asr.audio.seconds are set. Route to FetchTranscript.")
            .build();

    public static final Relationship REL_RUNNING = new Relationship.Builder()
            .name("running")
            .description("The task is still PENDING or RUNNING. The FlowFile carries asr.poll.due, when it is due for its"
                    + " next query; loop this relationship back to PollAsrTask, which leaves it queued until then. It is not"
                    + " penalized: the schedule, not the processor's Penalty Duration, decides when it is queried again.")
            .build();

    /** A task is queried again after a tenth of its age, so the transcript is noticed within ~10% of the wait. */
    static final double INTERVAL_FRACTION_OF_AGE = 0.1;
    static final String COUNTER_QUERIES = "Task status queries";

    private static final List<PropertyDescriptor> PROPERTIES = List.of(ASR_CLIENT_SERVICE, TASK_ID, MINIMUM_POLL_INTERVAL,
            MAXIMUM_POLL_INTERVAL, BATCH_SIZE, MAXIMUM_ATTEMPTS);
    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_RUNNING, REL_RETRY, REL_FAILURE);

    /** Status words this processor has warned about, so a new status is one warning, not one per query. */
    private final Set<String> unrecognisedReported = ConcurrentHashMap.newKeySet();

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    protected List<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        final long min = context.getProperty(MINIMUM_POLL_INTERVAL).asTimePeriod(TimeUnit.MILLISECONDS);
        final long max = context.getProperty(MAXIMUM_POLL_INTERVAL).asTimePeriod(TimeUnit.MILLISECONDS);
        if (max < min) {
            results.add(new ValidationResult.Builder().subject(MAXIMUM_POLL_INTERVAL.getName()).valid(false)
                    .explanation("must not be shorter than " + MINIMUM_POLL_INTERVAL.getName()).build());
        }
        return results;
    }

    /** Tasks exist only on DashScope native: another protocol would fail every query. */
    @OnScheduled
    public void checkProtocol(final ProcessContext context) {
        try {
            client(context).checkFileTranscription();
        } catch (final AsrException e) {
            throw new ProcessException(e.getMessage(), e);
        }
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final long now = System.currentTimeMillis();
        final List<FlowFile> due = session.get(new DueFilter(now, context.getProperty(BATCH_SIZE).asInteger()));
        if (due.isEmpty()) {
            context.yield();
            return;
        }
        final QwenAsrClient client = client(context);
        final Schedule schedule = new Schedule(context.getProperty(MINIMUM_POLL_INTERVAL).asTimePeriod(TimeUnit.MILLISECONDS),
                context.getProperty(MAXIMUM_POLL_INTERVAL).asTimePeriod(TimeUnit.MILLISECONDS));
        boolean outOfPermits = false;
        for (final FlowFile flowFile : due) {
            if (outOfPermits || !client.taskQueryLimiter().tryAcquire()) {
                outOfPermits = true;
                session.transfer(flowFile);
                continue;
            }
            poll(context, session, client, schedule, startAttempt(session, flowFile));
        }
        if (outOfPermits) {
            context.yield();
        }
    }

    private void poll(final ProcessContext context, final ProcessSession session, final QwenAsrClient client,
                      final Schedule schedule, final FlowFile flowFile) {
        final long queried = System.currentTimeMillis();
        final long submitted = submitTime(flowFile, queried);
        final long interval = schedule.interval(queried - submitted);
        final int count = pollCount(flowFile) + 1;
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(AsrAttributes.TASK_SUBMIT_TIME, String.valueOf(submitted));
        attributes.put(AsrAttributes.POLL_COUNT, String.valueOf(count));
        attributes.put(AsrAttributes.POLL_DUE, String.valueOf(queried + interval));
        try {
            final String taskId = context.getProperty(TASK_ID).evaluateAttributeExpressions(flowFile).getValue();
            HttpFileTranscriptionTasks.checkTaskId(taskId);
            session.adjustCounter(COUNTER_QUERIES, 1, false);
            final TaskInfo task = client.tasks().query(taskId);
            // Counted from the answer, so two queries of one task are never closer than the interval, however long
            // this query or the ones before it in the batch took.
            attributes.put(AsrAttributes.POLL_DUE, String.valueOf(System.currentTimeMillis() + interval));
            attributes.put(AsrAttributes.TASK_STATUS, task.statusWord());
            if (task.requestId() != null) {
                attributes.put(AsrAttributes.REQUEST_ID, task.requestId());
            }
            final FlowFile updated = session.putAllAttributes(flowFile, attributes);
            route(context, session, client, updated, task, count);
        } catch (final AsrException e) {
            routeProblem(context, session, session.putAllAttributes(flowFile, attributes), e);
        } catch (final RuntimeException e) {
            routeUnexpected(session, flowFile, e);
        }
    }

    private void route(final ProcessContext context, final ProcessSession session, final QwenAsrClient client,
                       final FlowFile flowFile, final TaskInfo task, final int count) throws AsrException {
        if (task.status().isInProgress()) {
            if (task.status() == TaskStatus.UNRECOGNISED && unrecognisedReported.add(task.statusWord())) {
                getLogger().warn("Task {} has the status '{}', which this bundle does not know; only SUCCEEDED, FAILED,"
                        + " CANCELED and UNKNOWN end a task, so it is polled on as running", task.taskId(), task.statusWord());
            }
            session.transfer(attemptsReset(session, flowFile), REL_RUNNING);
            return;
        }
        switch (task.status()) {
            case SUCCEEDED -> {
                if (task.transcriptionUrl() == null) {
                    throw AsrException.permanent(AsrErrorCodes.UNEXPECTED_RESPONSE, "Task " + task.taskId()
                            + " SUCCEEDED but the answer has no output.result.transcription_url");
                }
                final Map<String, String> attributes = new HashMap<>();
                attributes.put(AsrAttributes.TRANSCRIPTION_URL, task.transcriptionUrl());
                if (task.audioSeconds() != null) {
                    attributes.put(AsrAttributes.AUDIO_SECONDS, String.valueOf(task.audioSeconds()));
                }
                FlowFile done = session.removeAttribute(attemptsReset(session, flowFile), AsrAttributes.POLL_DUE);
                done = session.putAllAttributes(done, attributes);
                session.getProvenanceReporter().invokeRemoteProcess(done, Urls.redact(client.tasks().taskUrl(task.taskId())),
                        "Task " + task.taskId() + " SUCCEEDED after " + count + " status queries");
                session.transfer(done, REL_SUCCESS);
            }
            case FAILED, CANCELED, UNKNOWN -> routeProblem(context, session, session.removeAttribute(flowFile, AsrAttributes.POLL_DUE),
                    AsrException.permanent(task.code() != null ? task.code() : "Task" + capitalized(task.status().name()),
                            "Task " + task.taskId() + " is " + task.status() + ": " + describe(task)));
            default -> throw new IllegalStateException("Unhandled task status " + task.status());
        }
    }

    private static String describe(final TaskInfo task) {
        if (task.message() != null) {
            return task.message();
        }
        return switch (task.status()) {
            case UNKNOWN -> "the service does not know this task id (it never existed, or it finished more than 24 hours ago)";
            case CANCELED -> "the task was canceled before it started";
            default -> "the service gave no reason";
        };
    }

    private static String capitalized(final String status) {
        return status.charAt(0) + status.substring(1).toLowerCase(Locale.ROOT);
    }

    private static long submitTime(final FlowFile flowFile, final long now) {
        final long value = parseLong(flowFile.getAttribute(AsrAttributes.TASK_SUBMIT_TIME), now);
        return value > now ? now : value;
    }

    private static int pollCount(final FlowFile flowFile) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE - 1, parseLong(flowFile.getAttribute(AsrAttributes.POLL_COUNT), 0)));
    }

    private static long parseLong(final String value, final long fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (final NumberFormatException e) {
            return fallback;
        }
    }

    /** When a task of a given age should be queried again. */
    record Schedule(long minimumMillis, long maximumMillis) {
        long interval(final long ageMillis) {
            final long proportional = (long) (Math.max(0, ageMillis) * INTERVAL_FRACTION_OF_AGE);
            return Math.max(minimumMillis, Math.min(maximumMillis, proportional));
        }
    }

    /** Accepts FlowFiles whose next query is due, up to the batch size; leaves the others queued, untouched. */
    private static final class DueFilter implements FlowFileFilter {
        private final long now;
        private final int batchSize;
        private int accepted;

        DueFilter(final long now, final int batchSize) {
            this.now = now;
            this.batchSize = batchSize;
        }

        @Override
        public FlowFileFilterResult filter(final FlowFile flowFile) {
            if (parseLong(flowFile.getAttribute(AsrAttributes.POLL_DUE), 0) > now) {
                return FlowFileFilterResult.REJECT_AND_CONTINUE;
            }
            accepted++;
            return accepted >= batchSize ? FlowFileFilterResult.ACCEPT_AND_TERMINATE : FlowFileFilterResult.ACCEPT_AND_CONTINUE;
        }
    }
}
