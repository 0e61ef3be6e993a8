package org.nanoos.labhub.verticals.battery;

/**
 * One cycle's figures. "Opening" and "closing" are the halves in the order {@link CycleStart} gives (charge then
 * discharge for a cathode, discharge then charge for an anode half-cell). Values that do not exist for the cycle are
 * {@code null}: specific capacities without a mass, efficiencies and retention for an incomplete cycle, times for
 * step-table input.
 *
 * @param cycle                      cycle number (the cycler's, or 1, 2, … when split by current; 0 for a leading
 *                                   half before the first opening half)
 * @param complete                   whether the cycle has both a charge and a discharge
 * @param startTimeS                 time of its first point, s
 * @param endTimeS                   time of its last point, s
 * @param chargeCapacityMah          ∫ I dt over I &gt; 0, mAh (trapezoid rule)
 * @param dischargeCapacityMah       ∫ |I| dt over I &lt; 0, mAh
 * @param chargeCapacityMahPerG      the same per gram of active material
 * @param dischargeCapacityMahPerG   the same per gram of active material
 * @param coulombicEfficiency        closing-half capacity / opening-half capacity (fraction, 0.995 = 99.5 %)
 * @param chargeEnergyWh             ∫ V·I dt over I &gt; 0, Wh
 * @param dischargeEnergyWh          ∫ V·|I| dt over I &lt; 0, Wh
 * @param energyEfficiency           discharge energy / charge energy (fraction), whatever the order
 * @param meanChargeVoltageV         charge energy / charge capacity, V
 * @param meanDischargeVoltageV      discharge energy / discharge capacity, V
 * @param reversibleCapacityMah      the closing half's capacity (discharge for charge-first cells), mAh
 * @param retentionPercent           reversible capacity / that of the reference cycle × 100
 */
public record CycleSummary(int cycle, boolean complete, Double startTimeS, Double endTimeS, double chargeCapacityMah,
                           double dischargeCapacityMah, Double chargeCapacityMahPerG, Double dischargeCapacityMahPerG,
                           Double coulombicEfficiency, double chargeEnergyWh, double dischargeEnergyWh,
                           Double energyEfficiency, Double meanChargeVoltageV, Double meanDischargeVoltageV,
                           double reversibleCapacityMah, Double retentionPercent) {
}
