/**
 * Simulated lab instruments for demos, tests and benchmarks: {@link org.nanoos.labhub.simulator.Simulator} runs a
 * physics model of a CVD reactor and publishes its readings over MQTT 5 in the hub's own JSON
 * ({@link org.nanoos.labhub.simulator.CvdReadings}); the data comes from the model, never from canned numbers.
 * {@link org.nanoos.labhub.simulator.RunState} is the life cycle of a run that the hub commands.
 */
package org.nanoos.labhub.simulator;
