package io.github.nifiqwenasr.simulator.http;

import java.io.IOException;
import java.io.OutputStream;

/** Streams a response body of a length announced beforehand. */
@FunctionalInterface
public interface BodyWriter {
    void writeTo(OutputStream out) throws IOException;
}
