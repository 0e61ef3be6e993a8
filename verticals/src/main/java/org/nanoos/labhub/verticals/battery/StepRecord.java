package org.nanoos.labhub.verticals.battery;

import java.util.Objects;

import org.nanoos.labhub.verticals.battery.BatteryAnalysisException.Reason;

/**
 * One step as a cycler's step table reports it, for data that come as per-step summaries instead of a time series.
 *
 * @param cycle       the cycler's cycle number, ≥ 0
 * @param kind        charge, discharge or rest
 * @param capacityMah charge passed in the step, mAh, as a magnitude (≥ 0)
 * @param energyWh    energy passed in the step, Wh, as a magnitude (≥ 0)
 */
public record StepRecord(int cycle, StepKind kind, double capacityMah, double energyWh) {

    /** Checks the record. */
    public StepRecord {
        Objects.requireNonNull(kind, "kind");
        if (cycle < 0) {
            throw new BatteryAnalysisException(Reason.INVALID_OPTION, "cycle number must be ≥ 0, was " + cycle);
        }
        if (!Double.isFinite(capacityMah) || !Double.isFinite(energyWh)) {
            throw new BatteryAnalysisException(Reason.NOT_FINITE, "capacityMah and energyWh of a " + kind
                    + " step in cycle " + cycle + " must be finite, were " + capacityMah + " and " + energyWh);
        }
        if (capacityMah < 0 || energyWh < 0) {
            throw new BatteryAnalysisException(Reason.NON_POSITIVE, "capacityMah and energyWh are magnitudes and "
                    + "must be ≥ 0; a " + kind + " step in cycle " + cycle + " has " + capacityMah + " mAh and "
                    + energyWh + " Wh");
        }
    }
}
