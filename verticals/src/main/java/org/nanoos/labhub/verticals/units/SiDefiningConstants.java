package org.nanoos.labhub.verticals.units;

/**
 * The defining constants of the SI that the analysis code needs as plain doubles, with the exact values fixed by the
 * 2019 redefinition (BIPM, <i>The International System of Units</i>, 9th ed., 2019, Table 1), and the photon-energy
 * conversion and the Faraday constant derived from them.
 */
public final class SiDefiningConstants {

    /** Planck constant h, J·s (exact). */
    public static final double PLANCK_J_S = 6.62607015e-34;
    /** Speed of light in vacuum c, m/s (exact). */
    public static final double SPEED_OF_LIGHT_M_PER_S = 299_792_458.0;
    /** Elementary charge e, C (exact); also the number of joules in one electronvolt. */
    public static final double ELEMENTARY_CHARGE_C = 1.602176634e-19;
    /** Avogadro constant N_A, mol⁻¹ (exact). */
    public static final double AVOGADRO_PER_MOL = 6.022_140_76e23;
    /** Faraday constant F = N_A·e = 96 485.332 12… C/mol, exact since both factors are. */
    public static final double FARADAY_C_PER_MOL = AVOGADRO_PER_MOL * ELEMENTARY_CHARGE_C;
    /** hc/e in eV·nm = 1239.841984…, so that E (eV) = this / λ (nm) for a photon of vacuum wavelength λ. */
    public static final double HC_EV_NM = PLANCK_J_S * SPEED_OF_LIGHT_M_PER_S / ELEMENTARY_CHARGE_C * 1e9;

    private SiDefiningConstants() {
    }
}
