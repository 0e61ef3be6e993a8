/**
 * A simulated X-ray powder diffractometer: a θ–2θ step scan of a crystalline powder whose counts come from the
 * kinematic forward model in {@code org.nanoos.labhub.verticals.crystallography} plus Poisson counting noise.
 * Plain Java, no I/O, deterministic for a given seed.
 */
package org.nanoos.labhub.simulator.xrd;
