package org.nanoos.labhub.verticals.synthesis;

import java.util.Objects;

import org.nanoos.labhub.verticals.synthesis.SynthesisAnalysisException.Reason;

/**
 * Figures of a synthesis or deposition run computed only from what was measured: thickness statistics across a
 * film, deposition rate from a given deposition time, two uniformity figures, in-spec fraction, and mass yield.
 */
public final class SynthesisAnalyzer {

    private SynthesisAnalyzer() {
    }

    /**
     * Statistics of a measured film:
     * <ul>
     *   <li>mean t̄ and sample standard deviation s (n − 1), standard error s/√n;</li>
     *   <li>half-range non-uniformity (max − min)/(2·t̄) and 1σ non-uniformity s/t̄, both in %: the first is the
     *       "± x %" of deposition-tool datasheets, the second the coefficient of variation; they differ (for
     *       normally scattered points the half range grows with n), so both are reported and named;</li>
     *   <li>rate = t̄ / deposition time when the time is given, with the standard error of t̄ divided by the time;
     *       nucleation delay and thickness-dependent rates are not modelled;</li>
     *   <li>in-spec fraction = points inside the window / n, when a window is given.</li>
     * </ul>
     */
    public static DepositionAnalysis analyze(DepositionRun run) {
        Objects.requireNonNull(run, "run");
        double[] t = run.thicknessNm();
        int n = t.length;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : t) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / n;
        double squares = 0;
        for (double v : t) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        double se = sd / Math.sqrt(n);
        Double time = run.depositionTimeS();
        Integer inSpec = null;
        Double fraction = null;
        if (run.spec() != null) {
            int count = 0;
            for (double v : t) {
                if (run.spec().contains(v)) {
                    count++;
                }
            }
            inSpec = count;
            fraction = count / (double) n;
        }
        String method = "mean and sample standard deviation (n − 1) of the measured thicknesses; half-range "
                + "non-uniformity = (max − min)/(2·mean), 1σ non-uniformity = s/mean"
                + (time == null ? "" : "; rate = mean thickness / deposition time, u(rate) = (s/√n)/time")
                + (run.spec() == null ? "" : "; in-spec fraction = points within [" + run.spec().minNm() + ", "
                + run.spec().maxNm() + "] nm / all points (an area fraction only for points on equal areas)");
        return new DepositionAnalysis(method, n, mean, sd, se, min, max, 100 * (max - min) / (2 * mean),
                100 * sd / mean, time == null ? null : mean / time, time == null ? null : se / time,
                time == null ? null : 60 * mean / time, inSpec, fraction);
    }

    /**
     * Mass yield = measured / theoretical product mass.
     *
     * @throws SynthesisAnalysisException {@link Reason#NON_POSITIVE} or {@link Reason#NOT_FINITE}, naming the mass
     */
    public static MassYield massYield(double measuredG, double theoreticalG) {
        requirePositive(measuredG, "measuredG");
        requirePositive(theoreticalG, "theoreticalG");
        double fraction = measuredG / theoreticalG;
        return new MassYield(measuredG, theoreticalG, fraction, 100 * fraction);
    }

    private static void requirePositive(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new SynthesisAnalysisException(Reason.NOT_FINITE, field + " must be finite, was " + value);
        }
        if (!(value > 0)) {
            throw new SynthesisAnalysisException(Reason.NON_POSITIVE, field + " must be positive, was " + value + " g");
        }
    }
}
