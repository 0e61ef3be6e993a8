/**
 * A physics model of a galvanostatic battery cycler testing a LiFePO<sub>4</sub> half-cell (LFP against lithium
 * metal, the usual coin-cell test of a new cathode powder): regular-solution open-circuit voltage with the two-phase
 * plateau, ohmic and shrinking-core transport polarisation, voltage cutoffs, loss of active material, film
 * resistance growth and a parasitic current. Plain Java, no I/O, deterministic for a given random generator.
 */
package org.nanoos.labhub.simulator.battery;
