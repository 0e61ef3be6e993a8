package org.nanoos.labhub.processors.normalize;

import static org.nanoos.labhub.processors.normalize.HubJsonFormat.describe;
import static org.nanoos.labhub.processors.normalize.Readings.invalid;
import static org.nanoos.labhub.processors.normalize.Readings.wrongShape;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.nanoos.labhub.processors.model.Measurement;
import org.nanoos.labhub.verticals.units.SiConverter;

/**
 * Reads a SenML JSON pack (RFC 8428): resolves base name, time, unit, value and sum record by record (§4.6) and
 * turns each record into one scalar measurement, as described on {@link MeasurementNormalizer}.
 */
final class SenmlFormat {

    /** The SenML labels of RFC 8428 §4.1 and §4.2 (JSON representation, §5). */
    static final Set<String> KEYS = Set.of("bn", "bt", "bu", "bv", "bs", "bver", "n", "u", "v", "vs", "vb", "vd",
            "s", "t", "ut");
    /** The SenML version this reader understands (RFC 8428 §4.4). */
    static final int VERSION = 10;
    /** Resolved times below 2^28 s are relative to now (RFC 8428 §4.5.3). */
    static final double RELATIVE_TIME_LIMIT = 268_435_456d;

    private SenmlFormat() {
    }

    /** Whether the payload is an array whose first element is an object with at least one SenML label. */
    static boolean looksLikeSenml(JsonNode root) {
        if (!root.isArray() || root.isEmpty() || !root.get(0).isObject()) {
            return false;
        }
        for (Iterator<String> names = root.get(0).fieldNames(); names.hasNext(); ) {
            if (KEYS.contains(names.next())) {
                return true;
            }
        }
        return false;
    }

    static Readings.Normalized read(JsonNode root, Readings.Origin origin, String messageId)
            throws InvalidMeasurementException {
        if (!root.isArray()) {
            throw wrongShape("", "a SenML pack is a JSON array of records, not " + describe(root));
        }
        if (root.isEmpty()) {
            throw invalid("", "empty SenML pack: no records");
        }
        String baseName = "";
        double baseTime = 0.0;
        String baseUnit = null;
        double baseValue = 0.0;
        double baseSum = 0.0;
        List<Measurement> measurements = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            String where = "record " + i + ": ";
            JsonNode record = root.get(i);
            if (!record.isObject()) {
                throw wrongShape(where, "a SenML record is a JSON object, not " + describe(record));
            }
            checkLabels(where, record);
            // base fields apply to this record and the following ones until changed (RFC 8428 §4.6)
            if (record.has("bn")) {
                baseName = text(where, record, "bn");
            }
            if (record.has("bt")) {
                baseTime = number(where, record, "bt");
            }
            if (record.has("bu")) {
                baseUnit = text(where, record, "bu");
            }
            if (record.has("bv")) {
                baseValue = number(where, record, "bv");
            }
            if (record.has("bs")) {
                baseSum = number(where, record, "bs");
            }
            if (record.has("ut")) {
                number(where, record, "ut");
            }
            measurements.add(resolve(where, i, record, origin, messageId, baseName, baseTime, baseUnit, baseValue,
                    baseSum));
        }
        return new Readings.Normalized(messageId, measurements);
    }

    private static void checkLabels(String where, JsonNode record) throws InvalidMeasurementException {
        for (Iterator<String> names = record.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name) && name.endsWith("_")) {
                throw invalid(where, "SenML label \"" + Readings.abbreviate(name)
                        + "\" must be understood (RFC 8428 §4.4) and is not supported");
            }
        }
        if (record.has("bver")) {
            JsonNode version = record.get("bver");
            if (!version.isIntegralNumber()) {
                throw wrongShape(where, "\"bver\" must be an integer, not " + describe(version));
            }
            if (version.longValue() > VERSION) {
                throw invalid(where, "SenML version " + version.asText() + " is newer than " + VERSION
                        + ", which this hub reads");
            }
        }
        if (record.has("vs") || record.has("vd")) {
            throw invalid(where, "SenML string/data values are not measurements (\"vs\", \"vd\")");
        }
    }

    private static Measurement resolve(String where, int index, JsonNode record, Readings.Origin origin,
            String messageId, String baseName, double baseTime, String baseUnit, double baseValue, double baseSum)
            throws InvalidMeasurementException {
        boolean hasValue = record.has("v");
        boolean hasBoolean = record.has("vb");
        boolean hasSum = record.has("s");
        int kinds = (hasValue ? 1 : 0) + (hasBoolean ? 1 : 0) + (hasSum ? 1 : 0);
        if (kinds == 0) {
            throw wrongShape(where, "missing value: a SenML record needs \"v\", \"vb\" or \"s\"");
        }
        if (kinds > 1) {
            throw wrongShape(where, "a record carries one of \"v\", \"vb\" or \"s\"; send them as separate records");
        }
        String name = baseName + (record.has("n") ? text(where, record, "n") : "");
        String quantity = quantity(where, origin.quantityPath(), name);
        double time = baseTime + (record.has("t") ? number(where, record, "t") : 0.0);
        Instant timestamp = time < RELATIVE_TIME_LIMIT
                ? Readings.plusSeconds(where, origin.receivedAt(), time)
                : Readings.epochSeconds(where, time);
        String unit = record.has("u") ? text(where, record, "u") : baseUnit;
        double original;
        SiConverter converter;
        if (hasBoolean) {
            JsonNode vb = record.get("vb");
            if (!vb.isBoolean()) {
                throw wrongShape(where, "\"vb\" must be true or false, not " + describe(vb));
            }
            original = vb.booleanValue() ? 1.0 : 0.0;
            converter = Readings.converter(where, null);
        } else if (hasSum) {
            original = baseSum + number(where, record, "s");
            quantity = quantity + ".sum";
            converter = Readings.converter(where, unit);
        } else {
            original = baseValue + number(where, record, "v");
            converter = Readings.converter(where, unit);
        }
        double si = Readings.toSi(where, hasSum ? "sum" : "value", original, converter);
        return origin.scalar(messageId, index, null, quantity, timestamp, si, original, converter, "GOOD");
    }

    /**
     * The topic's quantity path and the record's name joined by a dot; the name with {@code /} and {@code :} turned
     * into dots, repeated dots collapsed, leading and trailing dots trimmed.
     */
    static String quantity(String where, String quantityPath, String name) throws InvalidMeasurementException {
        StringBuilder sanitized = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':') {
                c = '.';
            }
            if (c == '.' && (sanitized.length() == 0 || sanitized.charAt(sanitized.length() - 1) == '.')) {
                continue;
            }
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                    || c == '-')) {
                throw invalid(where, "name '" + Readings.abbreviate(name)
                        + "' has a character outside [A-Za-z0-9_.-/:] at position " + i);
            }
            sanitized.append(c);
        }
        if (sanitized.length() > 0 && sanitized.charAt(sanitized.length() - 1) == '.') {
            sanitized.setLength(sanitized.length() - 1);
        }
        if (sanitized.length() == 0) {
            if (quantityPath.isEmpty()) {
                throw invalid(where, "no quantity: the record has no name and the topic names no quantity");
            }
            return quantityPath;
        }
        return quantityPath.isEmpty() ? sanitized.toString() : quantityPath + "." + sanitized;
    }

    private static String text(String where, JsonNode record, String label) throws InvalidMeasurementException {
        JsonNode node = record.get(label);
        if (!node.isTextual()) {
            throw wrongShape(where, "\"" + label + "\" must be a string, not " + describe(node));
        }
        return node.textValue();
    }

    private static double number(String where, JsonNode record, String label) throws InvalidMeasurementException {
        JsonNode node = record.get(label);
        if (!node.isNumber()) {
            throw wrongShape(where, "\"" + label + "\" must be a number, not " + describe(node));
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw invalid(where, "\"" + label + "\" is not a finite number");
        }
        return value;
    }
}
