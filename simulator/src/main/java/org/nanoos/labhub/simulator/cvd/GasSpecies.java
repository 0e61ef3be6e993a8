package org.nanoos.labhub.simulator.cvd;

/**
 * A gas molecule as the kinetic theory of gases sees it: molar mass and Lennard-Jones 12-6 parameters, enough for
 * Chapman–Enskog diffusion coefficients.
 *
 * <p>The Lennard-Jones parameters of the constants below are those tabulated by R. A. Svehla, "Estimated viscosities
 * and thermal conductivities of gases at high temperatures", NASA TR R-132 (1962), as reproduced in Bird, Stewart
 * &amp; Lightfoot, <i>Transport Phenomena</i>, 2nd ed., Appendix E.
 *
 * @param name               chemical formula, for messages
 * @param molarMassGPerMol   molar mass in g/mol
 * @param sigmaAngstrom      Lennard-Jones collision diameter σ in ångström
 * @param epsilonOverKKelvin Lennard-Jones well depth ε/k<sub>B</sub> in kelvin
 */
public record GasSpecies(String name, double molarMassGPerMol, double sigmaAngstrom, double epsilonOverKKelvin) {

    /** Silane, SiH<sub>4</sub> (Svehla 1962: σ = 4.084 Å, ε/k = 207.6 K). */
    public static final GasSpecies SILANE = new GasSpecies("SiH4", 32.117, 4.084, 207.6);
    /** Nitrogen, N<sub>2</sub> (Svehla 1962: σ = 3.798 Å, ε/k = 71.4 K). */
    public static final GasSpecies NITROGEN = new GasSpecies("N2", 28.0134, 3.798, 71.4);

    /** Checks for a name and positive parameters. */
    public GasSpecies {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("gas species needs a name");
        }
        if (!(molarMassGPerMol > 0) || !(sigmaAngstrom > 0) || !(epsilonOverKKelvin > 0)) {
            throw new IllegalArgumentException("molar mass, sigma and epsilon/k of " + name + " must be positive");
        }
    }
}
