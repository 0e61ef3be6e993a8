package org.nanoos.labhub.simulator.json;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the parameters of an experiment (a JSON object parsed by {@link Json} into a map, from an OPC UA
 * StartExperiment call, an MQTT command or a REST request) with range checks whose messages name the parameter, the
 * allowed range and the value given, e.g. {@code parameter 'step' must be between 0.001 and 5 °, was 0}.
 */
public final class Parameters {

    private final Map<String, Object> values;
    private final String context;

    private Parameters(Map<String, Object> values, String context) {
        this.values = values;
        this.context = context;
    }

    /**
     * The parameters, checked to hold only known names.
     *
     * @param context prefix of the names in messages, e.g. {@code material.} for a nested object; empty at the top
     * @throws IllegalArgumentException naming the first unknown parameter and the known ones
     */
    public static Parameters of(Map<String, Object> values, Collection<String> known, String context) {
        Objects.requireNonNull(values, "parameters");
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + context + name + "'; expected "
                        + new TreeSet<>(known));
            }
        }
        return new Parameters(values, context);
    }

    /** Whether the parameter is given (even as null). */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Whether any of the parameters is given. */
    public boolean hasAny(Set<String> names) {
        return names.stream().anyMatch(values::containsKey);
    }

    /** A required number within [min, max]. */
    public double number(String name, double min, double max, String unit) {
        if (!has(name)) {
            throw new IllegalArgumentException("parameter '" + context + name + "' is required (" + describe(min, max,
                    unit) + ")");
        }
        return checked(name, values.get(name), min, max, unit);
    }

    /** An optional number within [min, max]; {@code fallback} (not checked) when absent. */
    public double number(String name, double fallback, double min, double max, String unit) {
        return has(name) ? checked(name, values.get(name), min, max, unit) : fallback;
    }

    /** An optional integer; {@code null} when absent. */
    public Long integer(String name) {
        if (!has(name)) {
            return null;
        }
        Object value = values.get(name);
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        throw new IllegalArgumentException("parameter '" + context + name + "' must be an integer, was "
                + show(value));
    }

    /** An optional integer within [min, max]; {@code fallback} (not checked) when absent. */
    public long integer(String name, long fallback, long min, long max) {
        Long value = integer(name);
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("parameter '" + context + name + "' must be an integer between " + min
                    + " and " + max + ", was " + value);
        }
        return value;
    }

    /** A required string, one of {@code allowed}. */
    public String choice(String name, List<String> allowed) {
        String value = string(name);
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException("parameter '" + context + name + "' must be one of " + allowed
                    + ", was \"" + value + "\"");
        }
        return value;
    }

    /** A required, non-blank string. */
    public String string(String name) {
        if (!has(name)) {
            throw new IllegalArgumentException("parameter '" + context + name + "' is required");
        }
        Object value = values.get(name);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("parameter '" + context + name + "' must be a non-empty string, was "
                    + show(value));
        }
        return s;
    }

    /** The raw value of a parameter, null when absent. */
    public Object raw(String name) {
        return values.get(name);
    }

    /** Rejects a parameter that does not apply, saying why. */
    public void forbid(String name, String reason) {
        if (has(name)) {
            throw new IllegalArgumentException("parameter '" + context + name + "' does not apply: " + reason);
        }
    }

    private double checked(String name, Object value, double min, double max, String unit) {
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("parameter '" + context + name + "' must be a number, was "
                    + show(value));
        }
        double d = n.doubleValue();
        if (!(d >= min && d <= max)) {
            throw new IllegalArgumentException("parameter '" + context + name + "' must be " + describe(min, max, unit)
                    + ", was " + show(value));
        }
        return d;
    }

    private static String describe(double min, double max, String unit) {
        return "between " + format(min) + " and " + format(max) + (unit.isEmpty() ? "" : " " + unit);
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    private static String show(Object value) {
        if (value == null) {
            return "null";
        }
        return value instanceof String s ? "\"" + s + "\"" : value.toString();
    }
}
