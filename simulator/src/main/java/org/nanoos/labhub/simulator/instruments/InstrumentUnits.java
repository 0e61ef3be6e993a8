package org.nanoos.labhub.simulator.instruments;

import org.nanoos.labhub.simulator.opcua.EngineeringUnit;

/** Engineering units (UNECE Recommendation 20 common codes) that these instruments need beyond {@link EngineeringUnit}'s. */
final class InstrumentUnits {

    /** Ångström, 10⁻¹⁰ m, UNECE {@code A11}. */
    static final EngineeringUnit ANGSTROM = new EngineeringUnit("A11", "Å", "ångström (1e-10 m)");
    /** Ohm, UNECE {@code OHM}. */
    static final EngineeringUnit OHM = new EngineeringUnit("OHM", "Ω", "ohm");
    /** Electronvolt, UNECE {@code A53}. */
    static final EngineeringUnit ELECTRONVOLT = new EngineeringUnit("A53", "eV", "electronvolt");

    private InstrumentUnits() {
    }
}
