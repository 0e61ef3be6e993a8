package org.nanoos.labhub.verticals.battery;

import java.util.Arrays;

/**
 * Differential capacity dQ/dV of one half cycle on a voltage grid. Values are magnitudes (positive on discharge too).
 *
 * @param cycle         the cycle
 * @param direction     charge or discharge
 * @param binWidthV     voltage bin width, V
 * @param smoothingBins moving-average width, bins (1 = none)
 * @param voltageV      bin centres, V, ascending (copied in and out)
 * @param dqdv          dQ/dV in each bin after smoothing, in {@link #unit()} (copied)
 * @param unit          "mAh/V", or "mAh/(g·V)" when an active mass was given
 * @param peakVoltageV  voltage of the largest dQ/dV, refined by a parabola through the three bins around it, V
 * @param peakValue     the largest smoothed dQ/dV, in {@code unit}
 * @param capacityMah   the capacity binned (the half cycle's, for a check), mAh
 * @param method        the procedure in words
 */
public record DifferentialCapacity(int cycle, StepKind direction, double binWidthV, int smoothingBins,
                                   double[] voltageV, double[] dqdv, String unit, double peakVoltageV,
                                   double peakValue, double capacityMah, String method) {

    /** Copies the arrays. */
    public DifferentialCapacity {
        voltageV = voltageV.clone();
        dqdv = dqdv.clone();
    }

    @Override
    public double[] voltageV() {
        return voltageV.clone();
    }

    @Override
    public double[] dqdv() {
        return dqdv.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DifferentialCapacity d && cycle == d.cycle && direction == d.direction
                && binWidthV == d.binWidthV && smoothingBins == d.smoothingBins && Arrays.equals(voltageV, d.voltageV)
                && Arrays.equals(dqdv, d.dqdv) && unit.equals(d.unit) && peakVoltageV == d.peakVoltageV
                && peakValue == d.peakValue && capacityMah == d.capacityMah && method.equals(d.method);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(voltageV) + Arrays.hashCode(dqdv)) + Double.hashCode(peakVoltageV);
    }

    @Override
    public String toString() {
        return "DifferentialCapacity[cycle " + cycle + " " + direction + ", " + voltageV.length + " bins of "
                + binWidthV + " V, peak " + peakVoltageV + " V]";
    }
}
