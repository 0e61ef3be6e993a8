package org.nanoos.labhub.verticals.synthesis;

import java.util.Objects;

/**
 * Raised when synthesis data cannot be used as asked: too few points, NaN or infinite values, non-positive
 * thicknesses, times or masses, or an empty specification window. {@link #reason()} says which; the message names
 * the field and index. No rate or yield is ever made up in place of one of these.
 */
public class SynthesisAnalysisException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** An argument is missing. */
        MALFORMED,
        /** Fewer than {@link DepositionRun#MIN_POINTS} thickness points. */
        TOO_FEW_POINTS,
        /** A value is NaN or infinite. */
        NOT_FINITE,
        /** A thickness, time or mass is zero or negative. */
        NON_POSITIVE,
        /** A specification window is empty or negative. */
        INVALID_OPTION
    }

    private final Reason reason;

    /** An exception for {@code reason} with a message saying what was wrong. */
    public SynthesisAnalysisException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** What went wrong, for routing and dead-lettering. */
    public Reason reason() {
        return reason;
    }
}
