package org.nanoos.labhub.verticals.xrd;

/**
 * How the instrumental width b is removed from an observed peak width B (both FWHM) to leave the sample's width β.
 * Neither rule is exact for the pseudo-Voigt (really Voigt) profiles of real data; which is closer depends on whether
 * the profiles are Gaussian- or Lorentzian-like (fitted η below or above ½). The rule used is always reported.
 */
public enum BroadeningCorrection {
    /** β = √(B² − b²): exact for Gaussian profiles, whose convolution adds variances. */
    QUADRATIC,
    /** β = B − b: exact for Lorentzian profiles, whose convolution adds widths. */
    LINEAR;

    /** The sample width β from observed B and instrumental b, degrees; NaN if B ≤ b (not broadened beyond the instrument). */
    double sampleWidth(double observed, double instrumental) {
        if (!(observed > instrumental)) {
            return Double.NaN;
        }
        return this == QUADRATIC ? Math.sqrt(observed * observed - instrumental * instrumental)
                : observed - instrumental;
    }

    /** dβ/dB, for propagating the uncertainty of the fitted width (the instrumental width is taken as exact). */
    double derivative(double observed, double instrumental) {
        return this == QUADRATIC ? observed / sampleWidth(observed, instrumental) : 1.0;
    }
}
