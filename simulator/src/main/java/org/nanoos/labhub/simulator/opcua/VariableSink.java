package org.nanoos.labhub.simulator.opcua;

import java.time.Instant;

/**
 * Where a simulated instrument publishes its variable values; the server hands one to
 * {@link SimulatedOpcUaInstrument#attach(VariableSink)}. Subscribed clients see each value with the given source
 * timestamp. Safe to call from any thread.
 */
@FunctionalInterface
public interface VariableSink {

    /**
     * Sets a variable's value.
     *
     * @param name       variable name as declared, e.g. {@code Temperature} or {@code Pattern/TwoTheta}
     * @param value      a value of the declared {@link VariableType}
     * @param sourceTime when the instrument measured or produced the value
     * @throws IllegalArgumentException if the name is not declared or the value does not fit its type
     */
    void publish(String name, Object value, Instant sourceTime);

    /** Sets a variable's value measured now. */
    default void publish(String name, Object value) {
        publish(name, value, Instant.now());
    }
}
