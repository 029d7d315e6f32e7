package io.github.nifiqwenasr.realnifi;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one ObjectMapper of the harness. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
