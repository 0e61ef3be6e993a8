/**
 * Simulated lab instruments for demos, tests and benchmarks: {@link org.nanoos.labhub.simulator.Simulator} runs a
 * physics model of a CVD reactor and publishes its readings over MQTT 5 in the hub's own JSON; the data comes from
 * the model, never from canned numbers.
 */
package org.nanoos.labhub.simulator;
