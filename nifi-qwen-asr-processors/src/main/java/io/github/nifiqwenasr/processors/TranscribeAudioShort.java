/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.processors;

import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.AudioInput;
import io.github.nifiqwenasr.api.QwenAsrClient;
import io.github.nifiqwenasr.api.ShortAudioRequest;
import io.github.nifiqwenasr.api.ShortAudioResult;
import io.github.nifiqwenasr.audio.WavHeader;
import io.github.nifiqwenasr.client.HttpQwenAsrClient;
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
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.processor.util.StandardValidators;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.TimeUnit;

@Tags({"qwen", "asr", "speech", "speech-to-text", "transcription", "audio", "dashscope", "alibaba", "vllm", "self-hosted"})
@CapabilityDescription("Transcribes short audio (up to 5 minutes, 10 MB as base64) with Qwen3-ASR-Flash, or a self-hosted"
        + " Qwen3-ASR model, in one synchronous call, over the API protocol of the client service. The FlowFile content is"
        + " streamed to the service (as a base64 data URL, or a file upload), or, when Audio URL is set, the service"
        + " downloads the audio itself. The answer can be read as an event stream. The transcript becomes the content of"
        + " a new FlowFile on success; the input goes to original. Audio too large for one call goes to 'too large', to"
        + " be sent through SubmitAsrTask instead.")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@DefaultSettings(yieldDuration = "200 ms")
@SeeAlso(classNames = {"io.github.nifiqwenasr.processors.SubmitAsrTask", "io.github.nifiqwenasr.service.StandardQwenAsrClientService"})
@ReadsAttributes({
    @ReadsAttribute(attribute = "mime.type", description = "The audio type sent in the data URL when it names audio (audio/*)."),
    @ReadsAttribute(attribute = "filename", description = "Its extension names the audio type when mime.type does not.")
})
@WritesAttributes({
    @WritesAttribute(attribute = AsrAttributes.MODEL, description = "The model that recognised the audio."),
    @WritesAttribute(attribute = AsrAttributes.REQUEST_ID, description = "The service's request id, for support cases."),
    @WritesAttribute(attribute = AsrAttributes.LANGUAGE, description = "The detected (or requested) language code."),
    @WritesAttribute(attribute = AsrAttributes.EMOTION, description = "The detected emotion, e.g. neutral, happy, sad."),
    @WritesAttribute(attribute = AsrAttributes.AUDIO_SECONDS, description = "The billed audio duration in seconds."),
    @WritesAttribute(attribute = AsrAttributes.MIME_TYPE, description = "text/plain; charset=UTF-8 on success."),
    @WritesAttribute(attribute = AsrAttributes.ERROR_CODE, description = "On retry or failure: the service's or this bundle's error code."),
    @WritesAttribute(attribute = AsrAttributes.ERROR_MESSAGE, description = "On retry or failure: what went wrong."),
    @WritesAttribute(attribute = AsrAttributes.HTTP_STATUS, description = "On retry or failure: the HTTP status, when there was an answer.")
})
@UseCase(
        description = "Transcribe short audio files (voice notes, call snippets, up to 5 minutes) into text.",
        keywords = {"speech to text", "transcribe", "audio", "voice"},
        configuration = """
                Add a StandardQwenAsrClientService with your Region and API Key, enable it, and select it in 'ASR Client Service'.
                Leave 'Audio URL' empty to send the FlowFile content, or set it to an attribute holding a public URL.
                Route 'success' (the transcript text) on, for example to PutFile or PutDatabaseRecord.
                Route 'too large' to SubmitAsrTask (leave its 'Audio URL' empty to upload the content) so long audio takes the asynchronous path.
                Route 'retry' back to TranscribeAudioShort and 'failure' to where failed input is kept.
                """)
public class TranscribeAudioShort extends AbstractQwenAsrProcessor implements VerifiableProcessor {

    public static final PropertyDescriptor MODEL = AsrProperties.model("qwen3-asr-flash", "The short-audio model. In the US"
            + " region the -us variant is used (qwen3-asr-flash becomes qwen3-asr-flash-us). For a self-hosted server, a"
            + " name it serves (vllm serve --served-model-name).");

    public static final PropertyDescriptor AUDIO_URL = AsrProperties.audioUrl("A URL the service downloads the audio from"
            + " (http, https, or an oss:// URL from the service's temporary storage). When it evaluates to a non-empty"
            + " value the FlowFile content is not read; when empty, the content is sent. A self-hosted server takes http"
            + " and https URLs over chat completions and none over audio transcriptions: such FlowFiles go to failure"
            + " before any call.");

    public static final PropertyDescriptor CONTEXT = new PropertyDescriptor.Builder()
            .name("Context")
            .description("Domain text or terms (names, products, jargon) that help recognition; sent as the system message.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.ATTRIBUTE_EXPRESSION_LANGUAGE_VALIDATOR)
            .build();

    public static final PropertyDescriptor STREAMING = new PropertyDescriptor.Builder()
            .name("Streaming")
            .description("Ask for the answer as an event stream and assemble the transcript from its events. The"
                    + " Stream Idle Timeout then bounds the wait between two events instead of the client service's"
                    + " Read Timeout bounding the whole answer, so a stalled recognition is noticed early. The result,"
                    + " relationships and attributes are the same. Not offered by OpenAI audio transcriptions.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    public static final PropertyDescriptor STREAM_IDLE_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Stream Idle Timeout")
            .description("With Streaming: the longest wait for the next event, the first one included. When it passes"
                    + " the FlowFile goes to retry with asr.error.code Timeout.")
            .required(true)
            .defaultValue("30 secs")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .dependsOn(STREAMING, "true")
            .build();

    public static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("A new FlowFile with the transcript as UTF-8 text and the asr.* attributes.")
            .build();

    public static final Relationship REL_ORIGINAL = new Relationship.Builder()
            .name("original")
            .description("The input audio, untouched, once it has been transcribed.")
            .build();

    public static final Relationship REL_TOO_LARGE = new Relationship.Builder()
            .name("too large")
            .description("Audio too large or too long for one synchronous call: content whose base64 form would exceed"
                    + " the service's 10 MB request limit or a WAV file longer than 5 minutes (no call is made), and audio"
                    + " of any format or URL that the service refused as longer than 5 minutes. Route it to SubmitAsrTask.")
            .build();

    static final String TEXT_MIME_TYPE = "text/plain; charset=UTF-8";
    static final double MAX_AUDIO_SECONDS = 300.0;
    static final String COUNTER_SECONDS = "Audio seconds transcribed";
    static final String COUNTER_TRANSCRIPTIONS = "Audio files transcribed";

    private static final List<PropertyDescriptor> PROPERTIES = List.of(ASR_CLIENT_SERVICE, MODEL, AUDIO_URL,
            AsrProperties.LANGUAGE, AsrProperties.ENABLE_ITN, CONTEXT, STREAMING, STREAM_IDLE_TIMEOUT, MAXIMUM_ATTEMPTS);
    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_ORIGINAL, REL_TOO_LARGE, REL_RETRY, REL_FAILURE);

    private volatile String model;
    /** The longest wait between stream events, or null when the answer is read whole. */
    private volatile Duration streamIdleTimeout;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    /** What would stop this processor, or send every FlowFile to failure, with the client service as configured. */
    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> attributes) {
        final QwenAsrClient client = client(context);
        final String language = context.getProperty(AsrProperties.LANGUAGE).evaluateAttributeExpressions(attributes).getValue();
        return List.of(
                verification("Model", () -> "'" + client.shortAudioModel(context.getProperty(MODEL).getValue().strip())
                        + "' is offered in " + client.region().getDisplayName()),
                verification("Language", () -> {
                    final String checked = client.checkLanguage(language);
                    return checked == null ? "detected by the model" : "'" + checked + "' is accepted by "
                            + client.protocol().getDisplayName();
                }),
                verification("Streaming", () -> {
                    checkStreaming(context.getProperty(STREAMING).asBoolean(), client);
                    return context.getProperty(STREAMING).asBoolean() ? client.protocol().getDisplayName() + " streams"
                            : "not used";
                }));
    }

    private static void checkStreaming(final boolean streaming, final QwenAsrClient client) throws AsrException {
        if (streaming && !client.protocol().offersStreaming()) {
            throw AsrException.permanent(AsrErrorCodes.PROTOCOL_NOT_SUPPORTED, "Streaming is not offered by the API"
                    + " Protocol '" + client.protocol().getDisplayName() + "' of the client service: set Streaming to"
                    + " false, or use OpenAI chat completions");
        }
    }

    @OnScheduled
    public void resolveModel(final ProcessContext context) {
        final QwenAsrClient client = client(context);
        final boolean streaming = context.getProperty(STREAMING).asBoolean();
        streamIdleTimeout = streaming ? Duration.ofMillis(context.getProperty(STREAM_IDLE_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS)) : null;
        try {
            checkStreaming(streaming, client);
            model = client.shortAudioModel(context.getProperty(MODEL).getValue().strip());
        } catch (final AsrException e) {
            throw new ProcessException(e.getMessage(), e);
        }
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        processWithModelCallPermit(context, session, (client, flowFile, permit) -> {
            final String language = client.checkLanguage(context.getProperty(AsrProperties.LANGUAGE).evaluateAttributeExpressions(flowFile).getValue());
            final Optional<AudioInput> audio = audioInput(context, session, flowFile, client);
            if (audio.isEmpty()) {
                permit.refund();
                session.transfer(attemptsReset(session, flowFile), REL_TOO_LARGE);
                return;
            }
            final ShortAudioRequest request = new ShortAudioRequest(model, audio.get(), language,
                    context.getProperty(AsrProperties.ENABLE_ITN).asBoolean(),
                    emptyToNull(context.getProperty(CONTEXT).evaluateAttributeExpressions(flowFile).getValue()));
            final long started = System.nanoTime();
            permit.spend();
            final Duration idleTimeout = streamIdleTimeout;
            final ShortAudioResult result;
            try {
                result = idleTimeout == null ? client.transcribe(request) : client.transcribeStreaming(request, idleTimeout);
            } catch (final AsrException e) {
                if (!AsrErrorCodes.AUDIO_TOO_LONG.equals(e.getCode())) {
                    throw e;
                }
                // Audio whose length could not be read here (any format but WAV, or a URL): the service measured it.
                getLogger().info("Routing {} to too large: {}", flowFile, e.getMessage());
                session.transfer(attemptsReset(session, flowFile), REL_TOO_LARGE);
                return;
            }
            routeSuccess(session, flowFile, client, result, audio.get() instanceof AudioInput.Content, System.nanoTime() - started);
        });
    }

    /** The audio to send, or empty when it is too large for one synchronous call. */
    private Optional<AudioInput> audioInput(final ProcessContext context, final ProcessSession session, final FlowFile flowFile,
                                            final QwenAsrClient client) throws AsrException {
        final String url = context.getProperty(AUDIO_URL).evaluateAttributeExpressions(flowFile).getValue();
        if (url != null && !url.isBlank()) {
            final AudioInput.Url audioUrl = new AudioInput.Url(AudioInputs.checkAudioUrl(url));
            client.checkAudio(audioUrl);
            return Optional.of(audioUrl);
        }
        final AudioInputs.Inspection inspection = AudioInputs.inspect(session, flowFile);
        final double wavSeconds = inspection.wav().map(WavHeader::durationSeconds).orElse(OptionalDouble.empty()).orElse(0);
        if (HttpQwenAsrClient.dataUrlLength(inspection.mimeType(), flowFile.getSize()) > HttpQwenAsrClient.MAX_DATA_URL_BYTES
                || wavSeconds > MAX_AUDIO_SECONDS) {
            return Optional.empty();
        }
        return Optional.of(AudioInputs.content(session, flowFile, inspection));
    }

    private void routeSuccess(final ProcessSession session, final FlowFile flowFile, final QwenAsrClient client,
                              final ShortAudioResult result, final boolean sentContent, final long elapsedNanos) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(AsrAttributes.MODEL, model);
        putIfPresent(attributes, AsrAttributes.REQUEST_ID, result.requestId());
        putIfPresent(attributes, AsrAttributes.LANGUAGE, result.language());
        putIfPresent(attributes, AsrAttributes.EMOTION, result.emotion());
        if (result.audioSeconds() != null) {
            attributes.put(AsrAttributes.AUDIO_SECONDS, String.valueOf(result.audioSeconds()));
            session.adjustCounter(COUNTER_SECONDS, result.audioSeconds(), false);
        }
        session.adjustCounter(COUNTER_TRANSCRIPTIONS, 1, false);

        final FlowFile done = attemptsReset(session, flowFile);
        FlowFile transcript = session.create(done);
        try {
            transcript = session.write(transcript, out -> out.write(result.text().getBytes(StandardCharsets.UTF_8)));
        } catch (final RuntimeException e) {
            session.remove(transcript);
            throw e;
        }
        transcript = session.putAllAttributes(transcript, attributes);
        transcript = session.putAttribute(transcript, AsrAttributes.MIME_TYPE, TEXT_MIME_TYPE);
        final FlowFile original = session.putAllAttributes(done, attributes);
        final String details = "Transcribed with " + model + (result.requestId() == null ? "" : ", request " + result.requestId());
        if (sentContent) {
            // The audio itself left NiFi, as a data URL in the request.
            session.getProvenanceReporter().send(original, Urls.redact(client.shortAudioUrl()), details, elapsedNanos / 1_000_000);
        } else {
            session.getProvenanceReporter().invokeRemoteProcess(original, Urls.redact(client.shortAudioUrl()),
                    details + " in " + elapsedNanos / 1_000_000 + " ms");
        }
        session.transfer(transcript, REL_SUCCESS);
        session.transfer(original, REL_ORIGINAL);
    }

    private static void putIfPresent(final Map<String, String> attributes, final String name, final String value) {
        if (value != null && !value.isEmpty()) {
            attributes.put(name, value);
        }
    }

    private static String emptyToNull(final String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
