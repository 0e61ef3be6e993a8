package org.nanoos.labhub.simulator.battery;

/**
 * The per-cycle figures a cycler reports after each discharge. Capacities count the true current; energies are
 * {@code ∫ V I dt} over each step, integrated by Simpson's rule inside every logging interval, as magnitudes.
 *
 * @param cycle                 cycle number, from 1
 * @param chargeCapacityMah     charge passed during the charge step, mAh
 * @param dischargeCapacityMah  charge delivered during the discharge step, mAh
 * @param chargeEnergyWh        energy put in while charging, Wh
 * @param dischargeEnergyWh     energy delivered while discharging, Wh
 * @param coulombicEfficiency   discharge / charge capacity
 * @param energyEfficiency      discharge / charge energy
 * @param activeCapacityMah     active capacity of the electrode during this cycle (after material loss), mAh
 * @param ohmicResistanceOhm    ohmic resistance during this cycle, Ω
 * @param endTimeS              time the discharge ended, s
 */
public record CycleSummary(int cycle, double chargeCapacityMah, double dischargeCapacityMah, double chargeEnergyWh,
                           double dischargeEnergyWh, double coulombicEfficiency, double energyEfficiency,
                           double activeCapacityMah, double ohmicResistanceOhm, double endTimeS) {

    /** Mean discharge voltage, energy over capacity, V. */
    public double meanDischargeVoltageV() {
        return dischargeCapacityMah > 0 ? dischargeEnergyWh * 1000.0 / dischargeCapacityMah : Double.NaN;
    }

    /** Mean charge voltage, V. */
    public double meanChargeVoltageV() {
        return chargeCapacityMah > 0 ? chargeEnergyWh * 1000.0 / chargeCapacityMah : Double.NaN;
    }
}
