package org.nanoos.labhub.verticals.xrd;

import java.util.Objects;

/**
 * Raised when a diffraction pattern cannot be analysed as asked: the data are malformed, no peak stands out of the
 * noise, a fit does not converge, or no lattice indexes the peaks. The {@link #reason()} says which, so that a caller
 * can dead-letter the measurement with a machine-readable cause; the message says what was wrong and where. No
 * result is ever made up in place of one of these.
 */
public class XrdAnalysisException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The 2θ and intensity arrays differ in length, or an argument is missing. */
        MALFORMED,
        /** Fewer points than {@link XrdPattern#MIN_POINTS}. */
        TOO_FEW_POINTS,
        /** A 2θ or intensity is NaN or infinite. */
        NOT_FINITE,
        /** A 2θ lies outside (0°, 180°). */
        OUT_OF_RANGE,
        /** 2θ decreases somewhere. */
        NOT_ASCENDING,
        /** The same 2θ appears twice in a row. */
        DUPLICATE_ANGLE,
        /** The 2θ steps are too uneven for window-based smoothing and background estimation. */
        IRREGULAR_STEP,
        /** A negative intensity where the options say intensities are raw counts. */
        NEGATIVE_INTENSITY,
        /** An analysis option is out of range. */
        INVALID_OPTION,
        /** No peak rises above the detection threshold. */
        NO_PEAKS,
        /** A least-squares fit failed to converge or gave a singular covariance. */
        FIT_FAILED,
        /** Too few peaks for the requested indexing or lattice refinement. */
        TOO_FEW_PEAKS,
        /** No lattice type indexes all peaks with an acceptable figure of merit. */
        UNINDEXABLE,
        /** Instrumental broadening is undefined at a peak (Caglioti U, V, W give a negative FWHM²). */
        INVALID_INSTRUMENT
    }

    private final Reason reason;

    /** An exception for {@code reason} with a message saying what was wrong. */
    public XrdAnalysisException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** An exception for {@code reason} caused by {@code cause}. */
    public XrdAnalysisException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** What went wrong, for routing and dead-lettering. */
    public Reason reason() {
        return reason;
    }
}
