package org.nanoos.labhub.verticals.battery;

import java.util.Objects;

import org.nanoos.labhub.verticals.battery.BatteryAnalysisException.Reason;

/**
 * What the cycling analysis is told besides the data.
 *
 * @param activeMassG     active-material mass, g, for capacities in mAh/g; {@code null} when not known (then no
 *                        specific capacities are reported); if given it must be positive
 * @param restThresholdMa |I| at or below this is rest, mA; 0 = automatic: 1 % of the largest |I| in the data. Used
 *                        to split cycles and to tell which halves a cycle has; capacity integrates every current
 * @param start           which half opens a cycle
 * @param referenceCycle  the cycle retention is measured against; 0 = the first complete cycle
 */
public record CyclingOptions(Double activeMassG, double restThresholdMa, CycleStart start, int referenceCycle) {

    /** The automatic rest threshold as a fraction of the largest |I|. */
    public static final double AUTO_REST_FRACTION = 0.01;

    /** Checks every option, naming the field at fault. */
    public CyclingOptions {
        Objects.requireNonNull(start, "start");
        if (activeMassG != null) {
            if (!Double.isFinite(activeMassG)) {
                throw new BatteryAnalysisException(Reason.NOT_FINITE, "activeMassG must be finite, was " + activeMassG);
            }
            if (!(activeMassG > 0)) {
                throw new BatteryAnalysisException(Reason.NON_POSITIVE, "activeMassG must be positive, was "
                        + activeMassG + " g");
            }
        }
        if (!(restThresholdMa >= 0) || Double.isInfinite(restThresholdMa)) {
            throw new BatteryAnalysisException(Reason.INVALID_OPTION, "restThresholdMa must be ≥ 0 (0 = automatic)"
                    + " and finite, was " + restThresholdMa);
        }
        if (referenceCycle < 0) {
            throw new BatteryAnalysisException(Reason.INVALID_OPTION, "referenceCycle must be ≥ 0 (0 = first "
                    + "complete cycle), was " + referenceCycle);
        }
    }

    /** No mass, automatic rest threshold, opening half from the data, retention against the first complete cycle. */
    public static CyclingOptions defaults() {
        return new CyclingOptions(null, 0, CycleStart.AUTO, 0);
    }

    /** The same options with an active mass, g. */
    public CyclingOptions withActiveMassG(double value) {
        return new CyclingOptions(value, restThresholdMa, start, referenceCycle);
    }

    /** The same options with a rest threshold, mA (0 = automatic). */
    public CyclingOptions withRestThresholdMa(double value) {
        return new CyclingOptions(activeMassG, value, start, referenceCycle);
    }

    /** The same options with another opening half. */
    public CyclingOptions withStart(CycleStart value) {
        return new CyclingOptions(activeMassG, restThresholdMa, value, referenceCycle);
    }

    /** The same options with another reference cycle for retention (0 = first complete). */
    public CyclingOptions withReferenceCycle(int value) {
        return new CyclingOptions(activeMassG, restThresholdMa, start, value);
    }
}
