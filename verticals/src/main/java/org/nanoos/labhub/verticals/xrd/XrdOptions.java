package org.nanoos.labhub.verticals.xrd;

import org.nanoos.labhub.verticals.crystallography.Radiation;
import org.nanoos.labhub.verticals.xrd.XrdAnalysisException.Reason;

/**
 * Everything the XRD analysis can be told, stored with its result so that a number can always be traced to the
 * settings that produced it. Start from {@link #defaults(Radiation)} and change what differs.
 *
 * @param radiation               the tube's lines: the first is the wavelength for Bragg's law and Scherrer; a second
 *                                line (Kα2) makes every peak a fixed doublet with that line's weight and position
 * @param backgroundWindowDeg     SNIP largest clipping half-width, degrees 2θ; 0 = automatic (8 × the FWHM of the
 *                                strongest peak, at least 10 points)
 * @param backgroundLlsTransform  whether SNIP clips on the log-log-square-root scale (counting data)
 * @param smoothingWindowPoints   Savitzky–Golay window for peak detection, odd number of points; 0 = automatic (the
 *                                FWHM of the strongest peak in points, made odd, between 5 and 51)
 * @param smoothingOrder          Savitzky–Golay polynomial degree (2 or 3 are usual)
 * @param minSignalToNoise        a peak must rise above the background, and stand out from its surroundings
 *                                (prominence), by this many local noise standard deviations
 * @param minRelativeHeight       …and by at least this fraction of the strongest peak's height (0 to 1)
 * @param fitWindowFwhm           each peak is fitted over ± this many FWHM around it (and its Kα2 partner)
 * @param weighting               least-squares weights of the peak fits
 * @param negativeIntensity       what to do with negative intensities
 * @param latticeSearch           which lattices to index with
 * @param indexingToleranceDeg    a peak is indexed when |2θ_obs − 2θ_calc| ≤ max(this, 3 u(2θ_obs)), degrees
 * @param maxIndexingLines        at most this many peaks, from low angle, are used to find a cell (20, as for de
 *                                Wolff's M20); all peaks are then indexed with it
 * @param minFigureOfMerit        a cell is accepted only with de Wolff M_N at least this (de Wolff suggests 10)
 * @param scherrerK               Scherrer shape factor K (0.9 for spherical crystallites and FWHM widths)
 * @param instrument              the instrumental FWHM to remove before Scherrer
 * @param broadeningCorrection    how it is removed
 */
public record XrdOptions(Radiation radiation, double backgroundWindowDeg, boolean backgroundLlsTransform,
                         int smoothingWindowPoints, int smoothingOrder, double minSignalToNoise,
                         double minRelativeHeight, double fitWindowFwhm, FitWeighting weighting,
                         NegativeIntensityPolicy negativeIntensity, LatticeSearch latticeSearch,
                         double indexingToleranceDeg, int maxIndexingLines, double minFigureOfMerit, double scherrerK,
                         InstrumentalBroadening instrument, BroadeningCorrection broadeningCorrection) {

    /** Checks every option. */
    public XrdOptions {
        require(radiation != null, "radiation is required");
        require(weighting != null && negativeIntensity != null && latticeSearch != null && instrument != null
                && broadeningCorrection != null, "weighting, negative-intensity policy, lattice search, instrument "
                + "and broadening correction are required");
        require(backgroundWindowDeg >= 0 && Double.isFinite(backgroundWindowDeg),
                "background window must be ≥ 0° (0 = automatic), was " + backgroundWindowDeg);
        require(smoothingWindowPoints == 0 || smoothingWindowPoints >= 3 && smoothingWindowPoints % 2 == 1,
                "smoothing window must be 0 (automatic) or an odd number ≥ 3, was " + smoothingWindowPoints);
        require(smoothingOrder >= 1 && smoothingOrder <= 6, "smoothing order must be 1 to 6, was " + smoothingOrder);
        require(smoothingWindowPoints == 0 || smoothingWindowPoints >= smoothingOrder + 2,
                "smoothing window must be at least order + 2");
        require(minSignalToNoise > 0 && Double.isFinite(minSignalToNoise),
                "minimum signal-to-noise must be positive, was " + minSignalToNoise);
        require(minRelativeHeight >= 0 && minRelativeHeight < 1,
                "minimum relative height must lie in [0, 1), was " + minRelativeHeight);
        require(fitWindowFwhm >= 1 && Double.isFinite(fitWindowFwhm),
                "fit window must be at least ±1 FWHM, was " + fitWindowFwhm);
        require(indexingToleranceDeg > 0 && indexingToleranceDeg < 1,
                "indexing tolerance must lie in (0, 1)°, was " + indexingToleranceDeg);
        require(maxIndexingLines >= 3, "at least 3 lines are needed for indexing, was " + maxIndexingLines);
        require(minFigureOfMerit >= 0 && Double.isFinite(minFigureOfMerit),
                "minimum figure of merit must be ≥ 0, was " + minFigureOfMerit);
        require(scherrerK > 0 && scherrerK <= 2, "Scherrer K must lie in (0, 2], was " + scherrerK);
    }

    /**
     * Defaults for a laboratory pattern measured with {@code radiation}: automatic background and smoothing windows,
     * SNIP on the LLS scale, quadratic SG smoothing, detection at 4σ and 0.5 % of the strongest peak, fits over ±4
     * FWHM with AUTO weights (Poisson for whole-number counts), negative intensities refused, AUTO indexing with a 0.05° tolerance on up to 20
     * lines and M_N ≥ 10, Scherrer K = 0.9, no instrumental broadening, quadratic correction.
     */
    public static XrdOptions defaults(Radiation radiation) {
        return new XrdOptions(radiation, 0, true, 0, 2, 4.0, 0.005, 4.0, FitWeighting.AUTO,
                NegativeIntensityPolicy.REJECT, LatticeSearch.AUTO, 0.05, 20, 10.0, 0.9,
                InstrumentalBroadening.none(), BroadeningCorrection.QUADRATIC);
    }

    /** The same options with another lattice search. */
    public XrdOptions withLatticeSearch(LatticeSearch value) {
        return new XrdOptions(radiation, backgroundWindowDeg, backgroundLlsTransform, smoothingWindowPoints,
                smoothingOrder, minSignalToNoise, minRelativeHeight, fitWindowFwhm, weighting, negativeIntensity, value,
                indexingToleranceDeg, maxIndexingLines, minFigureOfMerit, scherrerK, instrument, broadeningCorrection);
    }

    /** The same options with another instrumental broadening and correction rule. */
    public XrdOptions withInstrument(InstrumentalBroadening value, BroadeningCorrection correction) {
        return new XrdOptions(radiation, backgroundWindowDeg, backgroundLlsTransform, smoothingWindowPoints,
                smoothingOrder, minSignalToNoise, minRelativeHeight, fitWindowFwhm, weighting, negativeIntensity,
                latticeSearch, indexingToleranceDeg, maxIndexingLines, minFigureOfMerit, scherrerK, value, correction);
    }

    /** The same options with another Scherrer shape factor. */
    public XrdOptions withScherrerK(double value) {
        return new XrdOptions(radiation, backgroundWindowDeg, backgroundLlsTransform, smoothingWindowPoints,
                smoothingOrder, minSignalToNoise, minRelativeHeight, fitWindowFwhm, weighting, negativeIntensity,
                latticeSearch, indexingToleranceDeg, maxIndexingLines, minFigureOfMerit, value, instrument,
                broadeningCorrection);
    }

    /** The same options with another fit weighting. */
    public XrdOptions withWeighting(FitWeighting value) {
        return new XrdOptions(radiation, backgroundWindowDeg, backgroundLlsTransform, smoothingWindowPoints,
                smoothingOrder, minSignalToNoise, minRelativeHeight, fitWindowFwhm, value, negativeIntensity,
                latticeSearch, indexingToleranceDeg, maxIndexingLines, minFigureOfMerit, scherrerK, instrument,
                broadeningCorrection);
    }

    /** The same options with another policy for negative intensities. */
    public XrdOptions withNegativeIntensity(NegativeIntensityPolicy value) {
        return new XrdOptions(radiation, backgroundWindowDeg, backgroundLlsTransform, smoothingWindowPoints,
                smoothingOrder, minSignalToNoise, minRelativeHeight, fitWindowFwhm, weighting, value, latticeSearch,
                indexingToleranceDeg, maxIndexingLines, minFigureOfMerit, scherrerK, instrument, broadeningCorrection);
    }

    /** The same options with other peak-detection thresholds. */
    public XrdOptions withDetection(double signalToNoise, double relativeHeight) {
        return new XrdOptions(radiation, backgroundWindowDeg, backgroundLlsTransform, smoothingWindowPoints,
                smoothingOrder, signalToNoise, relativeHeight, fitWindowFwhm, weighting, negativeIntensity,
                latticeSearch, indexingToleranceDeg, maxIndexingLines, minFigureOfMerit, scherrerK, instrument,
                broadeningCorrection);
    }

    /** The same options with explicit background (degrees) and smoothing (points) windows; 0 for automatic. */
    public XrdOptions withWindows(double backgroundDeg, int smoothingPoints) {
        return new XrdOptions(radiation, backgroundDeg, backgroundLlsTransform, smoothingPoints, smoothingOrder,
                minSignalToNoise, minRelativeHeight, fitWindowFwhm, weighting, negativeIntensity, latticeSearch,
                indexingToleranceDeg, maxIndexingLines, minFigureOfMerit, scherrerK, instrument, broadeningCorrection);
    }

    /** The main wavelength λ, Å. */
    public double wavelengthA() {
        return radiation.mainWavelengthA();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new XrdAnalysisException(Reason.INVALID_OPTION, message);
        }
    }
}
