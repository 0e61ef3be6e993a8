package org.nanoos.labhub.verticals.battery;

import java.util.Objects;

import org.nanoos.labhub.verticals.battery.BatteryAnalysisException.Reason;

/**
 * What dQ/dV is computed for and how.
 *
 * @param cycle          the cycle number
 * @param direction      {@link StepKind#CHARGE} or {@link StepKind#DISCHARGE}
 * @param binWidthV      width of the voltage bins, V (e.g. 0.005)
 * @param smoothingBins  centred moving average over this many bins, odd, 1 = none
 */
public record DqDvOptions(int cycle, StepKind direction, double binWidthV, int smoothingBins) {

    /** Checks every option. */
    public DqDvOptions {
        Objects.requireNonNull(direction, "direction");
        if (direction == StepKind.REST) {
            throw new BatteryAnalysisException(Reason.INVALID_OPTION, "dQ/dV needs CHARGE or DISCHARGE, not REST");
        }
        if (!(binWidthV > 0) || Double.isInfinite(binWidthV)) {
            throw new BatteryAnalysisException(Reason.NON_POSITIVE, "binWidthV must be positive and finite, was "
                    + binWidthV);
        }
        if (smoothingBins < 1 || smoothingBins % 2 == 0) {
            throw new BatteryAnalysisException(Reason.INVALID_OPTION, "smoothingBins must be an odd number ≥ 1, was "
                    + smoothingBins);
        }
    }

    /** 5 mV bins smoothed over 5 bins (25 mV), for {@code direction} of {@code cycle}. */
    public static DqDvOptions of(int cycle, StepKind direction) {
        return new DqDvOptions(cycle, direction, 0.005, 5);
    }
}
