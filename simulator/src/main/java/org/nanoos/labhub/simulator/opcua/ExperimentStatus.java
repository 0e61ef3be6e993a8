package org.nanoos.labhub.simulator.opcua;

/**
 * The usual values of an instrument's {@code Status} variable, published as their names. An instrument may publish
 * other strings too (e.g. {@code WARMING_UP}); clients should treat unknown ones as "busy".
 */
public enum ExperimentStatus {
    /** Ready; no experiment has run since start-up. */
    IDLE,
    /** An experiment is running. */
    RUNNING,
    /** The last experiment finished. */
    DONE,
    /** The last experiment was aborted. */
    ABORTED
}
