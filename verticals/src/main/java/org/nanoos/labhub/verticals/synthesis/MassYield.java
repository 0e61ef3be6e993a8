package org.nanoos.labhub.verticals.synthesis;

/**
 * The mass yield of a synthesis.
 *
 * @param measuredG    product mass weighed, g
 * @param theoreticalG mass expected from the limiting reagent, g
 * @param fraction     measuredG / theoreticalG (above 1 means solvent, impurities or a wrong theoretical mass; it is
 *                     reported as it is, not capped)
 * @param percent      the same × 100
 */
public record MassYield(double measuredG, double theoreticalG, double fraction, double percent) {
}
