package org.nanoos.labhub.connectors.slurm;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One parameter a job template declares, with what it accepts. A value passes only if it matches its type; it then
 * reaches the script as a single-quoted shell word assigned to {@code LABHUB_PARAM_<NAME>} (a bash array for lists).
 *
 * @param name         lower-case name, {@code [a-z][a-z0-9_]{0,31}}; the variable is {@code LABHUB_PARAM_} + upper case
 * @param type         what kind of value
 * @param pattern      the allowlist for {@code STRING} values and {@code LIST} items (matched whole); null otherwise
 * @param min          least value for {@code INTEGER} and {@code NUMBER}, or null
 * @param max          greatest value for {@code INTEGER} and {@code NUMBER}, or null
 * @param values       the choices of an {@code ENUM}; empty otherwise
 * @param maxItems     most items of a {@code LIST}
 * @param defaultValue the value used when a job gives none (already checked), or null when the parameter is required
 * @param description  what it means, for people
 */
public record TemplateParameter(String name, Type type, Pattern pattern, BigDecimal min, BigDecimal max,
        List<String> values, int maxItems, List<String> defaultValue, String description) {

    /** Parameter names. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    /** Enum choices. */
    public static final Pattern CHOICE = Pattern.compile("[A-Za-z0-9_.+-]{1,64}");
    /**
     * Decimal numbers as Fortran, C and LAMMPS read them: optional sign, digits with an optional fraction, optional
     * exponent with {@code e}, {@code E}, {@code d} or {@code D}. No {@code NaN}, {@code Infinity}, hex or spaces.
     */
    public static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d{1,15}(?:\\.\\d{0,15})?|\\.\\d{1,15})"
            + "(?:[eEdD][+-]?\\d{1,3})?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");

    /** Parameter types. */
    public enum Type {
        /** Text matched whole by the parameter's {@code pattern}. */
        STRING,
        /** A whole number, optionally bounded by min and max. */
        INTEGER,
        /** A decimal number ({@link #NUMBER}), optionally bounded by min and max. */
        NUMBER,
        /** One of a fixed list of choices. */
        ENUM,
        /** The name of a file staged into the job directory ({@link StagedFileName} rules). */
        FILE,
        /** A list of words, each matched by the pattern; a bash array in the script. */
        LIST;

        /** The type named in a descriptor ({@code string}, {@code integer}, …). */
        static Type of(String name) {
            for (Type t : values()) {
                if (t.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return t;
                }
            }
            return null;
        }
    }

    public TemplateParameter {
        values = List.copyOf(values);
        defaultValue = defaultValue == null ? null : List.copyOf(defaultValue);
    }

    /** The script variable holding this parameter: {@code LABHUB_PARAM_} + the name in upper case. */
    public String variable() {
        return "LABHUB_PARAM_" + name.toUpperCase(Locale.ROOT);
    }

    /** Whether a job must give a value. */
    public boolean required() {
        return defaultValue == null;
    }

    /**
     * {@code raw} checked against this parameter: a {@link String} or {@link Number} for scalars, a {@link Collection}
     * of them for lists. Returns the words to write (one for scalars).
     *
     * @throws SlurmValidationException naming the field {@code parameter 'NAME'}
     */
    public List<String> check(Object raw) {
        String field = "parameter '" + name + "'";
        if (raw == null) {
            throw new SlurmValidationException(field, "missing");
        }
        if (type == Type.LIST) {
            if (!(raw instanceof Collection<?> items)) {
                throw new SlurmValidationException(field, "expects a list of values");
            }
            if (items.size() > maxItems) {
                throw new SlurmValidationException(field, "has " + items.size() + " items; at most " + maxItems);
            }
            List<String> out = new ArrayList<>();
            int i = 0;
            for (Object item : items) {
                String text = scalarText(field + " item " + i, item);
                Allowlist.require(field + " item " + i, text, pattern, Allowlist.MAX_VALUE_LENGTH,
                        "a value matching " + pattern.pattern());
                out.add(text);
                i++;
            }
            return List.copyOf(out);
        }
        if (raw instanceof Collection<?>) {
            throw new SlurmValidationException(field, "expects a single value, not a list");
        }
        String text = scalarText(field, raw);
        switch (type) {
            case STRING -> Allowlist.require(field, text, pattern, Allowlist.MAX_VALUE_LENGTH,
                    "a value matching " + pattern.pattern());
            case INTEGER -> {
                Allowlist.require(field, text, INTEGER, 20, "a whole number");
                inRange(field, new BigDecimal(text));
            }
            case NUMBER -> {
                Allowlist.require(field, text, NUMBER, 40, "a decimal number such as 30, 0.5, 1e-8 or 1.0d-6");
                inRange(field, new BigDecimal(text.replace('d', 'e').replace('D', 'E')));
            }
            case ENUM -> {
                Allowlist.requirePrintable(field, text, 64);
                if (!values.contains(text)) {
                    throw new SlurmValidationException(field, Allowlist.describe(text) + " is not one of "
                            + values);
                }
            }
            case FILE -> {
                var problem = StagedFileName.check(text);
                if (problem.isPresent()) {
                    throw new SlurmValidationException(field, problem.get());
                }
            }
            default -> throw new IllegalStateException(type.name());
        }
        return List.of(text);
    }

    private static String scalarText(String field, Object raw) {
        if (raw instanceof String s) {
            return s;
        }
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte
                || raw instanceof java.math.BigInteger) {
            return raw.toString();
        }
        if (raw instanceof BigDecimal d) {
            return d.toString();
        }
        if (raw instanceof Double || raw instanceof Float) {
            double d = ((Number) raw).doubleValue();
            if (!Double.isFinite(d)) {
                throw new SlurmValidationException(field, "must be a finite number (" + raw + " given)");
            }
            return raw.toString();
        }
        if (raw == null) {
            throw new SlurmValidationException(field, "missing");
        }
        throw new SlurmValidationException(field, "expects text or a number, not " + raw.getClass().getSimpleName());
    }

    private void inRange(String field, BigDecimal value) {
        if (min != null && value.compareTo(min) < 0 || max != null && value.compareTo(max) > 0) {
            throw new SlurmValidationException(field, value.toPlainString() + " is outside "
                    + (min == null ? "-∞" : min.toPlainString()) + " … " + (max == null ? "∞" : max.toPlainString()));
        }
    }
}
