package org.nanoos.labhub.verticals.uvvis;

import java.util.Objects;

/**
 * Raised when a UV-Vis spectrum cannot be analysed as asked: malformed data, a physically impossible value, a
 * non-positive film thickness, or no absorption edge to fit. {@link #reason()} says which, for routing and
 * dead-lettering; the message says what and where. No band gap is ever made up in place of one of these.
 */
public class UvVisAnalysisException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The columns differ in length, or an argument is missing. */
        MALFORMED,
        /** Fewer points than {@link UvVisSpectrum#MIN_POINTS}. */
        TOO_FEW_POINTS,
        /** A wavelength or ordinate is NaN or infinite. */
        NOT_FINITE,
        /** A wavelength is zero or negative. */
        NON_POSITIVE_WAVELENGTH,
        /** The wavelengths neither rise nor fall throughout (a scan runs one way). */
        NOT_MONOTONIC,
        /** The same wavelength appears twice in a row. */
        DUPLICATE_WAVELENGTH,
        /** A transmittance of zero or below, whose absorbance is undefined. */
        NON_POSITIVE_TRANSMITTANCE,
        /** The film thickness is zero, negative or not finite. */
        NON_POSITIVE_THICKNESS,
        /** An analysis option is out of range. */
        INVALID_OPTION,
        /** No straight, rising segment of a Tauc plot that extrapolates to a gap inside the measured range. */
        NO_EDGE
    }

    private final Reason reason;

    /** An exception for {@code reason} with a message saying what was wrong. */
    public UvVisAnalysisException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** What went wrong, for routing and dead-lettering. */
    public Reason reason() {
        return reason;
    }
}
