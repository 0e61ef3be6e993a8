package org.nanoos.labhub.simulator.battery;

/**
 * One logged point of the cycler: what it measured at one instant. Currents are positive on charge and negative on
 * discharge; capacities are magnitudes of the true charge passed (coulomb counting), readings carry sensor noise.
 *
 * @param timeS              time since the test started, s
 * @param cycle              cycle number, from 1
 * @param step               charge or discharge
 * @param currentMa          measured current, mA
 * @param voltageV           measured cell voltage, V
 * @param stepCapacityMah    charge passed since the step began, mAh
 * @param throughputMah      total charge passed since the test started, both directions, mAh
 */
public record CyclerSample(double timeS, int cycle, Step step, double currentMa, double voltageV,
                           double stepCapacityMah, double throughputMah) {
}
