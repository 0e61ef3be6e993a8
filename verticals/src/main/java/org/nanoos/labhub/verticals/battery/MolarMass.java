package org.nanoos.labhub.verticals.battery;

/**
 * The molar mass of a formula from abridged standard atomic weights.
 *
 * @param gPerMol                    M = Σ nᵢ·Ar°(Eᵢ) g/mol
 * @param standardUncertaintyGPerMol u(M) = √Σ (nᵢ·u(Eᵢ))², with u(E) = U/√3 from the abridged ± (elements taken as
 *                                   independent; van der Veen et al., Pure Appl. Chem. 93 (2021) 629). It says how far
 *                                   a normal terrestrial sample may differ, not how well the formula is known.
 */
public record MolarMass(double gPerMol, double standardUncertaintyGPerMol) {
}
