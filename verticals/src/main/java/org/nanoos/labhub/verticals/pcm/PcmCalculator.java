package org.nanoos.labhub.verticals.pcm;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

import org.nanoos.labhub.verticals.battery.ChemicalFormula;
import org.nanoos.labhub.verticals.pcm.PcmAnalysisException.Reason;
import org.nanoos.labhub.verticals.units.SiDefiningConstants;

/**
 * Phase-change-memory figures: amorphous–crystalline energy difference, resistance contrast, crystallization
 * temperature from an R(T) sweep, and the energy of a melt-quench pulse.
 */
public final class PcmCalculator {

    private static final double KELVIN_AT_0_C = 273.15;

    private PcmCalculator() {
    }

    /**
     * ΔE = E_a/N_a − E_c/N_c per atom, and per formula unit (× atoms per formula unit), from the total energies of an
     * amorphous and a crystalline cell of the same composition (the caller's responsibility), both in eV from one
     * consistent calculation.
     *
     * @throws PcmAnalysisException {@link Reason#NOT_FINITE} for a NaN or infinite energy,
     *                              {@link Reason#NON_POSITIVE} for a non-positive atom count
     */
    public static PhaseEnergyDifference phaseEnergyDifference(double amorphousEv, int amorphousAtoms,
                                                              double crystallineEv, int crystallineAtoms,
                                                              double atomsPerFormulaUnit) {
        requireFinite(amorphousEv, "amorphousEv");
        requireFinite(crystallineEv, "crystallineEv");
        requirePositive(amorphousAtoms, "amorphousAtoms");
        requirePositive(crystallineAtoms, "crystallineAtoms");
        requirePositive(atomsPerFormulaUnit, "atomsPerFormulaUnit");
        double a = amorphousEv / amorphousAtoms;
        double c = crystallineEv / crystallineAtoms;
        double perAtom = a - c;
        double perFormula = perAtom * atomsPerFormulaUnit;
        return new PhaseEnergyDifference(a, c, perAtom, 1000 * perAtom, atomsPerFormulaUnit, perFormula,
                perFormula * SiDefiningConstants.FARADAY_C_PER_MOL / 1000);
    }

    /** {@link #phaseEnergyDifference(double, int, double, int, double)} with the atoms counted from a formula. */
    public static PhaseEnergyDifference phaseEnergyDifference(double amorphousEv, int amorphousAtoms,
                                                              double crystallineEv, int crystallineAtoms,
                                                              ChemicalFormula formula) {
        Objects.requireNonNull(formula, "formula");
        return phaseEnergyDifference(amorphousEv, amorphousAtoms, crystallineEv, crystallineAtoms, formula.atoms());
    }

    /**
     * The amorphous/crystalline contrast of two resistances, or two resistivities, in the same unit.
     *
     * @throws PcmAnalysisException {@link Reason#NON_POSITIVE} or {@link Reason#NOT_FINITE}
     */
    public static ResistanceContrast resistanceContrast(double amorphous, double crystalline) {
        requirePositive(amorphous, "amorphous");
        requirePositive(crystalline, "crystalline");
        double ratio = amorphous / crystalline;
        return new ResistanceContrast(amorphous, crystalline, ratio, Math.log10(ratio));
    }

    /**
     * The crystallization temperature T_c of a heating sweep:
     *
     * <ol>
     *   <li>y = log₁₀ R;</li>
     *   <li>at every point, a least-squares quadratic in (T − Tᵢ) through the points within ± h K (h from the options;
     *       the window shifted inwards at the ends of the sweep; at least 4 points, or the smoothing is refused)
     *       gives the smoothed y and its derivative dy/dT (a Savitzky–Golay-type local fit that does not need equal
     *       steps);</li>
     *   <li>T_c is where dy/dT is most negative, refined by a parabola through it and its neighbours; it must not
     *       be the first or last point;</li>
     *   <li>the half-maximum points, where dy/dT rises to half its value at T_c on either side, are found by linear
     *       interpolation; half their distance is the transition's half-width; both must lie inside the sweep;</li>
     *   <li>the smoothed y must fall by at least {@link CrystallizationOptions#minDropDecades()} between them.</li>
     * </ol>
     *
     * <p>The half-width measures how sharp the transition is; it is not the standard uncertainty of T_c, which with
     * a thermocouple calibration and a heating-rate dependence (Kissinger) is usually larger. The half maximum is
     * taken from zero slope: a sloping amorphous baseline widens it slightly.
     *
     * @throws PcmAnalysisException {@link Reason#NO_TRANSITION}, {@link Reason#TRANSITION_AT_EDGE},
     *                              {@link Reason#TOO_FEW_POINTS} (smoothing window too narrow for the data)
     */
    public static CrystallizationTemperature crystallizationTemperature(ResistanceSweep sweep,
                                                                        CrystallizationOptions options) {
        Objects.requireNonNull(sweep, "sweep");
        Objects.requireNonNull(options, "options");
        double[] t = sweep.temperatureK();
        double[] r = sweep.resistanceOhm();
        int n = t.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.log10(r[i]);
        }
        double h = options.smoothingHalfWidthK();
        if (h == 0) {
            double[] steps = new double[n - 1];
            for (int i = 0; i + 1 < n; i++) {
                steps[i] = t[i + 1] - t[i];
            }
            Arrays.sort(steps);
            h = 5 * steps[steps.length / 2];
        }
        double[] smooth = new double[n];
        double[] slope = new double[n];
        for (int i = 0; i < n; i++) {
            double[] fit = localQuadratic(t, y, i, h);
            smooth[i] = fit[0];
            slope[i] = fit[1];
        }
        int p = 0;
        for (int i = 1; i < n; i++) {
            if (slope[i] < slope[p]) {
                p = i;
            }
        }
        if (!(slope[p] < 0)) {
            throw new PcmAnalysisException(Reason.NO_TRANSITION, String.format(Locale.ROOT,
                    "log10 R never falls between %.2f and %.2f K (smoothed over ±%.3g K)", t[0], t[n - 1], h));
        }
        if (p == 0 || p == n - 1) {
            throw new PcmAnalysisException(Reason.TRANSITION_AT_EDGE, String.format(Locale.ROOT,
                    "log10 R falls most steeply at the %s end of the sweep (%.2f K): the transition may lie outside it",
                    p == 0 ? "low" : "high", t[p]));
        }
        double half = slope[p] / 2;
        int left = p;
        while (left > 0 && slope[left] < half) {
            left--;
        }
        int right = p;
        while (right < n - 1 && slope[right] < half) {
            right++;
        }
        if (slope[left] < half || slope[right] < half) {
            throw new PcmAnalysisException(Reason.TRANSITION_AT_EDGE, String.format(Locale.ROOT,
                    "the steepest fall of log10 R at %.2f K (%.4g decades/K) does not ease to half that slope before "
                            + "the %s end of the sweep", t[p], slope[p], slope[left] < half ? "low" : "high"));
        }
        double low = cross(t, slope, left, left + 1, half);
        double high = cross(t, slope, right - 1, right, half);
        double drop = interpolate(t, smooth, low) - interpolate(t, smooth, high);
        if (drop < options.minDropDecades()) {
            throw new PcmAnalysisException(Reason.NO_TRANSITION, String.format(Locale.ROOT,
                    "the steepest fall of log10 R, at %.2f K, drops only %.3g decades between its half-maximum points "
                            + "%.2f and %.2f K (at least %.3g required)", t[p], drop, low, high,
                    options.minDropDecades()));
        }
        double[] vertex = vertex(t[p - 1], slope[p - 1], t[p], slope[p], t[p + 1], slope[p + 1]);
        double tc = vertex[0] >= t[p - 1] && vertex[0] <= t[p + 1] ? vertex[0] : t[p];
        double tcSlope = vertex[0] == tc ? vertex[1] : slope[p];
        String method = String.format(Locale.ROOT, "T_c at the minimum of d log10 R/dT; log10 R smoothed and "
                + "differentiated by local least-squares quadratics over ±%s K, minimum refined by a parabola "
                + "through three points; width = half the full width at half maximum of −d log10 R/dT", number(h));
        return new CrystallizationTemperature(method, options, tc, tc - KELVIN_AT_0_C, tcSlope, (high - low) / 2, low,
                high, drop, h);
    }

    /**
     * The energy of a melt-quench (RESET) pulse: the heat to bring the programmed volume from ambient to the melting
     * point and melt it, E_heat = ρ·V·[c_p·(T_m − T_ambient) + ΔH_f], divided by the efficiency η with which the
     * pulse delivers heat to that volume: E = E_heat/η, in J and pJ.
     *
     * <p>Assumptions: the volume is heated uniformly and adiabatically within the efficiency (η lumps every loss:
     * conduction into electrodes and dielectric, heating outside the volume, the driver); c_p and ρ are constant
     * from ambient to melting (the crystallization heat released on the way, if starting amorphous, and the
     * density change on melting are neglected); the liquid is not superheated above T_m; no energy is counted for
     * the quench. It is a lower bound on the heat and an order-of-magnitude estimate of the pulse energy.
     */
    public static SwitchingEnergy switchingEnergy(SwitchingHeatModel model) {
        Objects.requireNonNull(model, "model");
        double mass = model.densityKgPerM3() * model.volumeM3();
        double sensible = mass * model.specificHeatJPerKgK() * (model.meltingK() - model.ambientK());
        double latent = mass * model.latentHeatJPerKg();
        double heat = sensible + latent;
        double electrical = heat / model.efficiency();
        String assumptions = "E = ρ·V·[c_p·(T_m − T_ambient) + ΔH_f]/η; uniform adiabatic heating of the programmed "
                + "volume, constant c_p and ρ, no superheating, heat of crystallization and quench neglected, η lumps "
                + "all losses";
        return new SwitchingEnergy(model, mass, sensible, latent, heat, electrical, electrical * 1e12, assumptions);
    }

    /**
     * [smoothed y, dy/dT] at point i from a least-squares quadratic through the points within ± h of it; near the
     * ends of the sweep the 2h-wide window is shifted to lie inside it (as Savitzky–Golay smoothing does), and the
     * quadratic is still evaluated at point i.
     */
    private static double[] localQuadratic(double[] t, double[] y, int i, double h) {
        int n = t.length;
        double lo = t[i] - h;
        double hi = t[i] + h;
        if (lo < t[0]) {
            lo = t[0];
            hi = t[0] + 2 * h;
        } else if (hi > t[n - 1]) {
            hi = t[n - 1];
            lo = t[n - 1] - 2 * h;
        }
        double slack = 1e-9 * h;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double sy0 = 0;
        double sy1 = 0;
        double sy2 = 0;
        int count = 0;
        for (int j = 0; j < n; j++) {
            if (t[j] < lo - slack || t[j] > hi + slack) {
                continue;
            }
            double u = (t[j] - t[i]) / h;
            double u2 = u * u;
            s0++;
            s1 += u;
            s2 += u2;
            s3 += u2 * u;
            s4 += u2 * u2;
            sy0 += y[j];
            sy1 += y[j] * u;
            sy2 += y[j] * u2;
            count++;
        }
        if (count < 4) {
            throw new PcmAnalysisException(Reason.TOO_FEW_POINTS, String.format(Locale.ROOT,
                    "only %d points lie in the %s K window around %.2f K; a local quadratic needs at least 4 (widen "
                            + "smoothingHalfWidthK)", count, number(2 * h), t[i]));
        }
        // normal equations [s0 s1 s2; s1 s2 s3; s2 s3 s4]·(a, b, c) = (sy0, sy1, sy2), solved by Cramer's rule
        double det = det(s0, s1, s2, s1, s2, s3, s2, s3, s4);
        double a = det(sy0, s1, s2, sy1, s2, s3, sy2, s3, s4) / det;
        double b = det(s0, sy0, s2, s1, sy1, s3, s2, sy2, s4) / det;
        return new double[] {a, b / h};
    }

    /** A number to four significant digits without trailing zeros. */
    private static String number(double value) {
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros()
                .toPlainString();
    }

    private static double det(double a, double b, double c, double d, double e, double f, double g, double h,
                              double k) {
        return a * (e * k - f * h) - b * (d * k - f * g) + c * (d * h - e * g);
    }

    /** Vertex (x, y) of the parabola through three points. */
    private static double[] vertex(double x1, double y1, double x2, double y2, double x3, double y3) {
        double denominator = (x1 - x2) * (x1 - x3) * (x2 - x3);
        double a = (x3 * (y2 - y1) + x2 * (y1 - y3) + x1 * (y3 - y2)) / denominator;
        double b = (x3 * x3 * (y1 - y2) + x2 * x2 * (y3 - y1) + x1 * x1 * (y2 - y3)) / denominator;
        double c = (x2 * x3 * (x2 - x3) * y1 + x3 * x1 * (x3 - x1) * y2 + x1 * x2 * (x1 - x2) * y3) / denominator;
        if (!(a > 0)) {
            return new double[] {x2, y2};
        }
        double x = -b / (2 * a);
        return new double[] {x, c - b * b / (4 * a)};
    }

    /** Where the line from (t[i], s[i]) to (t[j], s[j]) reaches {@code level}. */
    private static double cross(double[] t, double[] s, int i, int j, double level) {
        if (s[j] == s[i]) {
            return t[i];
        }
        return t[i] + (level - s[i]) * (t[j] - t[i]) / (s[j] - s[i]);
    }

    private static double interpolate(double[] t, double[] y, double at) {
        int k = Arrays.binarySearch(t, at);
        if (k >= 0) {
            return y[k];
        }
        int hi = Math.min(t.length - 1, Math.max(1, -k - 1));
        int lo = hi - 1;
        return y[lo] + (at - t[lo]) * (y[hi] - y[lo]) / (t[hi] - t[lo]);
    }

    static void requirePositive(double value, String field) {
        requireFinite(value, field);
        if (!(value > 0)) {
            throw new PcmAnalysisException(Reason.NON_POSITIVE, field + " must be positive, was " + value);
        }
    }

    static void requireFinite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new PcmAnalysisException(Reason.NOT_FINITE, field + " must be finite, was " + value);
        }
    }
}
