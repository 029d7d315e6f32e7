/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.processors;

import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.AudioInput;
import io.github.nifiqwenasr.audio.AudioFormat;
import io.github.nifiqwenasr.audio.AudioSniffer;
import io.github.nifiqwenasr.audio.AudioTracks;
import io.github.nifiqwenasr.audio.WavHeader;
import io.github.nifiqwenasr.client.Urls;
import okhttp3.HttpUrl;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.exception.ProcessException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Checks the audio a FlowFile refers to, before anything is sent or paid for. */
final class AudioInputs {

    private static final Set<String> URL_SCHEMES = Set.of("http", "https", "oss");

    private AudioInputs() {
    }

    /** What the content is, as far as its first bytes tell. */
    record Inspection(AudioFormat format, String mimeType, Optional<WavHeader> wav) {
    }

    /**
     * Reads the first bytes of the content and rejects what is not audio: empty content, content that is not a
     * supported container (naming what it looks like), a video whose head shows no audio track, a WAV file without
     * samples.
     */
    static Inspection inspect(final ProcessSession session, final FlowFile flowFile) throws AsrException {
        if (flowFile.getSize() == 0) {
            throw AsrException.permanent(AsrErrorCodes.EMPTY_CONTENT, "The FlowFile has no content and Audio URL is empty:"
                    + " there is no audio to transcribe");
        }
        final byte[] head = new byte[AudioSniffer.HEAD_LENGTH];
        final int length = readHead(session, flowFile, head);
        final Optional<AudioFormat> format = AudioSniffer.detect(head, length);
        if (format.isEmpty()) {
            final String looksLike = AudioSniffer.describeNonAudio(head, length).map(what -> " (it looks like " + what + ")").orElse("");
            throw AsrException.permanent(AsrErrorCodes.UNSUPPORTED_AUDIO, "The content is not audio in a format Qwen3-ASR"
                    + " accepts" + looksLike + ". Supported: WAV, MP3, FLAC, OGG/Opus, M4A/MP4, AAC, AMR, AIFF, WebM/MKV,"
                    + " WMA/WMV, AVI, FLV, MPEG");
        }
        if (AudioTracks.provablyNone(format.get(), head, length)) {
            throw AsrException.permanent(AsrErrorCodes.NO_AUDIO_TRACK, "The " + format.get().name() + " file has no audio"
                    + " track (only video or other tracks): there is no speech to transcribe");
        }
        final Optional<WavHeader> wav = WavHeader.parse(head, length);
        if (wav.isPresent() && wav.get().hasNoSamples()) {
            throw AsrException.permanent(AsrErrorCodes.NO_AUDIO_SAMPLES, "The WAV file has a header but no audio samples"
                    + " (its data chunk is empty)");
        }
        return new Inspection(format.get(), mimeType(flowFile, format.get()), wav);
    }

    /** The content as the client streams it: reopened from the content repository for every write. */
    static AudioInput.Content content(final ProcessSession session, final FlowFile flowFile, final Inspection inspection) {
        return new AudioInput.Content(() -> session.read(flowFile), flowFile.getSize(), inspection.mimeType());
    }

    /** An http, https or oss URL without spaces, or a clear failure; the URL is shown redacted. */
    static String checkAudioUrl(final String value) throws AsrException {
        final String url = value.strip();
        final int colon = url.indexOf("://");
        final String scheme = colon > 0 ? url.substring(0, colon).toLowerCase(Locale.ROOT) : "";
        final boolean valid = URL_SCHEMES.contains(scheme) && url.length() > colon + 3
                && url.chars().noneMatch(Character::isWhitespace)
                && (scheme.equals("oss") || HttpUrl.parse(url) != null);
        if (!valid) {
            throw AsrException.permanent(AsrErrorCodes.INVALID_AUDIO_URL, "Audio URL '" + Urls.redact(url)
                    + "' is not an http://, https:// or oss:// URL the service can download");
        }
        return url;
    }

    /** The data type: mime.type when it names audio, else the file name's extension, else the content's. */
    private static String mimeType(final FlowFile flowFile, final AudioFormat sniffed) {
        final String declared = flowFile.getAttribute(AsrAttributes.MIME_TYPE);
        if (declared != null) {
            final String bare = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (bare.matches("audio/[a-z0-9.+-]+")) {
                return bare;
            }
        }
        return AudioFormat.fromFileName(flowFile.getAttribute(AsrAttributes.FILENAME))
                .orElse(sniffed)
                .getMimeType();
    }

    private static int readHead(final ProcessSession session, final FlowFile flowFile, final byte[] head) {
        try (InputStream in = session.read(flowFile)) {
            return in.readNBytes(head, 0, head.length);
        } catch (final IOException e) {
            throw new ProcessException("Could not read the FlowFile content", e);
        }
    }
}
