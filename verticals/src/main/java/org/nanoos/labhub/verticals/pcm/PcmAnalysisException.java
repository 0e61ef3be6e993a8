package org.nanoos.labhub.verticals.pcm;

import java.util.Objects;

/**
 * Raised when phase-change-memory data or parameters cannot be used as asked: malformed or non-finite input, a
 * quantity that must be positive and is not, temperatures out of order, or a resistance sweep without a
 * crystallization step inside it. {@link #reason()} says which; the message names the field and index. No
 * temperature or energy is ever made up in place of one of these.
 */
public class PcmAnalysisException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** An argument is missing, or arrays that belong together differ in length. */
        MALFORMED,
        /** Fewer points than {@link ResistanceSweep#MIN_POINTS}, or too few inside a smoothing window. */
        TOO_FEW_POINTS,
        /** A value is NaN or infinite. */
        NOT_FINITE,
        /** A quantity that must be positive (resistance, volume, density, efficiency …) is not. */
        NON_POSITIVE,
        /** Temperatures do not strictly increase (a heating sweep is analysed in order). */
        NOT_ASCENDING,
        /** An option or parameter is out of range (e.g. efficiency above 1, melting below ambient). */
        INVALID_OPTION,
        /** log R does not fall steeply enough anywhere in the sweep. */
        NO_TRANSITION,
        /** The steepest fall is not fully inside the sweep: it lies at an end, or its half-width reaches one. */
        TRANSITION_AT_EDGE
    }

    private final Reason reason;

    /** An exception for {@code reason} with a message saying what was wrong. */
    public PcmAnalysisException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** What went wrong, for routing and dead-lettering. */
    public Reason reason() {
        return reason;
    }
}
