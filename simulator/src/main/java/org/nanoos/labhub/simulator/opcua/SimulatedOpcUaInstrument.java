package org.nanoos.labhub.simulator.opcua;

import java.util.List;
import java.util.Map;

/**
 * A simulated instrument that the {@link SimulatorOpcUaServer} serves without knowing its physics. The server
 * creates the folder {@code Lab/<id>} with one variable node per {@link #variables() declared variable} plus the
 * standard {@code Status}, {@code Progress} and {@code RunId}, and the methods {@code StartExperiment} and
 * {@code AbortExperiment}, which call {@link #start(Map, String)} and {@link #abort()}.
 *
 * <p>Life cycle: the server calls {@link #attach(VariableSink)} once it serves, and {@link #detach()} when it
 * stops; a restarted server attaches again. Between the two the instrument publishes its values through the sink,
 * on its own schedule, and on attach it publishes the current value of every variable so that a restarted server
 * is up to date at once.
 */
public interface SimulatedOpcUaInstrument {

    /** Instrument id, the folder name below {@code Lab}: letters, digits, {@code -}, {@code _} or {@code .}. */
    String id();

    /** One line that says what the instrument is; the folder's description. */
    default String description() {
        return "Simulated instrument " + id();
    }

    /** The variables besides {@code Status}, {@code Progress} and {@code RunId}; names are unique. */
    List<InstrumentVariable> variables();

    /** Starts publishing through {@code sink}; publishes every current value first. */
    void attach(VariableSink sink);

    /** Stops publishing; the instrument's state is kept for the next {@link #attach(VariableSink)}. */
    void detach();

    /**
     * Starts an experiment.
     *
     * @param parameters the parsed JSON object given to StartExperiment: numbers come as {@code Long} or
     *                   {@code Double}, and strings, booleans, nulls, lists and maps as usual
     * @param runId      id of this experiment, made by the server; publish it as {@code RunId}
     * @throws IllegalArgumentException if a parameter is missing or out of range (the call answers
     *                                  Bad_InvalidArgument)
     * @throws IllegalStateException    if an experiment is already running (the call answers Bad_InvalidState)
     */
    void start(Map<String, Object> parameters, String runId);

    /** Aborts the running experiment; true if one was running, false if there was nothing to abort. */
    boolean abort();
}
