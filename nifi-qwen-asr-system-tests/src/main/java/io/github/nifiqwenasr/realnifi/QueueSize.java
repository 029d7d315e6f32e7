package io.github.nifiqwenasr.realnifi;

/** How much waits in a connection. */
public record QueueSize(int flowFiles, long bytes) {
}
