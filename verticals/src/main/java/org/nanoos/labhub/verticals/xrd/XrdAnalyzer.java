package org.nanoos.labhub.verticals.xrd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.nanoos.labhub.verticals.crystallography.Radiation;
import org.nanoos.labhub.verticals.xrd.XrdAnalysisException.Reason;

/**
 * Analyses a two-column powder pattern: background, peaks, d-spacings, lattice and crystallite size.
 *
 * <ol>
 *   <li>Background: {@link SnipBackground SNIP} with clipping half-width {@link XrdOptions#backgroundWindowDeg()}
 *       (automatic: 8 × the FWHM of the strongest peak, at least 10 points), on the LLS scale for counting data,
 *       applied to the Savitzky–Golay-smoothed pattern so that clipping does not follow the noise down to its lower
 *       envelope (the smoothing Morháč et al. recommend).</li>
 *   <li>Detection on the background-subtracted pattern smoothed by {@link SavitzkyGolay} (automatic window: the
 *       strongest peak's FWHM in points, odd, 5 to 51): local maxima above both minSignalToNoise × the local noise
 *       (robust, from the smoothing residual) and minRelativeHeight × the strongest, with at least that prominence.
 *       Satellites (Kα2) of stronger peaks are not counted as peaks. Smoothing serves detection only.</li>
 *   <li>Fitting of the unsmoothed background-subtracted data: pseudo-Voigt peaks (with their Kα2 doublet partners
 *       when the radiation has them) on a local linear background, by Levenberg–Marquardt; see {@link FittedPeak}.
 *       Positions come from the fits, not from the raw maxima.</li>
 *   <li>d = λ/(2 sin θ) with λ the main line of {@link XrdOptions#radiation()}.</li>
 *   <li>Indexing ({@link Indexing}) as {@link XrdOptions#latticeSearch()} asks.</li>
 *   <li>{@link ScherrerAnalysis Scherrer} sizes with the instrumental width removed as stated in the options.</li>
 * </ol>
 *
 * <p>Stateless and thread-safe; pure computation, no I/O.
 */
public final class XrdAnalyzer {

    /** Smallest and largest automatic Savitzky–Golay windows, points. */
    static final int MIN_AUTO_WINDOW = 5;
    static final int MAX_AUTO_WINDOW = 51;
    /** Automatic SNIP half-width in FWHMs of the strongest peak. */
    static final double AUTO_BACKGROUND_FWHM = 8;

    private XrdAnalyzer() {
    }

    /**
     * Analyses {@code pattern} with {@code options}.
     *
     * @throws XrdAnalysisException with {@link Reason#NEGATIVE_INTENSITY}, {@link Reason#NO_PEAKS},
     *                              {@link Reason#FIT_FAILED}, {@link Reason#TOO_FEW_PEAKS}, {@link Reason#UNINDEXABLE}
     *                              or {@link Reason#INVALID_INSTRUMENT}; malformed patterns are refused earlier by
     *                              {@link XrdPattern}
     */
    public static XrdAnalysis analyze(XrdPattern pattern, XrdOptions options) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(options, "options");
        int negative = pattern.firstNegative();
        if (negative >= 0 && options.negativeIntensity() == NegativeIntensityPolicy.REJECT) {
            throw new XrdAnalysisException(Reason.NEGATIVE_INTENSITY, String.format(Locale.ROOT,
                    "intensity %s at index %d (2θ = %s°) is negative; raw counts cannot be. If the background was "
                            + "already subtracted, set negativeIntensity to ACCEPT", pattern.y()[negative], negative,
                    pattern.x()[negative]));
        }
        double[] x = pattern.x();
        double[] y = pattern.y();
        List<String> notes = new ArrayList<>();

        Windows windows = windows(pattern, options);
        int window = windows.smoothingPoints();
        double backgroundDeg = windows.backgroundDeg();
        boolean lls = options.backgroundLlsTransform() && negative < 0;
        double[] background = SnipBackground.estimate(SavitzkyGolay.smooth(y, window, options.smoothingOrder()),
                windows.backgroundPoints(), lls);
        double[] net = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            net[i] = y[i] - background[i];
        }

        FitWeighting weighting = options.weighting().resolve(y);
        List<PeakFinder.Candidate> candidates = PeakFinder.find(x, net, window, options.smoothingOrder(),
                options.minSignalToNoise(), options.minRelativeHeight(), options.radiation());
        if (candidates.isEmpty()) {
            throw new XrdAnalysisException(Reason.NO_PEAKS, String.format(Locale.ROOT,
                    "no peak rises %.1f σ of the local noise and %.1f %% of the strongest feature above the SNIP "
                            + "background between 2θ = %.3f° and %.3f°", options.minSignalToNoise(),
                    100 * options.minRelativeHeight(), x[0], x[x.length - 1]));
        }
        List<FittedPeak> peaks = new PeakFitter(x, net, y, options, weighting, notes).fit(candidates);
        if (peaks.isEmpty()) {
            throw new XrdAnalysisException(Reason.NO_PEAKS, candidates.size() + " candidate(s) rose above the "
                    + "detection threshold but none is a significant peak when fitted (" + String.join("; ",
                    notes.subList(0, Math.min(3, notes.size()))) + (notes.size() > 3 ? "; …)" : ")"));
        }
        String doubletHint = unmodelledDoublets(peaks, options);
        if (doubletHint != null) {
            notes.add(doubletHint);
        }
        Indexing indexing = null;
        if (options.latticeSearch() != LatticeSearch.NONE) {
            try {
                indexing = Indexer.index(peaks, options, options.latticeSearch());
            } catch (XrdAnalysisException e) {
                if (doubletHint == null) {
                    throw e;
                }
                throw new XrdAnalysisException(e.reason(), e.getMessage() + ". Note: " + doubletHint, e);
            }
        }
        ScherrerAnalysis scherrer = ScherrerAnalysis.of(peaks, options.wavelengthA(), options.scherrerK(),
                options.instrument(), options.broadeningCorrection());
        if (indexing != null && indexing.ambiguous()) {
            notes.add("indexing is ambiguous: " + indexing.reason());
        }
        String method = String.format(Locale.ROOT, "SNIP background of the smoothed pattern (half-width %.3f°%s), Savitzky–Golay "
                        + "detection (window %d, order %d), pseudo-Voigt Levenberg–Marquardt fits (%d emission line%s, "
                        + "%s weights), Bragg d with λ = %.5f Å, %s indexing, Scherrer K = %.2f with %s instrumental "
                        + "correction", backgroundDeg, lls ? ", LLS scale" : "", window, options.smoothingOrder(),
                options.radiation().lines().size(), options.radiation().lines().size() == 1 ? "" : "s",
                weighting, options.wavelengthA(), options.latticeSearch(), options.scherrerK(),
                options.broadeningCorrection());
        return new XrdAnalysis(method, options, options.wavelengthA(), backgroundDeg, window, candidates.size(),
                peaks, indexing, scherrer, notes);
    }

    /** The SNIP background that {@link #analyze} would subtract, one value per point (for plotting). */
    public static double[] background(XrdPattern pattern, XrdOptions options) {
        Windows windows = windows(pattern, options);
        return SnipBackground.estimate(SavitzkyGolay.smooth(pattern.y(), windows.smoothingPoints(),
                options.smoothingOrder()), windows.backgroundPoints(),
                options.backgroundLlsTransform() && pattern.firstNegative() < 0);
    }

    private record Windows(int smoothingPoints, double backgroundDeg, int backgroundPoints) {
    }

    /** The smoothing and background windows: as given, or derived from the strongest peak's FWHM. */
    private static Windows windows(XrdPattern pattern, XrdOptions options) {
        double step = pattern.medianStepDeg();
        double strongestFwhm = Double.NaN;
        if (options.smoothingWindowPoints() == 0 || options.backgroundWindowDeg() == 0) {
            strongestFwhm = PeakFinder.strongestFwhmDeg(pattern.x(), pattern.y(), 10 * step);
        }
        int window = options.smoothingWindowPoints();
        if (window == 0) {
            int points = (int) Math.round(strongestFwhm / step);
            window = Math.max(MIN_AUTO_WINDOW, Math.min(MAX_AUTO_WINDOW, points | 1));
            window = Math.max(window, (options.smoothingOrder() + 2) | 1);
            int largestOdd = pattern.size() % 2 == 1 ? pattern.size() : pattern.size() - 1;
            window = Math.min(window, largestOdd);
        }
        double backgroundDeg = options.backgroundWindowDeg() > 0 ? options.backgroundWindowDeg()
                : Math.max(AUTO_BACKGROUND_FWHM * strongestFwhm, 10 * step);
        return new Windows(window, backgroundDeg, Math.max(1, (int) Math.round(backgroundDeg / step)));
    }

    /**
     * A warning when the options name one emission line but the peaks come in pairs where Cu Kα2 would put them
     * (λ₁ within 0.001 Å of Cu Kα1; at least two pairs at the Kα2 angle within max(0.3 FWHM, 0.01°) with an area ratio
     * of 0.3 to 0.7), i.e. the tube was not monochromated and {@link Radiation#copperKAlpha12()} should be given; else
     * null.
     */
    private static String unmodelledDoublets(List<FittedPeak> peaks, XrdOptions options) {
        if (options.radiation().lines().size() > 1
                || Math.abs(options.wavelengthA() - Radiation.CU_K_ALPHA1_A) > 0.001) {
            return null;
        }
        double ratio = Radiation.CU_K_ALPHA2_A / options.wavelengthA();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < peaks.size(); i++) {
            FittedPeak main = peaks.get(i);
            FittedPeak next = peaks.get(i + 1);
            double at = PeakFinder.satellitePosition(main.twoThetaDeg(), ratio);
            double areaRatio = next.area() / main.area();
            if (Math.abs(next.twoThetaDeg() - at) <= Math.max(0.3 * main.fwhmDeg(), 0.01)
                    && areaRatio >= 0.3 && areaRatio <= 0.7) {
                pairs.add(String.format(Locale.ROOT, "%.3f°/%.3f°", main.twoThetaDeg(), next.twoThetaDeg()));
            }
        }
        if (pairs.size() < 2) {
            return null;
        }
        return pairs.size() + " peak pairs (" + String.join(", ", pairs) + ") are spaced and weighted like Cu Kα1/Kα2 "
                + "doublets, but the radiation has a single line; if the tube is not monochromated, analyse with "
                + "Radiation.copperKAlpha12()";
    }

    /** Bragg's law: d = λ/(2 sin θ), Å, for 2θ in degrees and λ in Å. */
    public static double dSpacingA(double twoThetaDeg, double wavelengthA) {
        if (!(twoThetaDeg > 0 && twoThetaDeg < 180) || !(wavelengthA > 0) || Double.isInfinite(wavelengthA)) {
            throw new XrdAnalysisException(Reason.INVALID_OPTION, "need 0 < 2θ < 180° and λ > 0, were "
                    + twoThetaDeg + "° and " + wavelengthA + " Å");
        }
        return wavelengthA / (2 * Math.sin(Math.toRadians(twoThetaDeg / 2)));
    }
}
