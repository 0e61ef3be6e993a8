/**
 * A physics model of a single-wafer thermal CVD reactor depositing polysilicon from silane: process dynamics
 * (pump-down, heat-up ramp, stabilise, deposition, cool-down), Grove-model growth kinetics and precursor depletion.
 * Plain Java, no I/O, deterministic for a given random generator.
 */
package org.nanoos.labhub.simulator.cvd;
