package org.nanoos.labhub.simulator.instruments;

/**
 * One prepared experiment of an {@link ExperimentInstrument}: a physics model set up with validated parameters that
 * runs for {@link #durationS()} seconds of simulated time, {@link #speedUp()} times faster than the wall clock. The
 * instrument calls {@link #begin}, then {@link #advanceTo} with a non-decreasing elapsed time on every tick, and
 * {@link #complete} once the whole duration has passed; an aborted run gets no further calls. Called under the
 * instrument's lock, from one thread at a time.
 */
interface ExperimentRun {

    /** Simulated duration of the whole experiment, s; positive. */
    double durationS();

    /** Simulated seconds per wall-clock second. */
    double speedUp();

    /** Publishes what is known when the run starts, such as the sample's description. */
    void begin(RunContext context);

    /** Measures up to {@code elapsedS} simulated seconds (at most {@link #durationS()}) and publishes the readings. */
    void advanceTo(double elapsedS, RunContext context);

    /** Publishes the results of the completed run; {@link #advanceTo} has reached the whole duration. */
    void complete(RunContext context);
}
