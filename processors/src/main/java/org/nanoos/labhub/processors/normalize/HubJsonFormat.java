package org.nanoos.labhub.processors.normalize;

import static org.nanoos.labhub.processors.normalize.Readings.invalid;
import static org.nanoos.labhub.processors.normalize.Readings.wrongShape;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.nanoos.labhub.processors.model.Measurement;
import org.nanoos.labhub.verticals.units.SiConverter;

/**
 * Reads the hub's own JSON, one reading object or an array of them, as described on {@link MeasurementNormalizer}.
 */
final class HubJsonFormat {

    /** Keys a reading may have, in the order the reason lists them. */
    private static final List<String> KEYS = List.of("id", "time", "value", "unit", "quality", "run", "x", "y");
    private static final Set<String> KEY_SET = Set.copyOf(KEYS);
    private static final Set<String> AXIS_KEYS = Set.of("unit", "values");

    private HubJsonFormat() {
    }

    static Readings.Normalized read(JsonNode root, Readings.Origin origin, byte[] raw)
            throws InvalidMeasurementException {
        List<JsonNode> records;
        boolean pack = root.isArray();
        if (root.isObject()) {
            records = List.of(root);
        } else if (pack) {
            if (root.isEmpty()) {
                throw invalid("", "empty array: no readings in the message");
            }
            records = new ArrayList<>(root.size());
            for (int i = 0; i < root.size(); i++) {
                JsonNode record = root.get(i);
                if (!record.isObject()) {
                    throw wrongShape(where(true, i), "a reading is a JSON object, not " + describe(record));
                }
                records.add(record);
            }
        } else {
            throw wrongShape("", "expected a JSON object or an array of objects, not " + describe(root));
        }
        if (origin.quantityPath().isEmpty()) {
            throw invalid("", "the topic names no quantity (lab/<instrument>/<quantity>), and the hub's JSON"
                    + " takes its quantity from the topic");
        }
        String messageId = messageId(records, pack, raw);
        List<Measurement> measurements = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            measurements.add(reading(records.get(i), i, where(pack, i), origin, messageId));
        }
        return new Readings.Normalized(messageId, measurements);
    }

    /** The {@code id} the readings share, else the content hash. */
    private static String messageId(List<JsonNode> records, boolean pack, byte[] raw)
            throws InvalidMeasurementException {
        String id = null;
        int idAt = -1;
        for (int i = 0; i < records.size(); i++) {
            JsonNode node = records.get(i).get("id");
            if (node == null) {
                continue;
            }
            String where = where(pack, i);
            if (!node.isTextual()) {
                throw wrongShape(where, "\"id\" must be a string, not " + describe(node));
            }
            String text = node.textValue();
            if (text.isBlank()) {
                throw invalid(where, "\"id\" is blank");
            }
            if (text.length() > MeasurementNormalizer.MAX_ID_LENGTH) {
                throw invalid(where, "\"id\" is longer than " + MeasurementNormalizer.MAX_ID_LENGTH + " characters");
            }
            if (id == null) {
                id = text;
                idAt = i;
            } else if (!id.equals(text)) {
                throw invalid(where, "id '" + Readings.abbreviate(text) + "' differs from '" + Readings.abbreviate(id)
                        + "' of record " + idAt + "; an array is one message with one id");
            }
        }
        return id != null ? id : MeasurementNormalizer.contentId(raw);
    }

    private static Measurement reading(JsonNode record, int index, String where, Readings.Origin origin,
            String messageId) throws InvalidMeasurementException {
        for (Iterator<String> names = record.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEY_SET.contains(name)) {
                throw wrongShape(where, "unknown key \"" + Readings.abbreviate(name) + "\" (allowed: "
                        + String.join(", ", KEYS) + ")");
            }
        }
        Instant timestamp = time(where, record.get("time"), origin.receivedAt());
        String quality = quality(where, record.get("quality"));
        UUID run = run(where, record.get("run"));
        JsonNode value = record.get("value");
        JsonNode x = record.get("x");
        JsonNode y = record.get("y");
        if (value != null) {
            if (x != null || y != null) {
                throw wrongShape(where, "a reading has either \"value\" or \"x\" and \"y\", not both");
            }
            if (!value.isNumber()) {
                throw wrongShape(where, "\"value\" must be a JSON number, not " + describe(value));
            }
            SiConverter converter = Readings.converter(where, unit(where, "\"unit\"", record.get("unit")));
            double original = value.doubleValue();
            double si = Readings.toSi(where, "value", original, converter);
            return origin.scalar(messageId, index, run, origin.quantityPath(), timestamp, si, original, converter,
                    quality);
        }
        if (x == null && y == null) {
            throw wrongShape(where, "missing value: a reading needs \"value\", or \"x\" and \"y\" for a series");
        }
        if (x == null || y == null) {
            throw wrongShape(where, "a series needs both \"x\" and \"y\"");
        }
        if (record.has("unit")) {
            throw wrongShape(where, "a series has its units in \"x\" and \"y\", not in \"unit\"");
        }
        Axis xAxis = axis(where, "x", x);
        Axis yAxis = axis(where, "y", y);
        if (xAxis.values.length != yAxis.values.length) {
            throw invalid(where, "x and y differ in length: " + xAxis.values.length + " vs " + yAxis.values.length);
        }
        Measurement.Series series = new Measurement.Series(xAxis.values, xAxis.converter.siUnit(),
                xAxis.converter.originalUnit(), yAxis.values, yAxis.converter.siUnit(), yAxis.converter.originalUnit());
        return origin.series(messageId, index, run, origin.quantityPath(), timestamp, series, quality);
    }

    private record Axis(double[] values, SiConverter converter) {
    }

    private static Axis axis(String where, String name, JsonNode axis) throws InvalidMeasurementException {
        if (!axis.isObject()) {
            throw wrongShape(where, "\"" + name + "\" must be an object with \"unit\" and \"values\", not "
                    + describe(axis));
        }
        for (Iterator<String> names = axis.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!AXIS_KEYS.contains(key)) {
                throw wrongShape(where, "unknown key \"" + Readings.abbreviate(key) + "\" in \"" + name
                        + "\" (allowed: unit, values)");
            }
        }
        SiConverter converter = Readings.converter(where, unit(where, "\"" + name + ".unit\"", axis.get("unit")));
        JsonNode values = axis.get("values");
        if (values == null || !values.isArray()) {
            throw wrongShape(where, "\"" + name + ".values\" must be an array of numbers"
                    + (values == null ? "" : ", not " + describe(values)));
        }
        int n = values.size();
        if (n == 0) {
            throw invalid(where, "\"" + name + ".values\" is empty");
        }
        if (n > MeasurementNormalizer.MAX_SERIES_POINTS) {
            throw invalid(where, "\"" + name + ".values\" has " + n + " points, more than the limit of "
                    + MeasurementNormalizer.MAX_SERIES_POINTS);
        }
        double[] converted = new double[n];
        for (int i = 0; i < n; i++) {
            JsonNode point = values.get(i);
            if (!point.isNumber()) {
                throw wrongShape(where, "\"" + name + ".values\"[" + i + "] must be a number, not " + describe(point));
            }
            converted[i] = Readings.toSi(where, name + " value at index " + i, point.doubleValue(), converter);
        }
        return new Axis(converted, converter);
    }

    private static String unit(String where, String what, JsonNode unit) throws InvalidMeasurementException {
        if (unit == null) {
            return null;
        }
        if (!unit.isTextual()) {
            throw wrongShape(where, what + " must be a UCUM code string, not " + describe(unit));
        }
        return unit.textValue();
    }

    private static Instant time(String where, JsonNode time, Instant receivedAt) throws InvalidMeasurementException {
        if (time == null) {
            return receivedAt;
        }
        if (time.isTextual()) {
            return Readings.isoTime(where, time.textValue());
        }
        if (time.isNumber()) {
            return Readings.epochSeconds(where, time.doubleValue());
        }
        throw wrongShape(where, "\"time\" must be an ISO-8601 string or epoch seconds, not " + describe(time));
    }

    private static String quality(String where, JsonNode quality) throws InvalidMeasurementException {
        if (quality == null) {
            return "GOOD";
        }
        if (quality.isTextual() && Readings.QUALITIES.contains(quality.textValue())) {
            return quality.textValue();
        }
        throw invalid(where, "\"quality\" must be one of GOOD, UNCERTAIN, BAD, not "
                + (quality.isTextual() ? "'" + Readings.abbreviate(quality.textValue()) + "'" : describe(quality)));
    }

    private static UUID run(String where, JsonNode run) throws InvalidMeasurementException {
        if (run == null) {
            return null;
        }
        if (!run.isTextual()) {
            throw wrongShape(where, "\"run\" must be a UUID string, not " + describe(run));
        }
        return Readings.runId(where, run.textValue());
    }

    private static String where(boolean pack, int index) {
        return pack ? "record " + index + ": " : "";
    }

    /** A node's JSON type for a reason, e.g. "a string". */
    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
