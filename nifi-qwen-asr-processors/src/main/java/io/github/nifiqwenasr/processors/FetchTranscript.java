/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.processors;

import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.QwenAsrClient;
import io.github.nifiqwenasr.api.StreamSource;
import io.github.nifiqwenasr.api.TranscriptDownload;
import io.github.nifiqwenasr.client.Urls;
import io.github.nifiqwenasr.io.SizeLimitedInputStream;
import io.github.nifiqwenasr.transcript.SubtitleFormat;
import io.github.nifiqwenasr.transcript.TranscriptDocument;
import io.github.nifiqwenasr.transcript.TranscriptFormatException;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.MultiProcessorUseCase;
import org.apache.nifi.annotation.documentation.ProcessorConfiguration;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.DataUnit;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@Tags({"qwen", "asr", "speech", "transcription", "subtitles", "srt", "vtt", "webvtt", "records", "dashscope", "alibaba"})
@CapabilityDescription("Downloads the transcript of a finished Qwen3-ASR file transcription task (asr.transcription.url,"
        + " set by PollAsrTask) and writes it as the FlowFile content: the JSON document as returned, plain text, SRT or"
        + " WebVTT subtitles, or one record per sentence through a Record Writer. The transcript is parsed as a stream,"
        + " so memory does not grow with its length.")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@SeeAlso({SubmitAsrTask.class, PollAsrTask.class})
@WritesAttributes({
    @WritesAttribute(attribute = AsrAttributes.MIME_TYPE, description = "application/json, text/plain; charset=UTF-8,"
            + " application/x-subrip, text/vtt, or the Record Writer's type."),
    @WritesAttribute(attribute = AsrAttributes.RECORD_COUNT, description = "The number of records written (records format)."),
    @WritesAttribute(attribute = AsrAttributes.LANGUAGE, description = "The language of the first sentence."),
    @WritesAttribute(attribute = AsrAttributes.ERROR_CODE, description = "On retry or failure: why, e.g. TranscriptUrlExpired or InvalidTranscript."),
    @WritesAttribute(attribute = AsrAttributes.ERROR_MESSAGE, description = "On retry or failure: what went wrong."),
    @WritesAttribute(attribute = AsrAttributes.HTTP_STATUS, description = "On retry or failure: the HTTP status, when there was an answer.")
})
@MultiProcessorUseCase(
        description = "Transcribe long recordings (meetings, interviews, calls up to 12 hours) into subtitles or database records.",
        keywords = {"long audio", "meeting transcription", "subtitles", "srt", "speech to text", "asynchronous"},
        configurations = {
            @ProcessorConfiguration(processorClass = SubmitAsrTask.class, configuration = """
                    Select the Qwen ASR client service (Singapore or Beijing region) in 'ASR Client Service'.
                    Set 'Audio URL' to an attribute holding a URL the service can download (for example a pre-signed
                    object storage URL), or leave it empty to upload the FlowFile content to the service's temporary storage.
                    For stereo calls set 'Channels' to 0,1. Set 'Enable Word Timestamps' to true for well split subtitles.
                    Connect 'success' to PollAsrTask and 'retry' back to SubmitAsrTask.
                    """),
            @ProcessorConfiguration(processorClass = PollAsrTask.class, configuration = """
                    Select the same client service. Keep 'Task ID' at ${asr.task.id}.
                    Connect 'running' back to PollAsrTask (a self-loop), and 'retry' back to PollAsrTask as well.
                    Connect 'success' to FetchTranscript and 'failure' to where failed tasks are kept.
                    """),
            @ProcessorConfiguration(processorClass = FetchTranscript.class, configuration = """
                    Select the same client service. Keep 'Transcription URL' at ${asr.transcription.url}.
                    Choose the 'Output Format': srt or vtt for subtitles, text for plain text, records (with a
                    JsonRecordSetWriter or any Record Writer) for PutDatabaseRecord or PutElasticsearchRecord.
                    Connect 'success' onwards, 'retry' back to FetchTranscript, 'failure' to where failures are kept.
                    """)
        })
public class FetchTranscript extends AbstractQwenAsrProcessor {

    public static final PropertyDescriptor TRANSCRIPTION_URL = new PropertyDescriptor.Builder()
            .name("Transcription URL")
            .description("The pre-signed URL of the transcript document, valid for 24 hours after the task finished.")
            .required(true)
            .defaultValue("${" + AsrAttributes.TRANSCRIPTION_URL + "}")
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.ATTRIBUTE_EXPRESSION_LANGUAGE_VALIDATOR)
            .build();

    public static final PropertyDescriptor OUTPUT_FORMAT = new PropertyDescriptor.Builder()
            .name("Output Format")
            .description("What to write as the FlowFile content.")
            .required(true)
            .allowableValues(TranscriptOutputFormat.class)
            .defaultValue(TranscriptOutputFormat.JSON)
            .build();

    public static final PropertyDescriptor RECORD_WRITER = new PropertyDescriptor.Builder()
            .name("Record Writer")
            .description("Writes one record per sentence (channel_id, sentence_id, begin_time, end_time, text, language,"
                    + " emotion, and words when the task had word timestamps).")
            .required(true)
            .identifiesControllerService(RecordSetWriterFactory.class)
            .dependsOn(OUTPUT_FORMAT, TranscriptOutputFormat.RECORDS)
            .build();

    public static final PropertyDescriptor MAXIMUM_TRANSCRIPT_SIZE = new PropertyDescriptor.Builder()
            .name("Maximum Transcript Size")
            .description("Downloads larger than this fail, so that a wrong or hostile URL cannot fill the content"
                    + " repository. A 12-hour transcript with word timestamps is a few tens of MB.")
            .required(true)
            .defaultValue("512 MB")
            .addValidator(StandardValidators.DATA_SIZE_VALIDATOR)
            .build();

    public static final PropertyDescriptor REMOVE_TRANSCRIPTION_URL = new PropertyDescriptor.Builder()
            .name("Remove Transcription URL")
            .description("Remove asr.transcription.url from the FlowFile once the transcript is fetched. The URL is"
                    + " signed: for 24 hours anyone who has it can download the transcript, so it is removed by default"
                    + " rather than carried on to wherever the FlowFile goes next.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("true")
            .build();

    public static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("The transcript in the chosen output format.")
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(ASR_CLIENT_SERVICE, TRANSCRIPTION_URL, OUTPUT_FORMAT,
            RECORD_WRITER, MAXIMUM_TRANSCRIPT_SIZE, REMOVE_TRANSCRIPTION_URL, MAXIMUM_ATTEMPTS);
    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_RETRY, REL_FAILURE);

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final FlowFile queued = session.get();
        if (queued == null) {
            return;
        }
        final FlowFile flowFile = startAttempt(session, queued);
        final List<FlowFile> temporary = new ArrayList<>();
        try {
            final String url = context.getProperty(TRANSCRIPTION_URL).evaluateAttributeExpressions(flowFile).getValue();
            if (url == null || url.isBlank()) {
                throw AsrException.permanent(AsrErrorCodes.INVALID_TRANSCRIPTION_URL, "No transcription URL: the"
                        + " Transcription URL property evaluated to an empty value (was the FlowFile routed from PollAsrTask's success?)");
            }
            final long started = System.nanoTime();
            final FlowFile document = download(context, session, session.create(flowFile), url);
            temporary.add(document);
            final StreamSource source = views(session, document, temporary);
            final TranscriptDocument transcript = TranscriptDocument.scan(source);
            final FlowFile converted = convert(context, session, flowFile, source, transcript);
            session.getProvenanceReporter().fetch(converted, Urls.redact(url), "Transcript as "
                    + context.getProperty(OUTPUT_FORMAT).getValue(), (System.nanoTime() - started) / 1_000_000);
            final FlowFile fetched = context.getProperty(REMOVE_TRANSCRIPTION_URL).asBoolean()
                    ? session.removeAttribute(converted, AsrAttributes.TRANSCRIPTION_URL) : converted;
            session.transfer(attemptsReset(session, fetched), REL_SUCCESS);
        } catch (final AsrException e) {
            routeProblem(context, session, flowFile, e);
        } catch (final TranscriptFormatException e) {
            routeProblem(context, session, flowFile, AsrException.permanent(AsrErrorCodes.INVALID_TRANSCRIPT, e.getMessage()));
        } catch (final IOException | RuntimeException e) {
            final AsrException problem = classify(e);
            if (problem != null) {
                routeProblem(context, session, flowFile, problem);
            } else {
                routeUnexpected(session, flowFile, e instanceof RuntimeException re ? re : new IllegalStateException(e));
            }
        } finally {
            temporary.forEach(session::remove);
        }
    }

    /**
     * The downloaded document as a source the converter can open several times at once (subtitles read one stream per
     * channel). Each stream reads its own clone of the document FlowFile: clones share the content claim, so nothing is
     * copied, and no FlowFile ever has two streams open (which NiFi's framework allows but its mock session does not).
     */
    private static StreamSource views(final ProcessSession session, final FlowFile document, final List<FlowFile> temporary) {
        return () -> {
            final FlowFile view = session.clone(document);
            temporary.add(view);
            return session.read(view);
        };
    }

    /** Streams the transcript into a temporary FlowFile, so the input keeps its content if anything fails later. */
    private FlowFile download(final ProcessContext context, final ProcessSession session, final FlowFile target, final String url)
            throws AsrException {
        final QwenAsrClient client = client(context);
        final long maxBytes = context.getProperty(MAXIMUM_TRANSCRIPT_SIZE).asDataSize(DataUnit.B).longValue();
        try (TranscriptDownload download = client.transcripts().open(url, maxBytes)) {
            return session.write(target, out -> download.body().transferTo(out));
        } catch (final AsrException | RuntimeException e) {
            session.remove(target);
            throw e;
        }
    }

    private FlowFile convert(final ProcessContext context, final ProcessSession session, final FlowFile flowFile,
                             final StreamSource document, final TranscriptDocument transcript) throws AsrException {
        final TranscriptOutputFormat format = TranscriptOutputFormat.fromValue(context.getProperty(OUTPUT_FORMAT).getValue());
        final Map<String, String> attributes = new HashMap<>();
        transcript.getLanguage().ifPresent(language -> attributes.put(AsrAttributes.LANGUAGE, language));
        final FlowFile written;
        try {
            written = session.write(flowFile, out -> {
                try {
                    write(context, flowFile, document, transcript, format, out, attributes);
                } catch (final TranscriptFormatException e) {
                    throw new ConversionFailure(AsrException.permanent(AsrErrorCodes.INVALID_TRANSCRIPT, e.getMessage()));
                } catch (final SchemaNotFoundException e) {
                    throw new ConversionFailure(AsrException.permanent(AsrErrorCodes.RECORD_SCHEMA_NOT_FOUND,
                            "The Record Writer could not provide a schema: " + e.getMessage()));
                }
            });
        } catch (final RuntimeException e) {
            final ConversionFailure failure = causeOf(e, ConversionFailure.class);
            if (failure != null) {
                throw failure.problem;
            }
            throw e;
        }
        return session.putAllAttributes(written, attributes);
    }

    private void write(final ProcessContext context, final FlowFile flowFile, final StreamSource document,
                       final TranscriptDocument transcript, final TranscriptOutputFormat format, final OutputStream out,
                       final Map<String, String> attributes) throws IOException, TranscriptFormatException, SchemaNotFoundException {
        switch (format) {
            case JSON -> {
                transcript.validate();
                try (InputStream in = document.open()) {
                    in.transferTo(out);
                }
                attributes.put(AsrAttributes.MIME_TYPE, TranscriptDocument.JSON_MIME_TYPE);
            }
            case TEXT -> {
                transcript.writeText(out);
                attributes.put(AsrAttributes.MIME_TYPE, TranscriptDocument.TEXT_MIME_TYPE);
            }
            case SRT, VTT -> {
                final SubtitleFormat subtitles = format == TranscriptOutputFormat.SRT ? SubtitleFormat.SRT : SubtitleFormat.VTT;
                transcript.writeSubtitles(subtitles, out);
                attributes.put(AsrAttributes.MIME_TYPE, subtitles.getMimeType());
            }
            case RECORDS -> {
                final RecordSetWriterFactory factory = context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);
                final RecordSchema schema = factory.getSchema(flowFile.getAttributes(), transcript.getRecordSchema());
                try (RecordSetWriter writer = factory.createWriter(getLogger(), schema, out, flowFile)) {
                    attributes.put(AsrAttributes.RECORD_COUNT, String.valueOf(transcript.writeRecords(writer)));
                    attributes.put(AsrAttributes.MIME_TYPE, writer.getMimeType());
                }
            }
        }
    }

    /** Download problems found while streaming: the size cap (permanent) or a broken connection (retry). */
    private static AsrException classify(final Exception e) {
        final SizeLimitedInputStream.SizeLimitExceededException tooLarge = causeOf(e, SizeLimitedInputStream.SizeLimitExceededException.class);
        if (tooLarge != null) {
            return AsrException.permanent(AsrErrorCodes.RESPONSE_TOO_LARGE, "The transcript is larger than the"
                    + " Maximum Transcript Size of " + tooLarge.getLimit() + " bytes");
        }
        final IOException io = causeOf(e, IOException.class);
        if (io != null && !(io instanceof ConversionFailure)) {
            return AsrException.retryable(AsrErrorCodes.CONNECTION_FAILED, "The transcript could not be downloaded or read ("
                    + io.getClass().getSimpleName() + ": " + io.getMessage() + ")", io);
        }
        return null;
    }

    private static <T extends Throwable> T causeOf(final Throwable e, final Class<T> type) {
        Throwable current = e;
        while (current != null) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            current = current.getCause();
        }
        return null;
    }

    /** Carries a conversion problem through NiFi's IOException-only write callback. */
    private static final class ConversionFailure extends IOException {
        private final transient AsrException problem;

        ConversionFailure(final AsrException problem) {
            super(problem.getMessage(), problem);
            this.problem = problem;
        }
    }
}
