package org.nanoos.labhub.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One JSON object of an analysis request, read field by field: every field must be known, required fields present,
 * each of its type, numbers finite, arrays of numbers without gaps and not longer than {@link #MAX_POINTS}. What is
 * wrong is refused as an {@link ApiProblem} naming the field (with its path inside the body, e.g. {@code spec.minNm})
 * and, for arrays, the index. An absent field and a field set to {@code null} are the same.
 */
final class AnalysisRequest {

    /** The most points an array may hold; longer ones are refused with 413. */
    static final int MAX_POINTS = 200_000;

    private final JsonNode node;
    private final String prefix;

    private AnalysisRequest(JsonNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /**
     * The body as a request with these fields.
     *
     * @throws ApiProblem when it is not an object or has a field not in {@code known}
     */
    static AnalysisRequest of(JsonNode body, Set<String> known) {
        if (body == null || body.isMissingNode() || !body.isObject()) {
            throw ApiProblem.badRequest("the body must be a JSON object with the fields " + list(known));
        }
        return checked(body, "", known);
    }

    private static AnalysisRequest checked(JsonNode object, String prefix, Set<String> known) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ApiProblem.badRequest("unknown field '" + prefix + name + "'; known fields"
                        + (prefix.isEmpty() ? "" : " of '" + prefix.substring(0, prefix.length() - 1) + "'") + ": "
                        + list(known));
            }
        }
        return new AnalysisRequest(object, prefix);
    }

    /** Whether the field is given (present and not null). */
    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    /** A nested object with these fields, or {@code null} when it is not given. */
    AnalysisRequest object(String field, Set<String> known) {
        JsonNode v = value(field, false);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw wrongType(field, "a JSON object with the fields " + list(known), v);
        }
        return checked(v, prefix + field + ".", known);
    }

    /** A required finite number. */
    double number(String field) {
        return finite(field, value(field, true));
    }

    /** An optional finite number, {@code null} when not given. */
    Double optionalNumber(String field) {
        JsonNode v = value(field, false);
        return v == null ? null : finite(field, v);
    }

    /** An optional finite number with a default. */
    double number(String field, double fallback) {
        Double v = optionalNumber(field);
        return v == null ? fallback : v;
    }

    /** A required whole number. */
    int integer(String field) {
        return whole(field, value(field, true));
    }

    /** An optional whole number with a default. */
    int integer(String field, int fallback) {
        JsonNode v = value(field, false);
        return v == null ? fallback : whole(field, v);
    }

    /** A required string. */
    String text(String field) {
        JsonNode v = value(field, true);
        if (!v.isTextual()) {
            throw wrongType(field, "a string", v);
        }
        return v.asText();
    }

    /** An optional string, {@code null} when not given. */
    String optionalText(String field) {
        return has(field) ? text(field) : null;
    }

    /**
     * A required choice among an enum's constants: its name in any case, with '-' or ' ' for '_', or one of the
     * {@code aliases} (matched the same way).
     */
    <E extends Enum<E>> E choice(String field, Class<E> type, Map<String, E> aliases) {
        String given = text(field);
        String key = normalise(given);
        for (Map.Entry<String, E> a : aliases.entrySet()) {
            if (normalise(a.getKey()).equals(key)) {
                return a.getValue();
            }
        }
        for (E c : type.getEnumConstants()) {
            if (c.name().equals(key)) {
                return c;
            }
        }
        List<String> allowed = new ArrayList<>(new TreeSet<>(aliases.keySet()));
        for (E c : type.getEnumConstants()) {
            allowed.add(c.name());
        }
        throw ApiProblem.badRequest("field '" + prefix + field + "' is '" + given + "'; allowed: "
                + String.join(", ", allowed));
    }

    /** An optional choice with a default. */
    <E extends Enum<E>> E choice(String field, Class<E> type, Map<String, E> aliases, E fallback) {
        return has(field) ? choice(field, type, aliases) : fallback;
    }

    /** A required array of finite numbers, at most {@link #MAX_POINTS} long. */
    double[] numbers(String field) {
        JsonNode v = value(field, true);
        JsonNode array = array(field, v);
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = array.get(i);
            if (e.isNull()) {
                throw ApiProblem.badRequest(prefix + field + "[" + i + "] is null; every point needs a number (JSON "
                        + "has no NaN: leave out a point that was not measured)");
            }
            if (!e.isNumber()) {
                throw ApiProblem.badRequest(prefix + field + "[" + i + "] must be a number, was " + describe(e));
            }
            out[i] = e.asDouble();
            if (!Double.isFinite(out[i])) {
                throw ApiProblem.badRequest(prefix + field + "[" + i + "] is " + e + ", too large for a number");
            }
        }
        return out;
    }

    /** An optional array of finite numbers, {@code null} when not given. */
    double[] optionalNumbers(String field) {
        return has(field) ? numbers(field) : null;
    }

    /** An optional array of whole numbers, {@code null} when not given. */
    int[] optionalIntegers(String field) {
        JsonNode v = value(field, false);
        if (v == null) {
            return null;
        }
        JsonNode array = array(field, v);
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = whole(field + "[" + i + "]", array.get(i));
        }
        return out;
    }

    /** Refuses a body that gives both or neither of two alternative fields. */
    void oneOf(String a, String b) {
        if (has(a) && has(b)) {
            throw ApiProblem.badRequest("give '" + prefix + a + "' or '" + prefix + b + "', not both");
        }
        if (!has(a) && !has(b)) {
            throw ApiProblem.badRequest("field '" + prefix + a + "' or '" + prefix + b + "' is required");
        }
    }

    /** Refuses a body that gives both of two alternative fields. */
    void notBoth(String a, String b) {
        if (has(a) && has(b)) {
            throw ApiProblem.badRequest("give '" + prefix + a + "' or '" + prefix + b + "', not both");
        }
    }

    private JsonNode value(String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiProblem.badRequest("field '" + prefix + field + "' is required" + (v == null ? ""
                        : " and may not be null (JSON has no NaN: a value that is not known cannot be analysed)"));
            }
            return null;
        }
        return v;
    }

    private JsonNode array(String field, JsonNode v) {
        if (!v.isArray()) {
            throw wrongType(field, "an array of numbers", v);
        }
        if (v.size() > MAX_POINTS) {
            throw new ApiProblem(413, "Content too large", "field '" + prefix + field + "' has " + v.size()
                    + " points; at most " + MAX_POINTS + " are accepted");
        }
        return v;
    }

    private double finite(String field, JsonNode v) {
        if (!v.isNumber()) {
            throw wrongType(field, "a number", v);
        }
        double d = v.asDouble();
        if (!Double.isFinite(d)) {
            throw ApiProblem.badRequest("field '" + prefix + field + "' is " + v + ", too large for a number");
        }
        return d;
    }

    private int whole(String field, JsonNode v) {
        if (v.isNull()) {
            throw ApiProblem.badRequest(prefix + field + " is null; a whole number is required");
        }
        if (!v.isNumber() || !(v.isIntegralNumber() ? v.canConvertToInt()
                : v.asDouble() == Math.rint(v.asDouble()) && Math.abs(v.asDouble()) <= Integer.MAX_VALUE)) {
            throw wrongType(field, "a whole number", v);
        }
        return (int) v.asDouble();
    }

    private ApiProblem wrongType(String field, String expected, JsonNode v) {
        return ApiProblem.badRequest("field '" + prefix + field + "' must be " + expected + ", was " + describe(v));
    }

    private static String describe(JsonNode v) {
        String text = v.toString();
        if (text.length() > 40) {
            text = text.substring(0, 40) + "…";
        }
        if (v.isTextual()) {
            return "the string " + text;
        }
        if (v.isBoolean()) {
            return "the boolean " + text;
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isObject()) {
            return "an object";
        }
        return text;
    }

    private static String normalise(String s) {
        return s.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    }

    private static String list(Set<String> known) {
        return String.join(", ", new TreeSet<>(known));
    }

    /** A set of field names, for {@link #of} and {@link #object}. */
    static Set<String> fields(String... names) {
        return Set.copyOf(Arrays.asList(names));
    }
}
