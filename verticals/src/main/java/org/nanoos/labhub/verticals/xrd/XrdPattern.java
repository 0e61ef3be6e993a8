package org.nanoos.labhub.verticals.xrd;

import java.util.Arrays;
import java.util.Objects;

import org.nanoos.labhub.verticals.xrd.XrdAnalysisException.Reason;

/**
 * A measured powder pattern as two columns, 2θ and intensity, from any source (an {@code .xy} export, an OPC UA
 * array, a simulated scan). The constructor checks what every analysis step relies on and says exactly what is wrong
 * otherwise: at least {@value #MIN_POINTS} points, finite numbers, 0° &lt; 2θ &lt; 180°, strictly ascending 2θ without
 * repeats, and steps within ±{@value #MAX_STEP_DEVIATION_PERCENT} % of the median step (smoothing and background
 * windows are counted in points). Whether negative intensities are acceptable depends on the data, so that is
 * decided by {@link XrdOptions#negativeIntensity()}, not here.
 *
 * @param twoThetaDeg diffraction angles 2θ, degrees, strictly ascending (a defensive copy is kept and returned)
 * @param intensity   intensity at each angle: counts, counts per second or any linear scale (copied likewise)
 */
public record XrdPattern(double[] twoThetaDeg, double[] intensity) {

    /** The fewest points accepted. */
    public static final int MIN_POINTS = 20;
    /** How far one step may differ from the median step, percent. */
    public static final int MAX_STEP_DEVIATION_PERCENT = 25;

    /**
     * Validates and copies the columns.
     *
     * @throws XrdAnalysisException with the reason and the first offending index
     */
    public XrdPattern {
        if (twoThetaDeg == null || intensity == null) {
            throw new XrdAnalysisException(Reason.MALFORMED, "2θ and intensity columns are both required");
        }
        if (twoThetaDeg.length != intensity.length) {
            throw new XrdAnalysisException(Reason.MALFORMED, twoThetaDeg.length + " 2θ values but "
                    + intensity.length + " intensities");
        }
        if (twoThetaDeg.length < MIN_POINTS) {
            throw new XrdAnalysisException(Reason.TOO_FEW_POINTS, "a pattern needs at least " + MIN_POINTS
                    + " points, got " + twoThetaDeg.length);
        }
        twoThetaDeg = twoThetaDeg.clone();
        intensity = intensity.clone();
        for (int i = 0; i < twoThetaDeg.length; i++) {
            if (!Double.isFinite(twoThetaDeg[i])) {
                throw new XrdAnalysisException(Reason.NOT_FINITE, "2θ at index " + i + " is " + twoThetaDeg[i]);
            }
            if (!Double.isFinite(intensity[i])) {
                throw new XrdAnalysisException(Reason.NOT_FINITE, "intensity at index " + i + " (2θ = "
                        + twoThetaDeg[i] + "°) is " + intensity[i]);
            }
            if (!(twoThetaDeg[i] > 0 && twoThetaDeg[i] < 180)) {
                throw new XrdAnalysisException(Reason.OUT_OF_RANGE, "2θ at index " + i + " is " + twoThetaDeg[i]
                        + "°, outside (0°, 180°)");
            }
            if (i > 0 && twoThetaDeg[i] == twoThetaDeg[i - 1]) {
                throw new XrdAnalysisException(Reason.DUPLICATE_ANGLE, "2θ = " + twoThetaDeg[i]
                        + "° appears twice, at indices " + (i - 1) + " and " + i);
            }
            if (i > 0 && twoThetaDeg[i] < twoThetaDeg[i - 1]) {
                throw new XrdAnalysisException(Reason.NOT_ASCENDING, "2θ must ascend: index " + i + " has "
                        + twoThetaDeg[i] + "° after " + twoThetaDeg[i - 1] + "°");
            }
        }
        double median = medianStep(twoThetaDeg);
        double allowed = MAX_STEP_DEVIATION_PERCENT / 100.0 * median;
        for (int i = 1; i < twoThetaDeg.length; i++) {
            double step = twoThetaDeg[i] - twoThetaDeg[i - 1];
            if (Math.abs(step - median) > allowed) {
                throw new XrdAnalysisException(Reason.IRREGULAR_STEP, "step " + step + "° between indices "
                        + (i - 1) + " and " + i + " differs from the median step " + median + "° by more than "
                        + MAX_STEP_DEVIATION_PERCENT + " %; resample onto an even grid first");
            }
        }
    }

    /** A pattern of integer counts, e.g. a simulated or exported step scan. */
    public static XrdPattern ofCounts(double[] twoThetaDeg, long[] counts) {
        Objects.requireNonNull(counts, "counts");
        return new XrdPattern(twoThetaDeg, Arrays.stream(counts).asDoubleStream().toArray());
    }

    @Override
    public double[] twoThetaDeg() {
        return twoThetaDeg.clone();
    }

    @Override
    public double[] intensity() {
        return intensity.clone();
    }

    /** The number of points. */
    public int size() {
        return twoThetaDeg.length;
    }

    /** The median 2θ step, degrees. */
    public double medianStepDeg() {
        return medianStep(twoThetaDeg);
    }

    /** The index and 2θ of the first negative intensity, or −1 if there is none. */
    int firstNegative() {
        for (int i = 0; i < intensity.length; i++) {
            if (intensity[i] < 0) {
                return i;
            }
        }
        return -1;
    }

    double[] x() {
        return twoThetaDeg;
    }

    double[] y() {
        return intensity;
    }

    private static double medianStep(double[] x) {
        double[] steps = new double[x.length - 1];
        for (int i = 1; i < x.length; i++) {
            steps[i - 1] = x[i] - x[i - 1];
        }
        Arrays.sort(steps);
        int m = steps.length / 2;
        return steps.length % 2 == 1 ? steps[m] : 0.5 * (steps[m - 1] + steps[m]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XrdPattern p && Arrays.equals(twoThetaDeg, p.twoThetaDeg)
                && Arrays.equals(intensity, p.intensity);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(twoThetaDeg) + Arrays.hashCode(intensity);
    }

    @Override
    public String toString() {
        return "XrdPattern[" + twoThetaDeg.length + " points, " + twoThetaDeg[0] + "° to "
                + twoThetaDeg[twoThetaDeg.length - 1] + "°]";
    }
}
