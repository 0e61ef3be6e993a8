/**
 * Synthesis and deposition figures from measured data only: thickness statistics across a film, deposition rate from
 * a given time, half-range and 1σ non-uniformity, in-spec fraction, and mass yield. Entry point
 * {@link org.nanoos.labhub.verticals.synthesis.SynthesisAnalyzer}; results are records ready to be stored as JSON.
 * Plain Java, no Camel, no I/O.
 */
package org.nanoos.labhub.verticals.synthesis;
