package org.nanoos.labhub.verticals.uvvis;

/**
 * The optical transitions a Tauc plot can linearise. Near the gap α hν ∝ (hν − Eg)^p with p = ½ for direct allowed
 * and p = 2 for indirect allowed transitions (J. Tauc, R. Grigorovici and A. Vancu, phys. stat. sol. 15 (1966) 627;
 * E. A. Davis and N. F. Mott, Phil. Mag. 22 (1970) 903), so (αhν)^(1/p) is linear in hν and meets the axis at Eg.
 */
public enum TaucTransition {
    /** Direct allowed: (αhν)² against hν. */
    DIRECT_ALLOWED(2.0),
    /** Indirect allowed: (αhν)^½ against hν. */
    INDIRECT_ALLOWED(0.5);

    private final double exponent;

    TaucTransition(double exponent) {
        this.exponent = exponent;
    }

    /** The power 1/p applied to αhν: 2 for direct, ½ for indirect. */
    public double exponent() {
        return exponent;
    }

    /** The Tauc ordinate sign(αhν)·|αhν|^(1/p), in (cm⁻¹ eV)^(1/p); the sign keeps noise below the gap monotone. */
    public double ordinate(double alphaPerCm, double photonEnergyEv) {
        double product = alphaPerCm * photonEnergyEv;
        return Math.signum(product) * Math.pow(Math.abs(product), exponent);
    }
}
