/**
 * A physics model of a phase-change-material tester: the resistance of a Ge<sub>2</sub>Sb<sub>2</sub>Te<sub>5</sub>
 * film measured during a heating ramp, with a thermally activated amorphous phase, Johnson–Mehl–Avrami–Kolmogorov
 * crystallization kinetics integrated along the temperature programme, and a Bruggeman effective medium for the
 * two-phase film. Plain Java, no I/O, deterministic for a given random generator.
 */
package org.nanoos.labhub.simulator.pcm;
