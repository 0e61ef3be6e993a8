package org.nanoos.labhub.verticals.battery;

/**
 * An element's abridged standard atomic weight from {@link AtomicWeights}.
 *
 * @param symbol      element symbol, e.g. "Fe"
 * @param z           atomic number
 * @param value       abridged standard atomic weight Ar°, dimensionless; numerically the molar mass in g/mol
 * @param uncertainty the ± of the abridged table: the half-width of an interval expected to hold the atomic weight of
 *                    any normal terrestrial material (not a standard uncertainty; see {@link #standardUncertainty()})
 */
public record AtomicWeight(String symbol, int z, double value, double uncertainty) {

    private static final double SQRT3 = Math.sqrt(3);

    /**
     * The standard uncertainty u = U/√3, taking the abridged ± as the half-width of a rectangular distribution, as
     * the IUPAC guidance on using standard atomic weights recommends (A. M. H. van der Veen et al., Pure Appl. Chem.
     * 93 (2021) 629–646).
     */
    public double standardUncertainty() {
        return uncertainty / SQRT3;
    }
}
