package org.nanoos.labhub.simulator.cvd;

/** The steps of one CVD run, in the order the reactor goes through them. */
public enum Phase {
    /** Valves closed, the chamber is pumped from atmosphere toward base pressure; the heater is off. */
    PUMP_DOWN,
    /** Carrier gas on, pressure controlled at the recipe pressure, the temperature setpoint ramps up. */
    HEAT_UP,
    /** Setpoint reached; wait until the substrate temperature has settled within tolerance. */
    STABILISE,
    /** Silane valve open: the film grows. */
    DEPOSITION,
    /** Silane off, heater off, chamber backfilled with nitrogen to atmosphere until the wafer can be unloaded. */
    COOL_DOWN
}
