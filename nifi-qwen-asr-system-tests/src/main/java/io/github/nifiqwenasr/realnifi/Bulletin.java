package io.github.nifiqwenasr.realnifi;

/** One entry of NiFi's bulletin board. */
public record Bulletin(String sourceId, String sourceName, String level, String message) {
}
