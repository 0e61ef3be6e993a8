package org.nanoos.labhub.processors.experiments;

/** The life cycle of a run: PENDING → RUNNING → COMPLETED / FAILED / CANCELLED; a pending run may fail or be cancelled. */
public enum RunStatus {
    PENDING, RUNNING, COMPLETED, FAILED, CANCELLED;

    /** Whether the run has ended and will not change again. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
