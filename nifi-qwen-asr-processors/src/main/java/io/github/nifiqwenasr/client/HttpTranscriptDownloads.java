/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import io.github.nifiqwenasr.api.AsrErrorCodes;
import io.github.nifiqwenasr.api.AsrException;
import io.github.nifiqwenasr.api.TranscriptDownload;
import io.github.nifiqwenasr.api.TranscriptDownloads;
import io.github.nifiqwenasr.io.SizeLimitedInputStream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.util.Locale;

/** Downloads of finished transcripts from their pre-signed {@code transcription_url} (dashscope-api.md section 5.2). */
public final class HttpTranscriptDownloads implements TranscriptDownloads {

    private static final String DOWNLOAD = "Transcript download";

    private final OkHttpClient downloads;

    /** @param downloads follows redirects (never from https to http), carries no key and has no Call Timeout */
    HttpTranscriptDownloads(final OkHttpClient downloads) {
        this.downloads = downloads;
    }

    /**
     * Opens the transcript at {@code url} for reading. No {@code Authorization} header is sent. Reading more than
     * {@code maxBytes} fails with {@link SizeLimitedInputStream.SizeLimitExceededException}.
     */
    @Override
    public TranscriptDownload open(final String url, final long maxBytes) throws AsrException {
        final HttpUrl parsed = url == null ? null : HttpUrl.parse(url.strip());
        if (parsed == null) {
            throw AsrException.permanent(AsrErrorCodes.INVALID_TRANSCRIPTION_URL, "Transcription URL '"
                    + ApiCalls.printable(Urls.redact(url)) + "' is not an http or https URL");
        }
        final Request request = new Request.Builder().url(parsed).get().build();
        Response response = null;
        try {
            response = downloads.newCall(request).execute();
            if (!response.isSuccessful()) {
                final AsrException error = RemoteErrors.fromResponse(response, DOWNLOAD, false);
                throw isExpiry(error) ? expired(error) : error;
            }
            final ResponseBody body = response.body();
            final long declared = body.contentLength();
            if (declared > maxBytes) {
                throw AsrException.permanent(AsrErrorCodes.RESPONSE_TOO_LARGE, "The transcript at " + Urls.redact(parsed)
                        + " is " + declared + " bytes, more than the limit of " + maxBytes + " bytes");
            }
            final TranscriptDownload download = new TranscriptDownload(
                    new SizeLimitedInputStream(body.byteStream(), maxBytes), declared, response);
            response = null;
            return download;
        } catch (final IOException e) {
            throw RemoteErrors.fromTransport(e, parsed, DOWNLOAD);
        } finally {
            if (response != null) {
                response.close();
            }
        }
    }

    /** OSS answers an out-of-date pre-signed URL with 403 AccessDenied "Request has expired." */
    private static boolean isExpiry(final AsrException error) {
        return error.getHttpStatus().orElse(0) == 403 && error.getMessage().toLowerCase(Locale.ROOT).contains("expired");
    }

    private static AsrException expired(final AsrException error) {
        return AsrException.builder(AsrException.Kind.PERMANENT, AsrErrorCodes.TRANSCRIPT_EXPIRED, ApiCalls.followedBy(error.getMessage(),
                        "Transcription URLs are pre-signed and valid for 24 hours after the task finished"))
                .httpStatus(403)
                .build();
    }
}
