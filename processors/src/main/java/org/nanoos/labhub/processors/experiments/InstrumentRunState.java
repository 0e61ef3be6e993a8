package org.nanoos.labhub.processors.experiments;

/** What an instrument says about a run it was given. */
public enum InstrumentRunState {
    /** still going */
    RUNNING,
    /** finished normally */
    DONE,
    /** stopped before its end on request */
    ABORTED,
    /** stopped by a fault */
    FAILED
}
