package org.nanoos.labhub.verticals.xrd;

/**
 * How the points of a peak window are weighted in the least-squares fit. Either way, the parameter covariance is
 * scaled by the reduced χ² of the fit, so uncertainties reflect the scatter actually seen and do not depend on the
 * intensity scale.
 */
public enum FitWeighting {
    /** Every point alike: ordinary least squares, for intensities of unknown statistics (scaled, normalised, cps). */
    UNIFORM,
    /** Weight 1/max(y, 1) with y the raw intensity: Poisson variance, for intensities that are counts. */
    POISSON,
    /** {@link #POISSON} if every intensity is a non-negative whole number (it looks like counts), else {@link #UNIFORM}. */
    AUTO;

    /** This weighting with AUTO decided for {@code intensity}. */
    FitWeighting resolve(double[] intensity) {
        if (this != AUTO) {
            return this;
        }
        for (double y : intensity) {
            if (!(y >= 0) || y != Math.rint(y)) {
                return UNIFORM;
            }
        }
        return POISSON;
    }
}
