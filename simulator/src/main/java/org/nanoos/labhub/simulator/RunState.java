package org.nanoos.labhub.simulator;

/**
 * Where a commanded run of a simulated instrument stands, as its control interfaces report it (the battery cycler's
 * MQTT state topic, the CVD tool's REST API). A run starts {@code RUNNING} and ends in exactly one of the others.
 */
public enum RunState {
    /** The instrument is running it. */
    RUNNING,
    /** It ran to the end and its results have been published. */
    DONE,
    /** It was stopped on request; the readings taken up to then have been published, results have not. */
    ABORTED,
    /** The instrument could not go on; the message says why. */
    FAILED;

    /** Whether the run has ended. */
    public boolean isFinal() {
        return this != RUNNING;
    }
}
