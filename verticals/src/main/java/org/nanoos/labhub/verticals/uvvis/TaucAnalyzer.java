package org.nanoos.labhub.verticals.uvvis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.nanoos.labhub.verticals.uvvis.UvVisAnalysisException.Reason;

/**
 * Optical band gap from a UV-Vis spectrum of a film of known thickness by Tauc analysis, with the linear region
 * chosen automatically by a stated rule.
 *
 * <ol>
 *   <li>Absorbance (from T as A = −log₁₀ T if needed) → α = ln 10 · A / t; λ → hν = hc/λ (exact SI constants);
 *       points with A above {@link TaucOptions#maxAbsorbance()} are left out and counted.</li>
 *   <li>For each transition, y = (αhν)ⁿ (n = 2 direct, ½ indirect; sign kept for negative α) against hν.</li>
 *   <li>Candidate windows are runs of consecutive points, at least {@link TaucOptions#minWindowPoints()} long, of
 *       every start and of lengths growing by {@value #LENGTH_FACTOR}× up to the whole spectrum. A window is
 *       <em>acceptable</em> when its least-squares line rises (m &gt; 0), is straight (R² ≥
 *       {@link TaucOptions#minRSquared()}), and meets the energy axis below the window's first point but above the
 *       lowest measured energy — i.e. the window lies above an onset that the data contain.</li>
 *   <li>Of the acceptable windows those with a slope at least {@link TaucOptions#steepFraction()} of the steepest are
 *       <em>steep</em>: this keeps the band edge and drops gently rising baselines, Urbach tails and saturating
 *       tops. The chosen window is the steep one spanning the widest energy range (ties: higher R²) — the longest
 *       straight stretch of the edge, which gives the smallest regression uncertainty.</li>
 *   <li>Eg = −b/m of that window's line, with u(Eg) from the covariance of m and b (see {@link TaucFit}).</li>
 *   <li>With {@link TransitionSelection#AUTOMATIC}, the transition whose chosen window spans more energy wins;
 *       the result is marked ambiguous if that span is less than {@value #AMBIGUOUS_SPAN_RATIO} times the other.</li>
 * </ol>
 *
 * <p>Not corrected: reflection losses, interference fringes, substrate absorption and a sloping baseline (subtract
 * them first); these shift Eg by more than the regression uncertainty says.
 */
public final class TaucAnalyzer {

    /** Successive window lengths grow by this factor. */
    static final double LENGTH_FACTOR = 1.05;
    /** Below this ratio of linear spans the automatic choice of transition is reported as ambiguous. */
    static final double AMBIGUOUS_SPAN_RATIO = 1.2;

    private TaucAnalyzer() {
    }

    /**
     * The absorption coefficient of the film at every point, photon energies ascending.
     *
     * @throws UvVisAnalysisException ({@link Reason#NON_POSITIVE_THICKNESS}) for t ≤ 0
     */
    public static AbsorptionSpectrum absorption(UvVisSpectrum spectrum, double thicknessNm) {
        Objects.requireNonNull(spectrum, "spectrum");
        Optics.requireThickness(thicknessNm);
        double[] wavelength = spectrum.wavelengthNm();
        double[] absorbance = spectrum.absorbance();
        int n = wavelength.length;
        double[] energy = new double[n];
        double[] alpha = new double[n];
        boolean rising = wavelength[n - 1] > wavelength[0];
        for (int i = 0; i < n; i++) {
            // ascending energy = descending wavelength
            int j = rising ? n - 1 - i : i;
            energy[i] = Optics.photonEnergyEv(wavelength[j]);
            alpha[i] = Optics.absorptionCoefficientPerCm(absorbance[j], thicknessNm);
        }
        return new AbsorptionSpectrum(energy, alpha, thicknessNm);
    }

    /**
     * The Tauc band gap of the film whose spectrum is {@code spectrum}.
     *
     * @throws UvVisAnalysisException {@link Reason#NO_EDGE} when no transition asked for has an acceptable window,
     *                                {@link Reason#TOO_FEW_POINTS} when too few points remain below the absorbance limit
     */
    public static TaucAnalysis analyze(UvVisSpectrum spectrum, TaucOptions options) {
        Objects.requireNonNull(options, "options");
        AbsorptionSpectrum all = absorption(spectrum, options.thicknessNm());
        double[] absorbanceByEnergy = absorbanceByEnergy(spectrum);
        List<Double> e = new ArrayList<>();
        List<Double> a = new ArrayList<>();
        double[] energies = all.photonEnergyEv();
        double[] alphas = all.alphaPerCm();
        for (int i = 0; i < energies.length; i++) {
            if (absorbanceByEnergy[i] <= options.maxAbsorbance()) {
                e.add(energies[i]);
                a.add(alphas[i]);
            }
        }
        int excluded = energies.length - e.size();
        if (e.size() < options.minWindowPoints() + 2) {
            throw new UvVisAnalysisException(Reason.TOO_FEW_POINTS, e.size() + " points have absorbance ≤ "
                    + options.maxAbsorbance() + " (" + excluded + " above); a Tauc fit needs at least "
                    + (options.minWindowPoints() + 2));
        }
        double[] energy = e.stream().mapToDouble(Double::doubleValue).toArray();
        double[] alpha = a.stream().mapToDouble(Double::doubleValue).toArray();

        List<TaucTransition> tried = switch (options.selection()) {
            case DIRECT_ALLOWED -> List.of(TaucTransition.DIRECT_ALLOWED);
            case INDIRECT_ALLOWED -> List.of(TaucTransition.INDIRECT_ALLOWED);
            case AUTOMATIC -> List.of(TaucTransition.DIRECT_ALLOWED, TaucTransition.INDIRECT_ALLOWED);
        };
        List<TaucFit> fits = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (TaucTransition transition : tried) {
            TaucFit fit = fit(transition, energy, alpha, options);
            if (fit == null) {
                missing.add(transition.toString());
            } else {
                fits.add(fit);
            }
        }
        if (fits.isEmpty()) {
            throw new UvVisAnalysisException(Reason.NO_EDGE, String.format(Locale.ROOT,
                    "no absorption edge: no window of ≥ %d points in the Tauc plot of %s between %.4f and %.4f eV "
                            + "rises with R² ≥ %.4f and extrapolates to a gap inside the measured range",
                    options.minWindowPoints(), String.join(" or ", missing), energy[0], energy[energy.length - 1],
                    options.minRSquared()));
        }
        TaucFit chosen = fits.get(0);
        boolean ambiguous = false;
        String reason;
        if (fits.size() == 1) {
            reason = tried.size() == 1 ? chosen.transition() + " as requested"
                    : chosen.transition() + ": the only transition whose Tauc plot has a straight edge ("
                    + String.join(", ", missing) + " has none)";
        } else {
            TaucFit other = fits.get(1);
            if (other.windowSpanEv() > chosen.windowSpanEv()) {
                TaucFit swap = chosen;
                chosen = other;
                other = swap;
            }
            double ratio = chosen.windowSpanEv() / other.windowSpanEv();
            ambiguous = ratio < AMBIGUOUS_SPAN_RATIO;
            reason = String.format(Locale.ROOT, "%s: its Tauc plot is straight over %.3f eV (R² = %.5f, Eg = %.4f eV) "
                            + "against %.3f eV for %s (R² = %.5f, Eg = %.4f eV), ratio %.2f%s", chosen.transition(),
                    chosen.windowSpanEv(), chosen.rSquared(), chosen.bandGapEv(), other.windowSpanEv(),
                    other.transition(), other.rSquared(), other.bandGapEv(), ratio,
                    ambiguous ? String.format(Locale.ROOT, " < %.1f: ambiguous", AMBIGUOUS_SPAN_RATIO) : "");
        }
        String method = String.format(Locale.ROOT, "Tauc analysis: α = ln10·A/t with t = %s nm, hν = hc/λ; "
                        + "sliding least-squares windows (≥ %d points, R² ≥ %.4f, rising, intercept below the window "
                        + "and inside the data), steepest %.0f %% kept, widest chosen; Eg = −b/m", options.thicknessNm(),
                options.minWindowPoints(), options.minRSquared(), 100 * options.steepFraction());
        return new TaucAnalysis(method, options, chosen.transition(), chosen.bandGapEv(), chosen.uBandGapEv(), chosen,
                fits, ambiguous, reason, energy.length, excluded);
    }

    private static double[] absorbanceByEnergy(UvVisSpectrum spectrum) {
        double[] wavelength = spectrum.wavelengthNm();
        double[] absorbance = spectrum.absorbance();
        int n = wavelength.length;
        boolean rising = wavelength[n - 1] > wavelength[0];
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = absorbance[rising ? n - 1 - i : i];
        }
        return out;
    }

    /** The chosen window's fit for one transition, or null if no window is acceptable. */
    static TaucFit fit(TaucTransition transition, double[] energy, double[] alpha, TaucOptions options) {
        int n = energy.length;
        double[] y = new double[n];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            y[i] = transition.ordinate(alpha[i], energy[i]);
            scale = Math.max(scale, Math.abs(y[i]));
        }
        if (!(scale > 0)) {
            return null;
        }
        double centre = 0;
        for (double v : energy) {
            centre += v / n;
        }
        // prefix sums of centred x and scaled y, so that every window's regression costs O(1)
        double[] s1 = new double[n + 1];
        double[] s2 = new double[n + 1];
        double[] t1 = new double[n + 1];
        double[] t2 = new double[n + 1];
        double[] st = new double[n + 1];
        for (int i = 0; i < n; i++) {
            double x = energy[i] - centre;
            double v = y[i] / scale;
            s1[i + 1] = s1[i] + x;
            s2[i + 1] = s2[i] + x * x;
            t1[i + 1] = t1[i] + v;
            t2[i + 1] = t2[i] + v * v;
            st[i + 1] = st[i] + x * v;
        }
        List<int[]> windows = new ArrayList<>();
        List<double[]> stats = new ArrayList<>();
        double steepest = 0;
        for (int length : lengths(options.minWindowPoints(), n)) {
            for (int start = 0; start + length <= n; start++) {
                int end = start + length;
                double m = length;
                double mx = (s1[end] - s1[start]) / m;
                double my = (t1[end] - t1[start]) / m;
                double sxx = s2[end] - s2[start] - m * mx * mx;
                double sxy = st[end] - st[start] - m * mx * my;
                double syy = t2[end] - t2[start] - m * my * my;
                if (!(sxx > 0) || !(syy > 0)) {
                    continue;
                }
                double slope = sxy / sxx;
                double r2 = sxy * sxy / (sxx * syy);
                double gap = mx + centre - my / slope;
                if (slope > 0 && r2 >= options.minRSquared() && gap < energy[start] && gap > energy[0]) {
                    windows.add(new int[] {start, end});
                    stats.add(new double[] {slope, r2, gap});
                    steepest = Math.max(steepest, slope);
                }
            }
        }
        if (windows.isEmpty()) {
            return null;
        }
        int best = -1;
        for (int k = 0; k < windows.size(); k++) {
            if (stats.get(k)[0] < options.steepFraction() * steepest) {
                continue;
            }
            if (best < 0 || span(energy, windows.get(k)) > span(energy, windows.get(best))
                    || span(energy, windows.get(k)) == span(energy, windows.get(best))
                    && stats.get(k)[1] > stats.get(best)[1]) {
                best = k;
            }
        }
        double chosenSpan = span(energy, windows.get(best));
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < windows.size(); k++) {
            if (stats.get(k)[0] >= options.steepFraction() * steepest && span(energy, windows.get(k)) >= 0.5 * chosenSpan) {
                lo = Math.min(lo, stats.get(k)[2]);
                hi = Math.max(hi, stats.get(k)[2]);
            }
        }
        return regression(transition, energy, y, windows.get(best), windows.size(), 0.5 * (hi - lo));
    }

    private static double span(double[] energy, int[] window) {
        return energy[window[1] - 1] - energy[window[0]];
    }

    private static List<Integer> lengths(int min, int n) {
        List<Integer> out = new ArrayList<>();
        double length = min;
        while ((int) Math.round(length) < n) {
            int l = (int) Math.round(length);
            if (out.isEmpty() || l > out.get(out.size() - 1)) {
                out.add(l);
            }
            length *= LENGTH_FACTOR;
        }
        out.add(n);
        return out;
    }

    /** Ordinary least squares on the window in physical units, and the gap with its propagated uncertainty. */
    private static TaucFit regression(TaucTransition transition, double[] energy, double[] y, int[] window,
                                      int acceptable, double spread) {
        int start = window[0];
        int end = window[1];
        int m = end - start;
        double mx = 0;
        double my = 0;
        for (int i = start; i < end; i++) {
            mx += energy[i] / m;
            my += y[i] / m;
        }
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = start; i < end; i++) {
            sxx += (energy[i] - mx) * (energy[i] - mx);
            sxy += (energy[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double ssr = 0;
        for (int i = start; i < end; i++) {
            double r = y[i] - (intercept + slope * energy[i]);
            ssr += r * r;
        }
        double s2 = ssr / (m - 2);
        double varSlope = s2 / sxx;
        double varIntercept = s2 * (1.0 / m + mx * mx / sxx);
        double covariance = -mx * s2 / sxx;
        double gap = -intercept / slope;
        double varGap = (varIntercept + gap * gap * varSlope + 2 * gap * covariance) / (slope * slope);
        return new TaucFit(transition, transition.exponent(), gap, Math.sqrt(Math.max(varGap, 0)), slope,
                Math.sqrt(varSlope), intercept, Math.sqrt(varIntercept), covariance, sxy * sxy / (sxx * syy),
                energy[start], energy[end - 1], m, acceptable, spread);
    }
}
