package org.nanoos.labhub.simulator.opcua;

import java.util.Objects;
import java.util.Set;

/**
 * A variable an instrument exposes: its name (a path below the instrument, {@code /} opening sub-folders, e.g.
 * {@code Pattern/TwoTheta}), type, value until the instrument publishes one, an optional engineering unit and a
 * description. Every instrument also gets the standard variables {@link #STATUS}, {@link #PROGRESS} and
 * {@link #RUN_ID} from the server, so it must not declare those names itself.
 *
 * <p>Subscribers sample a variable at their sampling interval, as an OPC UA server that polls its device does; a
 * variable made with {@link #reportingEveryValue()} instead reports every value the instrument publishes to its
 * monitored items, as a device that pushes its readings does, so that a client can be held to receiving each one.
 *
 * @param name         path below the instrument; segments are not blank
 * @param type         OPC UA data type
 * @param initialValue value of a matching type (see {@link VariableType}); {@code double[0]} for an empty array
 * @param unit         engineering unit of a numeric variable, or null
 * @param description  what the variable is, in a sentence
 * @param everyValue   whether monitored items get every published value rather than samples
 */
public record InstrumentVariable(String name, VariableType type, Object initialValue, EngineeringUnit unit,
                                 String description, boolean everyValue) {

    /** Standard variable: the instrument's state, a String such as {@code RUNNING} (see {@link ExperimentStatus}). */
    public static final String STATUS = "Status";
    /** Standard variable: progress of the running experiment, a Double from 0 to 1. */
    public static final String PROGRESS = "Progress";
    /** Standard variable: id of the current or last experiment, a String; empty before the first. */
    public static final String RUN_ID = "RunId";

    /** Names the server declares for every instrument. */
    public static final Set<String> STANDARD_NAMES = Set.of(STATUS, PROGRESS, RUN_ID);

    /** Checks the name, that the initial value fits the type and that only numbers have a unit. */
    public InstrumentVariable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (name.isEmpty() || name.startsWith("/") || name.endsWith("/") || name.contains("//")
                || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("variable name must be a path like 'Pattern/TwoTheta' without "
                    + "blanks or empty segments, was '" + name + "'");
        }
        if (unit != null && !type.isNumeric()) {
            throw new IllegalArgumentException(type + " variable '" + name + "' cannot have an engineering unit");
        }
        type.toVariant(initialValue);
        if (initialValue instanceof double[] array) {
            initialValue = array.clone();
        }
    }

    /** A variable without a unit. */
    public static InstrumentVariable of(String name, VariableType type, Object initialValue, String description) {
        return new InstrumentVariable(name, type, initialValue, null, description, false);
    }

    /** A numeric variable with an engineering unit. */
    public static InstrumentVariable of(String name, VariableType type, Object initialValue, EngineeringUnit unit,
                                        String description) {
        return new InstrumentVariable(name, type, initialValue, unit, description, false);
    }

    /** This variable, reporting every value the instrument publishes to monitored items instead of samples. */
    public InstrumentVariable reportingEveryValue() {
        return new InstrumentVariable(name, type, initialValue, unit, description, true);
    }

    /** The standard {@code Status} variable, initially {@code IDLE}. */
    static InstrumentVariable status() {
        return of(STATUS, VariableType.STRING, ExperimentStatus.IDLE.name(),
                "State of the instrument: IDLE, RUNNING, DONE, ABORTED (instruments may add their own).");
    }

    /** The standard {@code Progress} variable, initially 0. */
    static InstrumentVariable progress() {
        return of(PROGRESS, VariableType.DOUBLE, 0.0, "Progress of the running experiment, from 0 to 1.");
    }

    /** The standard {@code RunId} variable, initially empty. */
    static InstrumentVariable runId() {
        return of(RUN_ID, VariableType.STRING, "",
                "Id of the current or last experiment, as StartExperiment returned it; empty before the first.");
    }

    /** The last segment of the name, the variable's browse name. */
    public String browseName() {
        return name.substring(name.lastIndexOf('/') + 1);
    }
}
