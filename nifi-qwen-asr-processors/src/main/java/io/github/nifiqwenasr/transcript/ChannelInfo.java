package io.github.nifiqwenasr.transcript;

/**
 * What the first pass learned about one channel of {@code transcripts}.
 *
 * @param index its position in {@code transcripts}
 * @param id its {@code channel_id}, the audio track it transcribes
 * @param hasText whether it has a {@code text} string
 */
record ChannelInfo(int index, int id, boolean hasText) {
}
