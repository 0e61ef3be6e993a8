package org.nanoos.labhub.processors.experiments;

/** What an experiment run is for, as the seeds define it. */
public enum ExperimentType { SYNTHESIS, MEASUREMENT, CHARACTERIZATION, TESTING }
