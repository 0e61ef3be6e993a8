package org.nanoos.labhub.verticals.xrd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.nanoos.labhub.verticals.crystallography.EmissionLine;
import org.nanoos.labhub.verticals.crystallography.Radiation;

/**
 * Finds peaks in a background-subtracted pattern: Savitzky–Golay smoothing, local maxima that rise above a threshold
 * of local noise and relative height, with enough prominence, and a first estimate of each width. With more than one
 * emission line, maxima sitting where a stronger peak's Kα2 (or other satellite) falls are not separate peaks.
 */
final class PeakFinder {

    /** A detected peak before fitting. */
    record Candidate(int index, double twoThetaDeg, double height, double fwhmDeg, double noise) {
    }

    private static final double MAD_TO_SIGMA = 1.4826;

    private PeakFinder() {
    }

    /**
     * A first FWHM (degrees) of the strongest well-formed peak, from the raw data less its 10th percentile, lightly
     * smoothed; {@code fallback} if no maximum has a half-maximum crossing on both sides.
     */
    static double strongestFwhmDeg(double[] x, double[] y, double fallback) {
        double[] sorted = y.clone();
        Arrays.sort(sorted);
        double base = sorted[sorted.length / 10];
        double[] net = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            net[i] = y[i] - base;
        }
        double[] s = SavitzkyGolay.smooth(net, 5, 2);
        Integer[] order = new Integer[s.length];
        for (int i = 0; i < s.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> -s[i]));
        int tried = 0;
        for (int k = 0; k < order.length && tried < 10; k++) {
            int i = order[k];
            if (i < 2 || i > s.length - 3 || s[i] < s[i - 1] || s[i] < s[i + 1]) {
                continue;
            }
            tried++;
            double w = halfMaximumWidth(x, s, i);
            if (w > 0) {
                return w;
            }
        }
        return fallback;
    }

    static List<Candidate> find(double[] x, double[] net, int window, int order, double minSignalToNoise,
                                double minRelativeHeight, Radiation radiation) {
        double[] s = SavitzkyGolay.smooth(net, window, order);
        double[] noise = localNoise(net, s, window, order);
        double max = Arrays.stream(s).max().orElse(0);
        double floor = minRelativeHeight * Math.max(max, 0);
        int half = window / 2;
        List<Candidate> found = new ArrayList<>();
        for (int i = 1; i < s.length - 1; i++) {
            if (!(s[i] > s[i - 1] && s[i] >= s[i + 1])) {
                continue;
            }
            double threshold = Math.max(minSignalToNoise * noise[i], floor);
            if (!(s[i] > threshold) || !isWindowMaximum(s, i, half)) {
                continue;
            }
            if (prominence(s, i) < threshold) {
                continue;
            }
            double w = halfMaximumWidth(x, s, i);
            if (!(w > 0)) {
                w = window * (x[x.length - 1] - x[0]) / (x.length - 1);
            }
            found.add(new Candidate(i, x[i], s[i], w, noise[i]));
        }
        return withoutSatellites(found, radiation, (x[x.length - 1] - x[0]) / (x.length - 1));
    }

    /**
     * Robust local standard deviation of the noise: 1.4826 × the median |y − smoothed| over ±max(25, 3·window)
     * points, divided by √(1 − c₀) because the smoothed value shares the point's own noise with weight c₀.
     */
    private static double[] localNoise(double[] y, double[] smoothed, int window, int order) {
        double c0 = SavitzkyGolay.coefficients(window, order)[window / 2];
        double correction = 1 / Math.sqrt(Math.max(1 - c0, 1e-3));
        double[] r = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            r[i] = Math.abs(y[i] - smoothed[i]);
        }
        int reach = Math.max(25, 3 * window);
        double[] noise = new double[y.length];
        double[] buffer = new double[2 * reach + 1];
        double tiny = 1e-12 * Arrays.stream(y).map(Math::abs).max().orElse(0);
        for (int i = 0; i < y.length; i++) {
            int lo = Math.max(0, i - reach);
            int hi = Math.min(y.length - 1, i + reach);
            int n = hi - lo + 1;
            System.arraycopy(r, lo, buffer, 0, n);
            Arrays.sort(buffer, 0, n);
            double median = n % 2 == 1 ? buffer[n / 2] : 0.5 * (buffer[n / 2 - 1] + buffer[n / 2]);
            noise[i] = Math.max(MAD_TO_SIGMA * median * correction, tiny);
        }
        return noise;
    }

    private static boolean isWindowMaximum(double[] s, int i, int half) {
        for (int j = Math.max(0, i - half); j <= Math.min(s.length - 1, i + half); j++) {
            if (s[j] > s[i]) {
                return false;
            }
        }
        return true;
    }

    /** Height of s[i] above the higher of the lowest points on either side before a higher point or the end. */
    private static double prominence(double[] s, int i) {
        double leftMin = s[i];
        for (int j = i - 1; j >= 0 && s[j] <= s[i]; j--) {
            leftMin = Math.min(leftMin, s[j]);
        }
        double rightMin = s[i];
        for (int j = i + 1; j < s.length && s[j] <= s[i]; j++) {
            rightMin = Math.min(rightMin, s[j]);
        }
        return s[i] - Math.max(leftMin, rightMin);
    }

    /** Width at half of s[i] by linear interpolation; twice one side if only one is found; NaN if neither. */
    private static double halfMaximumWidth(double[] x, double[] s, int i) {
        double half = s[i] / 2;
        double left = Double.NaN;
        for (int j = i - 1; j >= 0 && s[j] <= s[i]; j--) {
            if (s[j] < half) {
                left = x[i] - interpolate(x[j], s[j], x[j + 1], s[j + 1], half);
                break;
            }
        }
        double right = Double.NaN;
        for (int j = i + 1; j < s.length && s[j] <= s[i]; j++) {
            if (s[j] < half) {
                right = interpolate(x[j - 1], s[j - 1], x[j], s[j], half) - x[i];
                break;
            }
        }
        if (left > 0 && right > 0) {
            return left + right;
        }
        if (left > 0) {
            return 2 * left;
        }
        if (right > 0) {
            return 2 * right;
        }
        return Double.NaN;
    }

    private static double interpolate(double x0, double y0, double x1, double y1, double level) {
        return y1 == y0 ? 0.5 * (x0 + x1) : x0 + (level - y0) * (x1 - x0) / (y1 - y0);
    }

    /**
     * Drops maxima that are the satellite lines (Kα2 …) of a stronger peak: within max(½ FWHM, 2 steps) of where
     * Bragg's law puts the satellite of a stronger, kept peak.
     */
    private static List<Candidate> withoutSatellites(List<Candidate> found, Radiation radiation, double step) {
        List<EmissionLine> lines = radiation.lines();
        if (lines.size() < 2) {
            return found;
        }
        List<Candidate> byHeight = new ArrayList<>(found);
        byHeight.sort(Comparator.comparingDouble(c -> -c.height()));
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : byHeight) {
            boolean satellite = false;
            for (Candidate strong : kept) {
                for (int j = 1; j < lines.size() && !satellite; j++) {
                    double at = satellitePosition(strong.twoThetaDeg(), lines.get(j).wavelengthA()
                            / lines.get(0).wavelengthA());
                    double reach = Math.max(0.5 * strong.fwhmDeg(), 2 * step);
                    satellite = Math.abs(c.twoThetaDeg() - at) <= reach;
                }
            }
            if (!satellite) {
                kept.add(c);
            }
        }
        kept.sort(Comparator.comparingDouble(Candidate::twoThetaDeg));
        return kept;
    }

    /** 2θ (degrees) of a line of wavelength ratio r = λⱼ/λ₁ from the same planes as a main-line peak at 2θ₁; NaN beyond 180°. */
    static double satellitePosition(double twoThetaDeg, double ratio) {
        double s = ratio * Math.sin(Math.toRadians(twoThetaDeg / 2));
        return s < 1 ? 2 * Math.toDegrees(Math.asin(s)) : Double.NaN;
    }
}
