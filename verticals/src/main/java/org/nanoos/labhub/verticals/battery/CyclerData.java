package org.nanoos.labhub.verticals.battery;

import java.util.Arrays;

import org.nanoos.labhub.verticals.battery.BatteryAnalysisException.Reason;

/**
 * A galvanostatic cycler's time series: time, cell voltage and current at every logged point, and optionally the
 * cycler's own cycle number. Current is positive on charge (into the cell) and negative on discharge, as most
 * cyclers log it; negate it first otherwise. The constructor refuses what no analysis can use and says which field
 * and index: fewer than {@value #MIN_POINTS} points, columns of different length, NaN or infinite values, times that
 * do not strictly increase, and cycle numbers that are negative or go backwards.
 *
 * @param timeS      time since the test started, s, strictly increasing (copied in and out)
 * @param voltageV   cell voltage, V (copied)
 * @param currentMa  current, mA, positive on charge (copied)
 * @param cycleIndex the cycler's cycle number of each point, non-decreasing and ≥ 0, or {@code null} to split
 *                   cycles by the sign of the current (see {@link CyclingAnalyzer})
 */
public record CyclerData(double[] timeS, double[] voltageV, double[] currentMa, int[] cycleIndex) {

    /** The fewest points accepted: one interval to integrate over. */
    public static final int MIN_POINTS = 2;

    /** Validates and copies the columns. */
    public CyclerData {
        if (timeS == null || voltageV == null || currentMa == null) {
            throw new BatteryAnalysisException(Reason.MALFORMED, "timeS, voltageV and currentMa are all required");
        }
        int n = timeS.length;
        if (voltageV.length != n || currentMa.length != n || cycleIndex != null && cycleIndex.length != n) {
            throw new BatteryAnalysisException(Reason.MALFORMED, "columns differ in length: timeS " + n
                    + ", voltageV " + voltageV.length + ", currentMa " + currentMa.length
                    + (cycleIndex == null ? "" : ", cycleIndex " + cycleIndex.length));
        }
        if (n < MIN_POINTS) {
            throw new BatteryAnalysisException(Reason.TOO_FEW_POINTS, "cycler data need at least " + MIN_POINTS
                    + " points, got " + n);
        }
        timeS = timeS.clone();
        voltageV = voltageV.clone();
        currentMa = currentMa.clone();
        cycleIndex = cycleIndex == null ? null : cycleIndex.clone();
        for (int i = 0; i < n; i++) {
            finite(timeS[i], "timeS", i);
            finite(voltageV[i], "voltageV", i);
            finite(currentMa[i], "currentMa", i);
            if (i > 0 && !(timeS[i] > timeS[i - 1])) {
                throw new BatteryAnalysisException(Reason.NOT_ASCENDING, "timeS must strictly increase: timeS[" + i
                        + "] = " + timeS[i] + " s follows " + timeS[i - 1] + " s");
            }
            if (cycleIndex != null) {
                if (cycleIndex[i] < 0) {
                    throw new BatteryAnalysisException(Reason.INVALID_OPTION, "cycleIndex[" + i + "] is negative: "
                            + cycleIndex[i]);
                }
                if (i > 0 && cycleIndex[i] < cycleIndex[i - 1]) {
                    throw new BatteryAnalysisException(Reason.NOT_ASCENDING, "cycleIndex must not decrease: cycleIndex["
                            + i + "] = " + cycleIndex[i] + " follows " + cycleIndex[i - 1]);
                }
            }
        }
    }

    /** A time series without cycle numbers; cycles are found from the current. */
    public static CyclerData of(double[] timeS, double[] voltageV, double[] currentMa) {
        return new CyclerData(timeS, voltageV, currentMa, null);
    }

    @Override
    public double[] timeS() {
        return timeS.clone();
    }

    @Override
    public double[] voltageV() {
        return voltageV.clone();
    }

    @Override
    public double[] currentMa() {
        return currentMa.clone();
    }

    @Override
    public int[] cycleIndex() {
        return cycleIndex == null ? null : cycleIndex.clone();
    }

    /** Whether the cycler's cycle numbers were given. */
    public boolean hasCycleIndex() {
        return cycleIndex != null;
    }

    /** The number of points. */
    public int size() {
        return timeS.length;
    }

    private static void finite(double value, String field, int i) {
        if (!Double.isFinite(value)) {
            throw new BatteryAnalysisException(Reason.NOT_FINITE, field + "[" + i + "] is " + value);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CyclerData d && Arrays.equals(timeS, d.timeS) && Arrays.equals(voltageV, d.voltageV)
                && Arrays.equals(currentMa, d.currentMa) && Arrays.equals(cycleIndex, d.cycleIndex);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {Arrays.hashCode(timeS), Arrays.hashCode(voltageV),
                Arrays.hashCode(currentMa), Arrays.hashCode(cycleIndex)});
    }

    @Override
    public String toString() {
        return "CyclerData[" + timeS.length + " points, " + timeS[0] + " to " + timeS[timeS.length - 1] + " s"
                + (cycleIndex == null ? "" : ", with cycle numbers") + "]";
    }
}
