package org.nanoos.labhub.verticals.xrd;

/**
 * One diffraction peak as fitted: a {@link PseudoVoigt} (area-weighted mixture of a Lorentzian and a Gaussian of
 * common FWHM, η the Lorentzian fraction of the area, as in the forward model) on a local linear background, with
 * every further emission line of the radiation (Kα2) as a copy of fixed relative weight at the angle Bragg's law gives
 * for its wavelength. Values refer to the main line (Kα1). Uncertainties are standard uncertainties (1σ) from the fit
 * covariance scaled by the reduced χ²; those of area and d are propagated from it, correlations included.
 *
 * @param twoThetaDeg      fitted peak position 2θ, degrees
 * @param uTwoThetaDeg     its standard uncertainty, degrees
 * @param height           fitted peak height above the background, intensity units of the input
 * @param uHeight          its standard uncertainty
 * @param fwhmDeg          fitted full width at half maximum, degrees 2θ
 * @param uFwhmDeg         its standard uncertainty, degrees
 * @param eta              fitted Lorentzian fraction η of the pseudo-Voigt's area, 0 to 1
 * @param uEta             its standard uncertainty
 * @param area             integrated intensity of the main-line component, intensity units × degrees
 * @param uArea            its standard uncertainty
 * @param dSpacingA        interplanar spacing d = λ/(2 sin θ), Å
 * @param uDSpacingA       its standard uncertainty, Å
 * @param emissionLines    how many emission lines the peak model holds (1, or 2 with Kα2)
 * @param peaksInFit       how many peaks were fitted together with this one (1 if it was isolated)
 * @param fitPoints        number of data points in the fit window
 * @param reducedChiSquare Σ w r²/(n − p) of the fit window: ≈ 1 for a good fit with {@link FitWeighting#POISSON}
 *                         weights on counts; with {@link FitWeighting#UNIFORM} it is the residual variance,
 *                         intensity units squared
 */
public record FittedPeak(double twoThetaDeg, double uTwoThetaDeg, double height, double uHeight, double fwhmDeg,
                         double uFwhmDeg, double eta, double uEta, double area, double uArea, double dSpacingA,
                         double uDSpacingA, int emissionLines, int peaksInFit, int fitPoints,
                         double reducedChiSquare) {

    /** The Bragg angle θ, degrees. */
    public double thetaDeg() {
        return twoThetaDeg / 2;
    }
}
