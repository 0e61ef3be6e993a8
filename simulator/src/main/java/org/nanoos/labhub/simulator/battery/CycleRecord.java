package org.nanoos.labhub.simulator.battery;

import java.util.List;

/**
 * One whole cycle: its logged samples in time order (charge, then discharge) and its summary.
 *
 * @param summary  the cycle's capacities, energies and efficiencies
 * @param samples  the logged time series of the cycle
 */
public record CycleRecord(CycleSummary summary, List<CyclerSample> samples) {

    /** Copies the samples into an unmodifiable list. */
    public CycleRecord {
        samples = List.copyOf(samples);
    }
}
