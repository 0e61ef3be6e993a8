package org.nanoos.labhub.simulator.instruments;

import java.time.Instant;

/**
 * What a running {@link ExperimentRun} sees of its instrument: where to publish, its run id, and the wall-clock
 * instant of a simulated time, {@code start + elapsed / speedUp}, the source timestamp of a reading taken then.
 */
interface RunContext {

    /** The id of this run, as StartExperiment returned it. */
    String runId();

    /** The wall-clock instant that corresponds to {@code elapsedS} simulated seconds into the run. */
    Instant instantAt(double elapsedS);

    /** Sets a declared variable, measured at {@code sourceTime}. */
    void publish(String name, Object value, Instant sourceTime);
}
