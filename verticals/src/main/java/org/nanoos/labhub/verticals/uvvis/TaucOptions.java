package org.nanoos.labhub.verticals.uvvis;

import java.util.Objects;

import org.nanoos.labhub.verticals.uvvis.UvVisAnalysisException.Reason;

/**
 * Settings of a Tauc band-gap analysis, stored with its result.
 *
 * @param thicknessNm        film thickness t for α = ln 10 · A / t, nm (must be positive)
 * @param selection          which transition(s) to fit
 * @param minWindowPoints    the fewest points in a linear window (at least 5)
 * @param minRSquared        the coefficient of determination a window must reach to count as straight, in (0, 1)
 * @param steepFraction      a window must have at least this fraction of the steepest acceptable slope, in (0, 1]
 * @param maxAbsorbance      points with absorbance above this are left out (beyond a spectrometer's photometric
 *                           range stray light dominates); their number is reported
 */
public record TaucOptions(double thicknessNm, TransitionSelection selection, int minWindowPoints,
                          double minRSquared, double steepFraction, double maxAbsorbance) {

    /** Checks every option; a non-positive thickness is refused with {@link Reason#NON_POSITIVE_THICKNESS}. */
    public TaucOptions {
        Optics.requireThickness(thicknessNm);
        Objects.requireNonNull(selection, "selection");
        require(minWindowPoints >= 5, "a linear window needs at least 5 points, was " + minWindowPoints);
        require(minRSquared > 0 && minRSquared < 1, "minimum R² must lie in (0, 1), was " + minRSquared);
        require(steepFraction > 0 && steepFraction <= 1, "steep fraction must lie in (0, 1], was " + steepFraction);
        require(maxAbsorbance > 0 && !Double.isNaN(maxAbsorbance), "maximum absorbance must be positive, was "
                + maxAbsorbance);
    }

    /**
     * Defaults for a film of thickness {@code thicknessNm}: automatic choice of transition, windows of at least 10
     * points, R² ≥ 0.995, slopes of at least half the steepest, absorbance up to 4.
     */
    public static TaucOptions defaults(double thicknessNm) {
        return new TaucOptions(thicknessNm, TransitionSelection.AUTOMATIC, 10, 0.995, 0.5, 4.0);
    }

    /** The same options fitting only {@code value}. */
    public TaucOptions withSelection(TransitionSelection value) {
        return new TaucOptions(thicknessNm, value, minWindowPoints, minRSquared, steepFraction, maxAbsorbance);
    }

    /** The same options with another linearity criterion. */
    public TaucOptions withWindow(int points, double rSquared) {
        return new TaucOptions(thicknessNm, selection, points, rSquared, steepFraction, maxAbsorbance);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new UvVisAnalysisException(Reason.INVALID_OPTION, message);
        }
    }
}
