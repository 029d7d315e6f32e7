package io.github.nifiqwenasr.client;

/** The states of an asynchronous task (dashscope-api.md section 5.2). */
public enum TaskStatus {
    PENDING,
    RUNNING,
    SUSPENDED,
    SUCCEEDED,
    FAILED,
    CANCELED,
    UNKNOWN;

    /** Still queued or working: ask again later. */
    public boolean isInProgress() {
        return this == PENDING || this == RUNNING || this == SUSPENDED;
    }

    /** The service's word for a status this client does not know is read as UNKNOWN. */
    public static TaskStatus fromWire(final String value) {
        for (final TaskStatus status : values()) {
            if (status.name().equals(value)) {
                return status;
            }
        }
        return UNKNOWN;
    }
}
