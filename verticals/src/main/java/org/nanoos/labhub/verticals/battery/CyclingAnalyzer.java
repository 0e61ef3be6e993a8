package org.nanoos.labhub.verticals.battery;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.nanoos.labhub.verticals.battery.BatteryAnalysisException.Reason;

/**
 * Galvanostatic cycling analysis: per-cycle capacities, energies and efficiencies, capacity retention and fade rate,
 * and differential capacity dQ/dV.
 *
 * <ul>
 *   <li><b>Integration.</b> Charge Q = ∫ I dt and energy E = ∫ V·I dt by the trapezoid rule between consecutive
 *       points. An interval whose current changes sign is split at the linearly interpolated zero crossing, so that
 *       its positive part counts as charge and its negative part as discharge. 1 mAh = 3.6 C = 3600 mA·s;
 *       1 Wh = 3.6·10⁶ mW·s. Every current counts, however small.</li>
 *   <li><b>Points to cycles.</b> With the cycler's cycle numbers, those are used. Without them, each point is
 *       classified as charge (I &gt; threshold), discharge (I &lt; −threshold) or rest; a new cycle begins at each
 *       point in the opening direction whose preceding non-rest point was in the other direction (or that is the
 *       first non-rest point). Rest points belong to the cycle in progress; rest points before any current belong to
 *       the first cycle; a leading half in the closing direction, with an explicit {@link CycleStart}, is cycle 0.
 *       A part of an interval goes to the cycle of the interval's end point if that point has the part's sign,
 *       otherwise to the cycle of its start point.</li>
 *   <li><b>Definitions.</b> Coulombic efficiency = closing-half capacity / opening-half capacity; energy
 *       efficiency = discharge energy / charge energy; a cycle is complete when it has non-rest points (or steps) in
 *       both directions. Retention = reversible (closing-half) capacity / that of the reference cycle. Fade rate =
 *       −slope of a least-squares line through retention (%) against cycle number over the complete cycles from the
 *       reference on, with the slope's standard error; at least three cycles.</li>
 *   <li><b>dQ/dV.</b> The charge of each interval part of the chosen half cycle is spread over fixed voltage bins in
 *       proportion to the overlap of the part's voltage span with each bin (all of it to one bin when the voltage is
 *       constant), which is exact for a voltage linear in time within an interval and copes with non-monotonic,
 *       noisy voltages; the binned charge divided by the bin width is smoothed by a centred moving average.</li>
 * </ul>
 */
public final class CyclingAnalyzer {

    private static final double MA_S_PER_MAH = 3600.0;
    private static final double MW_S_PER_WH = 3.6e6;

    private CyclingAnalyzer() {
    }

    /**
     * The per-cycle analysis of a time series.
     *
     * @throws BatteryAnalysisException {@link Reason#TOO_FEW_POINTS} if no current exceeds the rest threshold,
     *                                  {@link Reason#INVALID_OPTION} for a reference cycle that is missing or incomplete
     */
    public static CyclingAnalysis analyze(CyclerData data, CyclingOptions options) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        Segmentation seg = segment(data, options);
        double[] t = data.timeS();
        double[] v = data.voltageV();
        double[] i = data.currentMa();
        Map<Integer, Accumulator> cycles = new LinkedHashMap<>();
        for (int k = 0; k < t.length; k++) {
            Accumulator acc = cycles.computeIfAbsent(seg.cycle[k], c -> new Accumulator());
            if (Double.isNaN(acc.start)) {
                acc.start = t[k];
            }
            acc.end = t[k];
            StepKind kind = classify(i[k], seg.threshold);
            acc.hasCharge |= kind == StepKind.CHARGE;
            acc.hasDischarge |= kind == StepKind.DISCHARGE;
        }
        for (int k = 0; k + 1 < t.length; k++) {
            for (Part part : parts(t, v, i, seg.cycle, k)) {
                Accumulator acc = cycles.get(part.cycle);
                if (part.kind == StepKind.CHARGE) {
                    acc.chargeMaS += part.chargeMaS;
                    acc.chargeMwS += part.energyMwS;
                } else {
                    acc.dischargeMaS += part.chargeMaS;
                    acc.dischargeMwS += part.energyMwS;
                }
            }
        }
        String how = data.hasCycleIndex() ? "cycles from the cycler's cycle numbers"
                : String.format(Locale.ROOT, "cycles split by current sign: rest when |I| ≤ %s mA%s; a cycle "
                        + "starts at each %s point after a non-rest point of the other sign", number(seg.threshold),
                options.restThresholdMa() == 0 ? " (1 % of the largest |I|)" : "",
                seg.opening.name().toLowerCase(Locale.ROOT));
        String method = "Q = ∫I dt, E = ∫V·I dt by the trapezoid rule, intervals split where I changes sign; " + how
                + "; CE = " + (seg.opening == StepKind.CHARGE ? "Q_discharge/Q_charge" : "Q_charge/Q_discharge")
                + " (closing over opening half), EE = E_discharge/E_charge; retention on the closing half's capacity"
                + "; fade = −slope of retention vs cycle (least squares)";
        return summarise(method, options, seg.opening, seg.threshold, cycles);
    }

    /**
     * The per-cycle analysis of a cycler's step table: charge and discharge steps are summed per cycle; rest steps
     * only count towards which halves a cycle has if they have capacity (they should not).
     *
     * @throws BatteryAnalysisException {@link Reason#NOT_ASCENDING} if cycle numbers go backwards,
     *                                  {@link Reason#TOO_FEW_POINTS} without any charge or discharge step
     */
    public static CyclingAnalysis analyzeSteps(List<StepRecord> steps, CyclingOptions options) {
        Objects.requireNonNull(steps, "steps");
        Objects.requireNonNull(options, "options");
        StepKind opening = switch (options.start()) {
            case CHARGE -> StepKind.CHARGE;
            case DISCHARGE -> StepKind.DISCHARGE;
            case AUTO -> steps.stream().map(StepRecord::kind).filter(k -> k != StepKind.REST).findFirst()
                    .orElse(null);
        };
        if (opening == null || steps.stream().noneMatch(s -> s.kind() != StepKind.REST)) {
            throw new BatteryAnalysisException(Reason.TOO_FEW_POINTS, "the step table has no charge or discharge "
                    + "step");
        }
        Map<Integer, Accumulator> cycles = new LinkedHashMap<>();
        int previous = Integer.MIN_VALUE;
        for (int k = 0; k < steps.size(); k++) {
            StepRecord s = Objects.requireNonNull(steps.get(k), "step " + k);
            if (s.cycle() < previous) {
                throw new BatteryAnalysisException(Reason.NOT_ASCENDING, "cycle numbers must not decrease: step " + k
                        + " is in cycle " + s.cycle() + " after cycle " + previous);
            }
            previous = s.cycle();
            Accumulator acc = cycles.computeIfAbsent(s.cycle(), c -> new Accumulator());
            switch (s.kind()) {
                case CHARGE -> {
                    acc.hasCharge = true;
                    acc.chargeMaS += s.capacityMah() * MA_S_PER_MAH;
                    acc.chargeMwS += s.energyWh() * MW_S_PER_WH;
                }
                case DISCHARGE -> {
                    acc.hasDischarge = true;
                    acc.dischargeMaS += s.capacityMah() * MA_S_PER_MAH;
                    acc.dischargeMwS += s.energyWh() * MW_S_PER_WH;
                }
                case REST -> {
                    // no charge passes in a rest step
                }
            }
        }
        String method = "capacities and energies summed per cycle from the step table; CE = "
                + (opening == StepKind.CHARGE ? "Q_discharge/Q_charge" : "Q_charge/Q_discharge")
                + " (closing over opening half), EE = E_discharge/E_charge; retention on the closing half's capacity"
                + "; fade = −slope of retention vs cycle (least squares)";
        return summarise(method, options, opening, Double.NaN, cycles);
    }

    /**
     * Fade rate from reversible capacities: retention Rₖ = Qₖ/Q₀ × 100 against cycle number, fitted by a straight
     * line; the first entry is the reference.
     *
     * @param cycleNumbers  cycle numbers, strictly increasing
     * @param capacitiesMah reversible capacities, mAh (or any one unit), positive
     * @throws BatteryAnalysisException {@link Reason#TOO_FEW_POINTS} for fewer than three cycles,
     *                                  {@link Reason#NOT_ASCENDING}, {@link Reason#NON_POSITIVE}, {@link Reason#NOT_FINITE}
     */
    public static FadeFit fadeRate(int[] cycleNumbers, double[] capacitiesMah) {
        Objects.requireNonNull(cycleNumbers, "cycleNumbers");
        Objects.requireNonNull(capacitiesMah, "capacitiesMah");
        if (cycleNumbers.length != capacitiesMah.length) {
            throw new BatteryAnalysisException(Reason.MALFORMED, cycleNumbers.length + " cycle numbers but "
                    + capacitiesMah.length + " capacities");
        }
        if (cycleNumbers.length < 3) {
            throw new BatteryAnalysisException(Reason.TOO_FEW_POINTS, "a fade rate with an uncertainty needs at least "
                    + "3 cycles, got " + cycleNumbers.length);
        }
        SimpleRegression line = new SimpleRegression();
        for (int k = 0; k < cycleNumbers.length; k++) {
            ElectrodeCalculator.requirePositive(capacitiesMah[k], "capacitiesMah[" + k + "]");
            if (k > 0 && cycleNumbers[k] <= cycleNumbers[k - 1]) {
                throw new BatteryAnalysisException(Reason.NOT_ASCENDING, "cycle numbers must increase: "
                        + cycleNumbers[k] + " at index " + k + " follows " + cycleNumbers[k - 1]);
            }
            line.addData(cycleNumbers[k], 100.0 * capacitiesMah[k] / capacitiesMah[0]);
        }
        double u = line.getSlopeStdErr();
        return new FadeFit(-line.getSlope(), Double.isNaN(u) ? 0 : u, line.getIntercept(), line.getRSquare(),
                cycleNumbers.length, cycleNumbers[0], cycleNumbers[cycleNumbers.length - 1]);
    }

    /**
     * dQ/dV of one half cycle (see the class description).
     *
     * @throws BatteryAnalysisException {@link Reason#INVALID_OPTION} when the cycle has no current in that direction,
     *                                  {@link Reason#TOO_FEW_POINTS} when its voltage spans fewer than three bins
     */
    public static DifferentialCapacity differentialCapacity(CyclerData data, CyclingOptions options,
                                                            DqDvOptions dq) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(dq, "dq");
        Segmentation seg = segment(data, options);
        double[] t = data.timeS();
        double[] v = data.voltageV();
        double[] i = data.currentMa();
        List<Part> chosen = new ArrayList<>();
        for (int k = 0; k + 1 < t.length; k++) {
            for (Part part : parts(t, v, i, seg.cycle, k)) {
                if (part.cycle == dq.cycle() && part.kind == dq.direction() && part.chargeMaS > 0) {
                    chosen.add(part);
                }
            }
        }
        if (chosen.isEmpty()) {
            throw new BatteryAnalysisException(Reason.INVALID_OPTION, "cycle " + dq.cycle() + " has no "
                    + dq.direction().name().toLowerCase(Locale.ROOT) + " current");
        }
        double vMin = Double.POSITIVE_INFINITY;
        double vMax = Double.NEGATIVE_INFINITY;
        for (Part p : chosen) {
            vMin = Math.min(vMin, Math.min(p.v0, p.v1));
            vMax = Math.max(vMax, Math.max(p.v0, p.v1));
        }
        double w = dq.binWidthV();
        double low = Math.floor(vMin / w) * w;
        int bins = Math.max(1, (int) Math.ceil((vMax - low) / w - 1e-9));
        if ((vMax - low) / w > 1_000_000) {
            throw new BatteryAnalysisException(Reason.INVALID_OPTION, String.format(Locale.ROOT,
                    "%.4g V bins over %.4f–%.4f V would be more than a million", w, vMin, vMax));
        }
        if (bins < 3) {
            throw new BatteryAnalysisException(Reason.TOO_FEW_POINTS, String.format(Locale.ROOT,
                    "the %s of cycle %d spans %.4f–%.4f V, fewer than 3 bins of %.4g V",
                    dq.direction().name().toLowerCase(Locale.ROOT), dq.cycle(), vMin, vMax, w));
        }
        double[] binned = new double[bins];
        double total = 0;
        for (Part p : chosen) {
            double q = p.chargeMaS / MA_S_PER_MAH;
            total += q;
            double a = Math.min(p.v0, p.v1);
            double b = Math.max(p.v0, p.v1);
            int first = clamp((int) Math.floor((a - low) / w), bins);
            int last = clamp((int) Math.floor((b - low) / w), bins);
            if (b - a < 1e-12 * Math.max(1, Math.abs(b)) || first == last) {
                binned[first] += q;
                continue;
            }
            for (int k = first; k <= last; k++) {
                double overlap = Math.min(b, low + (k + 1) * w) - Math.max(a, low + k * w);
                if (overlap > 0) {
                    binned[k] += q * overlap / (b - a);
                }
            }
        }
        double scale = options.activeMassG() == null ? 1.0 : 1.0 / options.activeMassG();
        double[] raw = new double[bins];
        double[] centres = new double[bins];
        for (int k = 0; k < bins; k++) {
            raw[k] = binned[k] / w * scale;
            centres[k] = low + (k + 0.5) * w;
        }
        double[] smooth = movingAverage(raw, dq.smoothingBins());
        int top = 0;
        for (int k = 1; k < bins; k++) {
            if (smooth[k] > smooth[top]) {
                top = k;
            }
        }
        double peakV = centres[top];
        if (top > 0 && top < bins - 1) {
            double curvature = smooth[top - 1] - 2 * smooth[top] + smooth[top + 1];
            if (curvature < 0) {
                peakV += 0.5 * (smooth[top - 1] - smooth[top + 1]) / curvature * w;
            }
        }
        String unit = options.activeMassG() == null ? "mAh/V" : "mAh/(g·V)";
        String method = String.format(Locale.ROOT, "dQ/dV of the %s of cycle %d: interval charges (trapezoid rule) "
                        + "spread over %.4g V bins by voltage overlap, divided by the bin width, centred moving average "
                        + "over %d bins; peak refined by a parabola through three bins%s",
                dq.direction().name().toLowerCase(Locale.ROOT), dq.cycle(), w, dq.smoothingBins(),
                options.activeMassG() == null ? "" : "; per gram of active material (" + options.activeMassG() + " g)");
        return new DifferentialCapacity(dq.cycle(), dq.direction(), w, dq.smoothingBins(), centres, smooth, unit, peakV,
                smooth[top], total, method);
    }

    private static CyclingAnalysis summarise(String method, CyclingOptions options, StepKind opening, double threshold,
                                             Map<Integer, Accumulator> cycles) {
        Integer reference = null;
        if (options.referenceCycle() > 0) {
            Accumulator ref = cycles.get(options.referenceCycle());
            if (ref == null || !ref.complete()) {
                throw new BatteryAnalysisException(Reason.INVALID_OPTION, "reference cycle " + options.referenceCycle()
                        + (ref == null ? " does not exist" : " is incomplete (it lacks a charge or a discharge)"));
            }
            reference = options.referenceCycle();
        } else {
            for (Map.Entry<Integer, Accumulator> e : cycles.entrySet()) {
                if (e.getValue().complete()) {
                    reference = e.getKey();
                    break;
                }
            }
        }
        Double mass = options.activeMassG();
        double referenceMah = reference == null ? Double.NaN : cycles.get(reference).closing(opening) / MA_S_PER_MAH;
        List<CycleSummary> out = new ArrayList<>();
        List<Integer> fitCycles = new ArrayList<>();
        List<Double> fitCapacities = new ArrayList<>();
        for (Map.Entry<Integer, Accumulator> e : cycles.entrySet()) {
            Accumulator a = e.getValue();
            double qc = a.chargeMaS / MA_S_PER_MAH;
            double qd = a.dischargeMaS / MA_S_PER_MAH;
            double ec = a.chargeMwS / MW_S_PER_WH;
            double ed = a.dischargeMwS / MW_S_PER_WH;
            double closing = a.closing(opening) / MA_S_PER_MAH;
            double openingMah = (opening == StepKind.CHARGE ? a.chargeMaS : a.dischargeMaS) / MA_S_PER_MAH;
            boolean complete = a.complete() && openingMah > 0;
            Double retention = complete && reference != null && referenceMah > 0 ? 100 * closing / referenceMah : null;
            if (complete && reference != null && e.getKey() >= reference && closing > 0) {
                fitCycles.add(e.getKey());
                fitCapacities.add(closing);
            }
            out.add(new CycleSummary(e.getKey(), complete, Double.isNaN(a.start) ? null : a.start,
                    Double.isNaN(a.end) ? null : a.end, qc, qd, mass == null ? null : qc / mass,
                    mass == null ? null : qd / mass, complete ? closing / openingMah : null, ec, ed,
                    complete && ec > 0 ? ed / ec : null, qc > 0 ? 1000 * ec / qc : null,
                    qd > 0 ? 1000 * ed / qd : null, closing, retention));
        }
        FadeFit fade = null;
        if (fitCycles.size() >= 3) {
            fade = fadeRate(fitCycles.stream().mapToInt(Integer::intValue).toArray(),
                    fitCapacities.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return new CyclingAnalysis(method, options, opening, threshold, out, reference, fade);
    }

    /** Cycle numbers of the points, the opening direction and the rest threshold. */
    private static Segmentation segment(CyclerData data, CyclingOptions options) {
        double[] current = data.currentMa();
        double threshold = options.restThresholdMa();
        if (threshold == 0) {
            double max = 0;
            for (double c : current) {
                max = Math.max(max, Math.abs(c));
            }
            threshold = CyclingOptions.AUTO_REST_FRACTION * max;
        }
        StepKind firstDirection = null;
        for (double c : current) {
            StepKind k = classify(c, threshold);
            if (k != StepKind.REST) {
                firstDirection = k;
                break;
            }
        }
        if (firstDirection == null) {
            throw new BatteryAnalysisException(Reason.TOO_FEW_POINTS, String.format(Locale.ROOT,
                    "no point has |I| above the rest threshold of %.6g mA: nothing to analyse", threshold));
        }
        StepKind opening = switch (options.start()) {
            case CHARGE -> StepKind.CHARGE;
            case DISCHARGE -> StepKind.DISCHARGE;
            case AUTO -> firstDirection;
        };
        if (data.hasCycleIndex()) {
            return new Segmentation(data.cycleIndex(), opening, threshold);
        }
        int[] cycle = new int[current.length];
        int number = 0;
        StepKind last = null;
        int leading = 0;
        for (int k = 0; k < current.length; k++) {
            StepKind kind = classify(current[k], threshold);
            if (kind != StepKind.REST) {
                if (kind == opening && last != opening) {
                    number++;
                }
                last = kind;
            } else if (last == null) {
                leading++;
            }
            cycle[k] = number;
        }
        int firstCycle = firstDirection == opening ? 1 : 0;
        for (int k = 0; k < leading; k++) {
            cycle[k] = firstCycle;
        }
        return new Segmentation(cycle, opening, threshold);
    }

    /** The charge and discharge parts of interval [k, k+1], each with its cycle. */
    private static List<Part> parts(double[] t, double[] v, double[] i, int[] cycle, int k) {
        double dt = t[k + 1] - t[k];
        double a = i[k];
        double b = i[k + 1];
        double pa = v[k] * a;
        double pb = v[k + 1] * b;
        List<Part> out = new ArrayList<>(2);
        if (a >= 0 && b >= 0 || a <= 0 && b <= 0) {
            double q = 0.5 * (a + b) * dt;
            if (q != 0) {
                StepKind kind = q > 0 ? StepKind.CHARGE : StepKind.DISCHARGE;
                int sign = kind == StepKind.CHARGE ? 1 : -1;
                int owner = Math.signum(b) == sign ? cycle[k + 1] : cycle[k];
                out.add(new Part(owner, kind, Math.abs(q), Math.abs(0.5 * (pa + pb) * dt), v[k], v[k + 1]));
            }
            return out;
        }
        double f = a / (a - b);
        double vCross = v[k] + f * (v[k + 1] - v[k]);
        StepKind kindA = a > 0 ? StepKind.CHARGE : StepKind.DISCHARGE;
        out.add(new Part(cycle[k], kindA, 0.5 * Math.abs(a) * f * dt, 0.5 * Math.abs(pa) * f * dt, v[k], vCross));
        out.add(new Part(cycle[k + 1], kindA.opposite(), 0.5 * Math.abs(b) * (1 - f) * dt,
                0.5 * Math.abs(pb) * (1 - f) * dt, vCross, v[k + 1]));
        return out;
    }

    private static StepKind classify(double currentMa, double threshold) {
        if (currentMa > threshold) {
            return StepKind.CHARGE;
        }
        if (currentMa < -threshold) {
            return StepKind.DISCHARGE;
        }
        return StepKind.REST;
    }

    private static double[] movingAverage(double[] y, int window) {
        if (window == 1) {
            return y.clone();
        }
        int half = window / 2;
        double[] out = new double[y.length];
        for (int k = 0; k < y.length; k++) {
            int from = Math.max(0, k - half);
            int to = Math.min(y.length - 1, k + half);
            double s = 0;
            for (int j = from; j <= to; j++) {
                s += y[j];
            }
            out[k] = s / (to - from + 1);
        }
        return out;
    }

    /** A number to six significant digits without trailing zeros. */
    private static String number(double value) {
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros()
                .toPlainString();
    }

    private static int clamp(int bin, int bins) {
        return Math.max(0, Math.min(bins - 1, bin));
    }

    private record Segmentation(int[] cycle, StepKind opening, double threshold) {
    }

    /** One signed part of an interval: charge (mA·s) and energy (mW·s) as magnitudes, voltages at its ends. */
    private record Part(int cycle, StepKind kind, double chargeMaS, double energyMwS, double v0, double v1) {
    }

    private static final class Accumulator {
        double start = Double.NaN;
        double end = Double.NaN;
        boolean hasCharge;
        boolean hasDischarge;
        double chargeMaS;
        double dischargeMaS;
        double chargeMwS;
        double dischargeMwS;

        boolean complete() {
            return hasCharge && hasDischarge;
        }

        double closing(StepKind opening) {
            return opening == StepKind.CHARGE ? dischargeMaS : chargeMaS;
        }
    }
}
