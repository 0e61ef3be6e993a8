/**
 * Battery electrode science: chemical formulas with IUPAC standard atomic weights, theoretical gravimetric capacity
 * on a stated mass basis, average voltage from total energies, and analysis of galvanostatic cycler data (per-cycle
 * capacities, coulombic and energy efficiency, retention and fade rate, dQ/dV). Entry points
 * {@link org.nanoos.labhub.verticals.battery.ChemicalFormula#parse},
 * {@link org.nanoos.labhub.verticals.battery.ElectrodeCalculator} and
 * {@link org.nanoos.labhub.verticals.battery.CyclingAnalyzer}; results are records ready to be stored as JSON. Plain
 * Java, no Camel, no I/O.
 */
package org.nanoos.labhub.verticals.battery;
