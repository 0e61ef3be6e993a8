package org.nanoos.labhub.simulator.battery;

/**
 * Open-circuit voltage of Li<sub>y</sub>FePO<sub>4</sub> against Li/Li⁺ as a function of its lithium fraction y,
 * from a regular-solution model of lithium on the olivine sites.
 *
 * <p>The chemical potential of lithium in a regular solution is
 * {@code μ(y) = μ° + RT ln(y/(1−y)) + Ω (1 − 2y)}, so against lithium metal the homogeneous solid would show
 * {@code U(y) = U° − (RT/F) ln(y/(1−y)) − (Ω/F)(1 − 2y)}. For {@code Ω > 2RT} this curve is not monotonic: the solid
 * separates into a lithium-poor (≈FePO<sub>4</sub>) and a lithium-rich (≈LiFePO<sub>4</sub>) phase. Inside the
 * miscibility gap {@code [y₁, 1 − y₁]}, where {@code y₁} solves {@code RT ln(y/(1−y)) + Ω(1 − 2y) = 0} (the binodal
 * of the symmetric solution, equal chemical potential in both phases), the equilibrium voltage is the flat
 * two-phase plateau {@code U°}; outside it the single-phase curve above applies, which meets the plateau
 * continuously and rises (y → 0, end of charge) or falls (y → 1, end of discharge) without bound.
 *
 * <p>Defaults: {@code U° = 3.42 V} vs Li/Li⁺, the LiFePO<sub>4</sub>/FePO<sub>4</sub> plateau (Padhi, Nanjundaswamy
 * &amp; Goodenough, J. Electrochem. Soc. 144, 1188 (1997), report 3.4 V); {@code Ω = 8 kJ/mol} at 298.15 K puts the
 * symmetric miscibility gap at y ≈ 0.05…0.95, close to the room-temperature solubility limits of a few percent found
 * by Yamada et al., Nature Materials 5, 357 (2006). The real gap is asymmetric and size dependent; this model is not.
 */
public final class OpenCircuitVoltage {

    private final double plateauV;
    private final double interactionJPerMol;
    private final double temperatureK;
    private final double thermalV;
    private final double gapLower;

    /** The regular-solution OCV for a plateau voltage, interaction energy Ω and temperature. */
    public OpenCircuitVoltage(double plateauV, double interactionJPerMol, double temperatureK) {
        if (!(plateauV > 0) || !(interactionJPerMol >= 0) || !(temperatureK > 0)
                || Double.isInfinite(plateauV + interactionJPerMol + temperatureK)) {
            throw new IllegalArgumentException("plateau and temperature must be positive, interaction non-negative");
        }
        this.plateauV = plateauV;
        this.interactionJPerMol = interactionJPerMol;
        this.temperatureK = temperatureK;
        this.thermalV = Electrochemistry.thermalVoltage(temperatureK);
        this.gapLower = binodal(interactionJPerMol / (Electrochemistry.GAS_CONSTANT_J_PER_MOL_K * temperatureK));
    }

    /** Equilibrium voltage against Li/Li⁺ at lithium fraction y in (0, 1), V; ±∞ at or beyond the ends. */
    public double voltage(double lithiumFraction) {
        double y = lithiumFraction;
        if (Double.isNaN(y)) {
            throw new IllegalArgumentException("lithium fraction is NaN");
        }
        if (y <= 0.0) {
            return Double.POSITIVE_INFINITY;
        }
        if (y >= 1.0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (y >= gapLower && y <= 1.0 - gapLower) {
            return plateauV;
        }
        return plateauV - thermalV * Math.log(y / (1.0 - y))
                - interactionJPerMol / Electrochemistry.FARADAY_C_PER_MOL * (1.0 - 2.0 * y);
    }

    /** Equilibrium voltage at state of charge {@code 1 − y}, V. */
    public double voltageAtStateOfCharge(double stateOfCharge) {
        return voltage(1.0 - stateOfCharge);
    }

    /** Lithium-poor edge {@code y₁} of the miscibility gap (0.5 when Ω ≤ 2RT and there is no gap). */
    public double miscibilityGapLower() {
        return gapLower;
    }

    /** Lithium-rich edge {@code 1 − y₁} of the miscibility gap. */
    public double miscibilityGapUpper() {
        return 1.0 - gapLower;
    }

    /** The two-phase plateau voltage U°, V. */
    public double plateauV() {
        return plateauV;
    }

    /** Interaction energy Ω, J/mol. */
    public double interactionJPerMol() {
        return interactionJPerMol;
    }

    /** Temperature, K. */
    public double temperatureK() {
        return temperatureK;
    }

    /**
     * Lithium-poor binodal of the symmetric regular solution with reduced interaction {@code w = Ω/RT}: the root in
     * (0, ½) of {@code ln(y/(1−y)) = w (2y − 1)} other than ½. It exists for w &gt; 2 and lies below the spinodal
     * {@code y_s = (1 − sqrt(1 − 2/w))/2}, where the difference of the two sides is increasing.
     */
    static double binodal(double w) {
        if (w <= 2.0) {
            return 0.5;
        }
        double lo = Double.MIN_NORMAL;
        double hi = 0.5 * (1.0 - Math.sqrt(1.0 - 2.0 / w));
        for (int i = 0; i < 2000 && hi - lo > 1e-16 * Math.max(hi, 1e-300); i++) {
            double mid = lo < 1e-12 * hi ? Math.sqrt(lo * hi) : 0.5 * (lo + hi);
            if (Math.log(mid / (1.0 - mid)) - w * (2.0 * mid - 1.0) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
