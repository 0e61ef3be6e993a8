/**
 * Experiment runs: submitted, carried out on an instrument through its adapter's {@link
 * org.nanoos.labhub.processors.experiments.ExperimentDriver}, tracked to their end, every change of state kept as an
 * event, and the measurements taken meanwhile linked to them.
 */
package org.nanoos.labhub.processors.experiments;
