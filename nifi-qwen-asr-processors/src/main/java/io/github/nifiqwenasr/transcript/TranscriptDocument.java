/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import io.github.nifiqwenasr.api.StreamSource;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A transcript document of {@code qwen3-asr-flash-filetrans} (the JSON at {@code transcription_url}), converted by
 * streaming: memory depends on the longest sentence and the number of channels, not on the length of the document
 * (plain text also holds one channel's {@code text} string, which Jackson reads whole).
 * <p>
 * {@link #scan} reads the document once: it checks that the bytes are UTF-8 (malformed sequences are an error, never
 * replaced) and that the JSON is complete, with a {@code transcripts} array, and it learns the channels. Each
 * conversion then reads it again from the {@link StreamSource}; subtitles open one stream per channel, each starting at
 * its channel, and merge them. Unknown fields are ignored; {@code language}, {@code emotion}, {@code words},
 * {@code sentence_id}, {@code sentences} and a channel's {@code text} may be absent or null. Every channel needs a
 * {@code channel_id}, every sentence and word a {@code begin_time} and an {@code end_time}: whole, non-negative
 * milliseconds, the end not before the begin. Nesting may not go deeper than
 * {@value TranscriptJson#MAX_NESTING_DEPTH} levels.
 * <p>
 * Failures caused by the document are {@link TranscriptFormatException}s whose messages name the place, such as
 * {@code Invalid transcript at transcripts[0].sentences[12] (channel 0): end_time 900 is before begin_time 1000};
 * {@link IOException}s are failures of the streams themselves. Checks of a sentence's content happen while writing,
 * so after a failure the output holds a partial result that must be discarded.
 * <p>
 * Usage in a processor, where the downloaded document is the content of {@code downloaded}:
 * <pre>{@code
 * final TranscriptDocument document = TranscriptDocument.scan(() -> session.read(downloaded));
 * FlowFile converted = session.create(downloaded);
 * try (OutputStream out = session.write(converted)) {
 *     document.writeSubtitles(SubtitleFormat.SRT, out);
 * }
 * // on TranscriptFormatException: session.remove(converted) and route downloaded to failure with the message
 * }</pre>
 */
public final class TranscriptDocument {

    public static final String JSON_MIME_TYPE = "application/json";
    public static final String TEXT_MIME_TYPE = "text/plain; charset=UTF-8";

    private final StreamSource source;
    private final TranscriptLayout layout;

    private TranscriptDocument(final StreamSource source, final TranscriptLayout layout) {
        this.source = source;
        this.layout = layout;
    }

    /** Reads the document once, checking its structure, and returns it ready for conversion. */
    public static TranscriptDocument scan(final StreamSource source) throws IOException, TranscriptFormatException {
        try {
            return new TranscriptDocument(source, TranscriptScanner.scan(source));
        } catch (final StreamReadException | StreamConstraintsException | CharacterCodingException e) {
            throw TranscriptJson.describe(e);
        }
    }

    /** The {@code language} of the document's first sentence, for the {@code asr.language} attribute. */
    public Optional<String> getLanguage() {
        return Optional.ofNullable(layout.language());
    }

    /** Whether the document has word timestamps ({@code words}), so that its records carry a {@code words} array. */
    public boolean hasWordTimestamps() {
        return layout.wordTimestamps();
    }

    /**
     * Reads every sentence and word with all the checks of the other conversions, writing nothing: for the {@code json}
     * output format, which passes the document on as it is.
     */
    public void validate() throws IOException, TranscriptFormatException {
        try (TranscriptCursor cursor = TranscriptCursor.open(source)) {
            final Sentence sentence = new Sentence();
            for (final ChannelInfo channel : layout.channels()) {
                cursor.enterChannel(channel);
                if (cursor.openSentences()) {
                    while (cursor.nextSentence(sentence)) {
                        // reading a sentence checks it
                    }
                }
            }
        } catch (final StreamReadException | StreamConstraintsException | CharacterCodingException e) {
            throw TranscriptJson.describe(e);
        }
    }

    /**
     * Writes the plain text, UTF-8: for each channel in document order its {@code text}, or when it has none its
     * sentences' texts joined, a space between them unless either side is written without spaces (Chinese, Japanese,
     * Thai and the like) or the next starts with closing punctuation. Channels are separated by a blank line
     * ({@code "\n\n"}), also when a channel is empty, so the n-th block is the n-th channel; no newline at the end.
     * The mime type is {@link #TEXT_MIME_TYPE}.
     */
    public void writeText(final OutputStream out) throws IOException, TranscriptFormatException {
        final Writer writer = utf8(out);
        try {
            PlainTextWriter.write(source, layout.channels(), writer);
        } catch (final StreamReadException | StreamConstraintsException | CharacterCodingException e) {
            throw TranscriptJson.describe(e);
        }
        writer.flush();
    }

    /**
     * Writes a subtitle file, UTF-8, with line feeds as line ends, and returns its number of cues.
     * <ul>
     * <li>Each sentence becomes one or more cues as {@link CueSplitter} describes: with word timestamps, long sentences
     * are cut into cues of at most two lines of 42 columns (Chinese, Japanese and Korean characters count two) and at
     * most 7 seconds, preferably after punctuation, otherwise between words; without word timestamps a sentence is one
     * cue however long it is. Sentences with blank text make no cue.</li>
     * <li>Cues of all channels are merged into one file ordered by start time (on equal starts, document order). When
     * the document has more than one channel every cue is labelled with its {@code channel_id}: {@code [Channel 1] text}
     * in SRT, a voice span {@code <v Channel 1>text</v>} in WebVTT. A single channel is not labelled.</li>
     * <li>SRT: cues numbered from 1, times {@code HH:MM:SS,mmm}. WebVTT: the {@code WEBVTT} header, times
     * {@code HH:MM:SS.mmm}, {@code & < >} escaped. Hours have two digits, more from 100 hours on. Every cue ends with a
     * blank line.</li>
     * <li>Subtitles need each channel's sentences in time order: a sentence that begins before the one before it in
     * its channel is a {@link TranscriptFormatException}.</li>
     * </ul>
     * The mime type is {@link SubtitleFormat#getMimeType()}.
     */
    public int writeSubtitles(final SubtitleFormat format, final OutputStream out) throws IOException, TranscriptFormatException {
        final Writer writer = utf8(out);
        final int cues;
        try {
            cues = SubtitleWriter.write(source, layout.channels(), format, writer);
        } catch (final StreamReadException | StreamConstraintsException | CharacterCodingException e) {
            throw TranscriptJson.describe(e);
        }
        writer.flush();
        return cues;
    }

    /**
     * The schema of the records: {@code channel_id} and {@code sentence_id} (int), {@code begin_time} and
     * {@code end_time} (long, milliseconds), {@code text} (string), {@code language} and {@code emotion} (nullable
     * strings) and, when the document has word timestamps, {@code words}: a nullable array of records with
     * {@code begin_time}, {@code end_time}, {@code text} and {@code punctuation} ({@code ""} when absent).
     */
    public RecordSchema getRecordSchema() {
        return TranscriptRecords.schema(layout.wordTimestamps());
    }

    /**
     * Writes one record per sentence, channel by channel in document order, as one record set: this method calls
     * {@link RecordSetWriter#beginRecordSet()} and {@link RecordSetWriter#finishRecordSet()}; the caller creates and
     * closes the writer. A sentence without {@code text} gets its words joined (or {@code ""}); one without
     * {@code sentence_id} gets its position in the channel, counted from 0 as the service does.
     *
     * @return the number of records written, for the {@code record.count} attribute
     */
    public int writeRecords(final RecordSetWriter writer) throws IOException, TranscriptFormatException {
        try {
            return TranscriptRecords.write(source, layout, writer);
        } catch (final StreamReadException | StreamConstraintsException | CharacterCodingException e) {
            throw TranscriptJson.describe(e);
        }
    }

    /** A writer that refuses, rather than replaces, anything that is not valid Unicode. The caller's stream stays open. */
    private static Writer utf8(final OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8.newEncoder()));
    }
}
