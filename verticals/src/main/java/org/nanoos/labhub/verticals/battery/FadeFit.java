package org.nanoos.labhub.verticals.battery;

/**
 * A straight line through capacity retention against cycle number, R(k) = a + b·k in %, by ordinary least squares.
 *
 * @param fadeRatePercentPerCycle  −b: retention lost per cycle, % of the reference capacity per cycle
 * @param uFadeRatePercentPerCycle standard error of b from the regression (n − 2 degrees of freedom)
 * @param interceptPercent         a, %
 * @param rSquared                 coefficient of determination
 * @param cycles                   cycles in the fit
 * @param firstCycle               first cycle number fitted (the reference)
 * @param lastCycle                last cycle number fitted
 */
public record FadeFit(double fadeRatePercentPerCycle, double uFadeRatePercentPerCycle, double interceptPercent,
                      double rSquared, int cycles, int firstCycle, int lastCycle) {
}
