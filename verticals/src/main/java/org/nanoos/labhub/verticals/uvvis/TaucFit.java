package org.nanoos.labhub.verticals.uvvis;

/**
 * The straight line fitted to one Tauc plot y = (αhν)^n against hν over the automatically chosen window, and the band
 * gap where it meets the energy axis. The line is ordinary least squares y = m·hν + b; the gap Eg = −b/m, with the
 * standard uncertainty propagated from the covariance of m and b,
 * u²(Eg) = [u²(b) + Eg² u²(m) + 2 Eg cov(m, b)]/m², the regression's own uncertainty only.
 * {@code windowSpreadEv} shows how much the gap moves with the choice of window.
 *
 * @param transition               the transition whose Tauc plot this is
 * @param exponent                 n, the power applied to αhν (2 direct, ½ indirect)
 * @param bandGapEv                Eg, eV
 * @param uBandGapEv               its standard uncertainty from the regression, eV
 * @param slope                    m, (cm⁻¹·eV)ⁿ per eV
 * @param uSlope                   its standard uncertainty, same units
 * @param intercept                b, the line's value at hν = 0, (cm⁻¹·eV)ⁿ
 * @param uIntercept               its standard uncertainty, same units
 * @param slopeInterceptCovariance cov(m, b), (cm⁻¹·eV)²ⁿ per eV
 * @param rSquared                 coefficient of determination of the line in its window
 * @param windowStartEv            lowest photon energy of the window, eV
 * @param windowEndEv              highest photon energy of the window, eV
 * @param windowPoints             points in the window
 * @param acceptableWindows        how many windows passed the linearity rules (see {@link TaucAnalyzer})
 * @param windowSpreadEv           half the range of Eg over the steep acceptable windows at least half as wide as the
 *                                 chosen one, eV (0 if there is no other)
 */
public record TaucFit(TaucTransition transition, double exponent, double bandGapEv, double uBandGapEv, double slope,
                      double uSlope, double intercept, double uIntercept, double slopeInterceptCovariance,
                      double rSquared, double windowStartEv, double windowEndEv, int windowPoints,
                      int acceptableWindows, double windowSpreadEv) {

    /** The energy span of the window, eV. */
    public double windowSpanEv() {
        return windowEndEv - windowStartEv;
    }
}
