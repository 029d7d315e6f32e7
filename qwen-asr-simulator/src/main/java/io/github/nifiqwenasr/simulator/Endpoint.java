package io.github.nifiqwenasr.simulator;

/** What a recorded request was addressed to. API port: the first six; storage port: the next three. */
public enum Endpoint {
    FLASH("POST"),
    COMPAT_CHAT("POST"),
    SUBMIT("POST"),
    TASK_QUERY("GET"),
    TASK_CANCEL("POST"),
    UPLOAD_POLICY("GET"),
    OSS_UPLOAD("POST"),
    TRANSCRIPT("GET"),
    AUDIO_FILE("GET"),
    UNKNOWN(null);

    private final String method;

    Endpoint(final String method) {
        this.method = method;
    }

    /** The one HTTP method the endpoint answers; null for UNKNOWN. */
    String method() {
        return method;
    }

    /** Model calls share the requests-per-minute quota (dashscope-api.md section 8.2: 100 RPM per model). */
    boolean isModelCall() {
        return this == FLASH || this == COMPAT_CHAT || this == SUBMIT;
    }
}
