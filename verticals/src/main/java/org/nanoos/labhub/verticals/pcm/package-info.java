/**
 * Phase-change memory: amorphous–crystalline energy difference per atom and per formula unit, resistance contrast,
 * crystallization temperature from an R(T) heating sweep (steepest fall of log R, with the transition width), and
 * the energy of a melt-quench pulse under a stated heat model. Entry point
 * {@link org.nanoos.labhub.verticals.pcm.PcmCalculator}; results are records ready to be stored as JSON. Plain Java,
 * no Camel, no I/O.
 */
package org.nanoos.labhub.verticals.pcm;
