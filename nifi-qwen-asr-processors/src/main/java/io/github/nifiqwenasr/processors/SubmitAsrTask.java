/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.processors;

import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.AudioInput;
import io.github.nifiqwenasr.api.Languages;
import io.github.nifiqwenasr.api.QwenAsrClient;
import io.github.nifiqwenasr.api.TaskInfo;
import io.github.nifiqwenasr.api.TranscriptionTaskRequest;
import io.github.nifiqwenasr.api.UploadPolicy;
import io.github.nifiqwenasr.client.Urls;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.processor.util.StandardValidators;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

@Tags({"qwen", "asr", "speech", "speech-to-text", "transcription", "audio", "long audio", "async", "dashscope", "alibaba"})
@CapabilityDescription("Starts an asynchronous transcription of long audio (up to 12 hours, 2 GB) with Qwen3-ASR-Flash"
        + " file transcription. The service downloads the audio from Audio URL, or, when Audio URL is empty, the FlowFile"
        + " content is first uploaded to the service's temporary storage. The task id is written to asr.task.id and the"
        + " FlowFile (content unchanged) goes to success, to be followed by PollAsrTask and FetchTranscript.")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@DefaultSettings(yieldDuration = "200 ms")
@SeeAlso({PollAsrTask.class, FetchTranscript.class, TranscribeAudioShort.class})
@WritesAttributes({
    @WritesAttribute(attribute = AsrAttributes.TASK_ID, description = "The id of the task the service created."),
    @WritesAttribute(attribute = AsrAttributes.TASK_STATUS, description = "The task's status when submitted (PENDING)."),
    @WritesAttribute(attribute = AsrAttributes.TASK_SUBMIT_TIME, description = "When the task was submitted, in"
            + " milliseconds since the epoch; PollAsrTask spaces its status queries by the task's age."),
    @WritesAttribute(attribute = AsrAttributes.REQUEST_ID, description = "The service's request id of the submission."),
    @WritesAttribute(attribute = AsrAttributes.MODEL, description = "The model the task runs with."),
    @WritesAttribute(attribute = AsrAttributes.UPLOAD_URL, description = "When the content was uploaded to the service's"
            + " temporary storage: its oss:// URL. A later attempt on the same FlowFile submits it again instead of"
            + " uploading the content again, for as long as it is valid."),
    @WritesAttribute(attribute = AsrAttributes.UPLOAD_TIME, description = "When the content was uploaded, in milliseconds since the epoch."),
    @WritesAttribute(attribute = AsrAttributes.UPLOAD_MODEL, description = "The model the upload is for (the URL serves no other)."),
    @WritesAttribute(attribute = AsrAttributes.UPLOAD_SIZE, description = "The size of the content uploaded, in bytes."),
    @WritesAttribute(attribute = AsrAttributes.ERROR_CODE, description = "On retry, failure or outcome unknown: the"
            + " service's or this bundle's error code (SubmitOutcomeUnknown on outcome unknown)."),
    @WritesAttribute(attribute = AsrAttributes.ERROR_MESSAGE, description = "On retry, failure or outcome unknown: what went wrong."),
    @WritesAttribute(attribute = AsrAttributes.HTTP_STATUS, description = "On retry, failure or outcome unknown: the HTTP"
            + " status, when there was an answer.")
})
public class SubmitAsrTask extends AbstractQwenAsrProcessor implements VerifiableProcessor {

    public static final PropertyDescriptor MODEL = AsrProperties.model("qwen3-asr-flash-filetrans",
            "The file-transcription model. File transcription is not offered in the US region.");

    public static final PropertyDescriptor AUDIO_URL = AsrProperties.audioUrl("A URL the service downloads the audio from:"
            + " http, https (for example a pre-signed object storage URL) or oss://. When it evaluates to an empty value,"
            + " the FlowFile content is uploaded to the service's temporary storage first; that storage is meant for"
            + " testing and is not offered in every region, so production flows should pass their own URLs.");

    public static final PropertyDescriptor CHANNELS = new PropertyDescriptor.Builder()
            .name("Channels")
            .description("Comma-separated indexes of the audio tracks to transcribe (channel_id), starting at 0."
                    + " Each track is transcribed and billed separately.")
            .required(true)
            .defaultValue("0")
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor ENABLE_WORD_TIMESTAMPS = new PropertyDescriptor.Builder()
            .name("Enable Word Timestamps")
            .description("Return a timestamp for every word (enable_words), not only for every sentence. Needed to split"
                    + " long sentences into readable subtitle cues.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    public static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("The FlowFile, content unchanged, now carrying asr.task.id. Route it to PollAsrTask.")
            .build();

    public static final Relationship REL_OUTCOME_UNKNOWN = new Relationship.Builder()
            .name("outcome unknown")
            .description("The submission went out and its answer was lost (a read timeout, a connection broken"
                    + " mid-answer, HTTP 5xx, an unreadable answer): the service may have created, and will then bill, the"
                    + " task. asr.error.code is SubmitOutcomeUnknown and asr.error.message says what happened. Route it to"
                    + " where someone checks the account's tasks before submitting again; route it back to this processor"
                    + " only if paying twice is acceptable.")
            .build();

    /** The service's limits for file transcription. */
    static final long MAX_CONTENT_BYTES = 2L * 1024 * 1024 * 1024;
    private static final int MAX_CHANNEL = 63;
    /** How long an upload is submitted again: the service keeps it 48 hours; an hour is left for the task to read it. */
    static final Duration UPLOAD_REUSE = Duration.ofHours(47);

    private static final List<PropertyDescriptor> PROPERTIES = List.of(ASR_CLIENT_SERVICE, MODEL, AUDIO_URL, CHANNELS,
            AsrProperties.LANGUAGE, AsrProperties.ENABLE_ITN, ENABLE_WORD_TIMESTAMPS, MAXIMUM_ATTEMPTS);
    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_RETRY, REL_FAILURE, REL_OUTCOME_UNKNOWN);
    private static final List<String> STALE_ATTRIBUTES = List.of(AsrAttributes.TRANSCRIPTION_URL, AsrAttributes.AUDIO_SECONDS,
            AsrAttributes.POLL_COUNT, AsrAttributes.POLL_DUE, AsrAttributes.RETRY_COUNT);

    private volatile String model;

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
        checkLiteral(context, CHANNELS, SubmitAsrTask::parseChannels).ifPresent(results::add);
        // File transcription runs on DashScope only, which accepts fewer languages than a self-hosted model.
        checkLiteral(context, AsrProperties.LANGUAGE, Languages::check).ifPresent(results::add);
        return results;
    }

    /** What would stop this processor, or send every FlowFile to failure, with the client service as configured. */
    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> attributes) {
        final QwenAsrClient client = client(context);
        final String language = context.getProperty(AsrProperties.LANGUAGE).evaluateAttributeExpressions(attributes).getValue();
        final String channels = context.getProperty(CHANNELS).evaluateAttributeExpressions(attributes).getValue();
        return List.of(
                verification("Model", () -> "'" + client.fileTranscriptionModel(context.getProperty(MODEL).getValue().strip())
                        + "' is offered in " + client.region().getDisplayName()),
                verification("Language", () -> {
                    final String checked = Languages.check(language);
                    return checked == null ? "detected by the model" : "'" + checked + "' is accepted";
                }),
                verification("Channels", () -> "tracks " + parseChannels(channels)));
    }

    @OnScheduled
    public void resolveModel(final ProcessContext context) {
        try {
            model = client(context).fileTranscriptionModel(context.getProperty(MODEL).getValue().strip());
        } catch (final AsrException e) {
            throw new ProcessException(e.getMessage(), e);
        }
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        processWithModelCallPermit(context, session, (client, flowFile, permit) -> {
            final List<Integer> channels = parseChannels(context.getProperty(CHANNELS).evaluateAttributeExpressions(flowFile).getValue());
            final String language = Languages.check(context.getProperty(AsrProperties.LANGUAGE).evaluateAttributeExpressions(flowFile).getValue());
            final String url = context.getProperty(AUDIO_URL).evaluateAttributeExpressions(flowFile).getValue();
            final boolean fromContent = url == null || url.isBlank();
            final String uploaded = fromContent ? earlierUpload(flowFile) : null;
            final AudioInput.Content upload = fromContent && uploaded == null ? uploadable(session, flowFile) : null;
            final String checkedUrl = fromContent ? uploaded : AudioInputs.checkAudioUrl(url);

            permit.spend();
            FlowFile current = flowFile;
            String fileUrl = checkedUrl;
            if (upload != null) {
                fileUrl = upload(session, flowFile, client, upload);
                current = session.putAllAttributes(flowFile, Map.of(AsrAttributes.UPLOAD_URL, fileUrl,
                        AsrAttributes.UPLOAD_TIME, String.valueOf(System.currentTimeMillis()),
                        AsrAttributes.UPLOAD_MODEL, model, AsrAttributes.UPLOAD_SIZE, String.valueOf(flowFile.getSize())));
            }
            final TaskInfo task;
            try {
                task = client.tasks().submit(new TranscriptionTaskRequest(model, fileUrl, channels,
                        context.getProperty(AsrProperties.ENABLE_ITN).asBoolean(),
                        context.getProperty(ENABLE_WORD_TIMESTAMPS).asBoolean(), language));
            } catch (final AsrException e) {
                // Routed with the upload's attributes, so that the next attempt submits the same upload.
                routeProblem(context, session, current, e);
                return;
            }
            routeSuccess(session, current, client, task);
        });
    }

    /** A submission whose answer was lost goes to its own relationship; every other problem as in every processor. */
    @Override
    protected void routeProblem(final ProcessContext context, final ProcessSession session, final FlowFile flowFile,
                                final AsrException problem) {
        if (problem.getKind() != AsrException.Kind.OUTCOME_UNKNOWN) {
            super.routeProblem(context, session, flowFile, problem);
            return;
        }
        final FlowFile routed = withProblem(session, flowFile, problem);
        getLogger().error("Routing {} to outcome unknown: {} {}", routed, problem.getCode(), problem.getMessage());
        context.yield();
        session.transfer(routed, REL_OUTCOME_UNKNOWN);
    }

    /**
     * The oss:// URL an earlier attempt uploaded this FlowFile's content to, while it is valid and was made for this
     * model and content of this size; otherwise null.
     */
    private String earlierUpload(final FlowFile flowFile) {
        final String url = flowFile.getAttribute(AsrAttributes.UPLOAD_URL);
        final long time = parseLong(flowFile.getAttribute(AsrAttributes.UPLOAD_TIME));
        final long age = System.currentTimeMillis() - time;
        final boolean valid = url != null && time > 0 && age >= 0 && age < UPLOAD_REUSE.toMillis()
                && model.equals(flowFile.getAttribute(AsrAttributes.UPLOAD_MODEL))
                && String.valueOf(flowFile.getSize()).equals(flowFile.getAttribute(AsrAttributes.UPLOAD_SIZE));
        return valid ? url : null;
    }

    private static long parseLong(final String value) {
        try {
            return value == null ? -1 : Long.parseLong(value.strip());
        } catch (final NumberFormatException e) {
            return -1;
        }
    }

    private static AudioInput.Content uploadable(final ProcessSession session, final FlowFile flowFile) throws AsrException {
        if (flowFile.getSize() > MAX_CONTENT_BYTES) {
            throw AsrException.permanent(AsrErrorCodes.AUDIO_TOO_LARGE, "The content is " + flowFile.getSize()
                    + " bytes; file transcription accepts at most 2 GB");
        }
        return AudioInputs.content(session, flowFile, AudioInputs.inspect(session, flowFile));
    }

    private String upload(final ProcessSession session, final FlowFile flowFile, final QwenAsrClient client,
                          final AudioInput.Content content) throws AsrException {
        final UploadPolicy policy = client.storage().policy(model);
        final long started = System.nanoTime();
        final String ossUrl = client.storage().upload(policy, flowFile.getAttribute(AsrAttributes.FILENAME), content);
        session.getProvenanceReporter().send(flowFile, Urls.redact(policy.uploadHost()),
                "Uploaded to the service's temporary storage as " + ossUrl, (System.nanoTime() - started) / 1_000_000);
        return ossUrl;
    }

    private void routeSuccess(final ProcessSession session, final FlowFile flowFile, final QwenAsrClient client, final TaskInfo task) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(AsrAttributes.TASK_ID, task.taskId());
        attributes.put(AsrAttributes.TASK_STATUS, task.statusWord());
        attributes.put(AsrAttributes.TASK_SUBMIT_TIME, String.valueOf(System.currentTimeMillis()));
        attributes.put(AsrAttributes.MODEL, model);
        if (task.requestId() != null) {
            attributes.put(AsrAttributes.REQUEST_ID, task.requestId());
        }
        FlowFile submitted = session.removeAllAttributes(flowFile, Set.copyOf(STALE_ATTRIBUTES));
        submitted = session.putAllAttributes(submitted, attributes);
        session.getProvenanceReporter().invokeRemoteProcess(submitted, Urls.redact(client.tasks().submitUrl()),
                "Submitted file transcription task " + task.taskId() + " (" + model + ")");
        session.transfer(submitted, REL_SUCCESS);
    }

    /** Channel indexes: non-negative integers, comma-separated, no duplicates. */
    static List<Integer> parseChannels(final String value) throws AsrException {
        final Set<Integer> channels = new LinkedHashSet<>();
        final String text = value == null ? "" : value.strip();
        for (final String part : text.split(",", -1)) {
            final String token = part.strip();
            if (!token.matches("\\d{1,2}") || Integer.parseInt(token) > MAX_CHANNEL || !channels.add(Integer.parseInt(token))) {
                throw AsrException.permanent(AsrErrorCodes.INVALID_CHANNELS, "Channels '" + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
                        + "' must be distinct audio track indexes from 0 to " + MAX_CHANNEL + ", separated by commas (e.g. 0 or 0,1)");
            }
        }
        return List.copyOf(channels);
    }
}
