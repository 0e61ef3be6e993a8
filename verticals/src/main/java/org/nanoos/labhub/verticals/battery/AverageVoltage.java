package org.nanoos.labhub.verticals.battery;

/**
 * The average voltage of an insertion reaction against the carrier metal from total energies.
 *
 * @param voltageV                V = −ΔE/(n·z), volts against the carrier metal
 * @param reactionEnergyEv        ΔE = E(discharged) − E(charged) − n·E(metal), eV per formula unit of the host
 *                                (negative when insertion is spontaneous, giving a positive voltage)
 * @param carrier                 the carrier ion
 * @param carriersPerFormulaUnit  n
 * @param electronsPerFormulaUnit n·z
 * @param method                  the formula, in words
 */
public record AverageVoltage(double voltageV, double reactionEnergyEv, CarrierIon carrier,
                             double carriersPerFormulaUnit, double electronsPerFormulaUnit, String method) {
}
