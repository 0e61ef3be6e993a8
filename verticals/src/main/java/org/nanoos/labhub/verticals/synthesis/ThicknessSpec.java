package org.nanoos.labhub.verticals.synthesis;

import org.nanoos.labhub.verticals.synthesis.SynthesisAnalysisException.Reason;

/**
 * The thickness window a film must lie in, bounds included.
 *
 * @param minNm lower bound, nm (≥ 0)
 * @param maxNm upper bound, nm (above the lower)
 */
public record ThicknessSpec(double minNm, double maxNm) {

    /** Checks the window. */
    public ThicknessSpec {
        if (!Double.isFinite(minNm) || !Double.isFinite(maxNm)) {
            throw new SynthesisAnalysisException(Reason.NOT_FINITE, "minNm and maxNm must be finite, were " + minNm
                    + " and " + maxNm);
        }
        if (minNm < 0 || !(maxNm > minNm)) {
            throw new SynthesisAnalysisException(Reason.INVALID_OPTION, "a thickness window needs 0 ≤ minNm < maxNm, "
                    + "was [" + minNm + ", " + maxNm + "] nm");
        }
    }

    /** target ± tolerance, nm. */
    public static ThicknessSpec around(double targetNm, double toleranceNm) {
        return new ThicknessSpec(targetNm - toleranceNm, targetNm + toleranceNm);
    }

    /** target ± percent % of target. */
    public static ThicknessSpec aroundPercent(double targetNm, double percent) {
        return around(targetNm, targetNm * percent / 100);
    }

    /** Whether {@code thicknessNm} lies in the window. */
    public boolean contains(double thicknessNm) {
        return thicknessNm >= minNm && thicknessNm <= maxNm;
    }
}
