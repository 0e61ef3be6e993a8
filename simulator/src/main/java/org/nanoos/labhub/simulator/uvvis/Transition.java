package org.nanoos.labhub.simulator.uvvis;

/**
 * The kind of optical transition across the band gap, which fixes how the absorption coefficient rises above the
 * gap: {@code α(E) = C (E − Eg)^p / E} with {@code p = 1/2} for direct allowed and {@code p = 2} for indirect allowed
 * transitions (Tauc, Grigorovici &amp; Vancu, phys. stat. sol. 15, 627 (1966); Pankove, <i>Optical Processes in
 * Semiconductors</i>, 1971, ch. 3).
 */
public enum Transition {

    /** Direct allowed transition, {@code α ∝ (E − Eg)^{1/2}/E}; the Tauc plot is {@code (αE)²} against E. */
    DIRECT_ALLOWED(0.5),

    /**
     * Indirect allowed transition in its simple form {@code α ∝ (E − Eg)²/E}: the phonon-absorption and
     * phonon-emission branches {@code (E − Eg ± Ep)²} are not resolved, so {@code Eg} is the gap a Tauc plot of
     * {@code (αE)^{1/2}} against E extrapolates to.
     */
    INDIRECT_ALLOWED(2.0);

    private final double edgeExponent;

    Transition(double edgeExponent) {
        this.edgeExponent = edgeExponent;
    }

    /** The exponent p of {@code (E − Eg)^p} in the absorption coefficient. */
    public double edgeExponent() {
        return edgeExponent;
    }

    /** The power {@code 1/p} that makes {@code (αE)^{1/p}} linear in E above the gap (2 direct, 1/2 indirect). */
    public double taucExponent() {
        return 1.0 / edgeExponent;
    }
}
