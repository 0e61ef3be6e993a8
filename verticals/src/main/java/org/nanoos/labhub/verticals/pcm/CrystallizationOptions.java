package org.nanoos.labhub.verticals.pcm;

import org.nanoos.labhub.verticals.pcm.PcmAnalysisException.Reason;

/**
 * How the crystallization temperature is found.
 *
 * @param smoothingHalfWidthK half-width of the local quadratic fits that smooth and differentiate log₁₀ R, K;
 *                            0 = automatic (5 × the median temperature step)
 * @param minDropDecades      the smoothed log₁₀ R must fall by at least this between the two half-maximum points of
 *                            the derivative peak, decades; otherwise there is no transition
 */
public record CrystallizationOptions(double smoothingHalfWidthK, double minDropDecades) {

    /** Checks the options. */
    public CrystallizationOptions {
        if (!(smoothingHalfWidthK >= 0) || Double.isInfinite(smoothingHalfWidthK)) {
            throw new PcmAnalysisException(Reason.INVALID_OPTION, "smoothingHalfWidthK must be ≥ 0 (0 = automatic)"
                    + " and finite, was " + smoothingHalfWidthK);
        }
        if (!(minDropDecades > 0) || Double.isInfinite(minDropDecades)) {
            throw new PcmAnalysisException(Reason.INVALID_OPTION, "minDropDecades must be positive and finite, was "
                    + minDropDecades);
        }
    }

    /** Automatic smoothing, and a drop of at least half a decade. */
    public static CrystallizationOptions defaults() {
        return new CrystallizationOptions(0, 0.5);
    }

    /** The same with another smoothing half-width, K (0 = automatic). */
    public CrystallizationOptions withSmoothingHalfWidthK(double value) {
        return new CrystallizationOptions(value, minDropDecades);
    }
}
