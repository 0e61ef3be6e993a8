package org.nanoos.labhub.simulator.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Writes readings in the hub's own JSON: a scalar {@code {"id":…,"time":…,"value":…,"unit":…}} or a series
 * {@code {"id":…,"time":…,"x":{"unit":…,"values":[…]},"y":{"unit":…,"values":[…]}}}; time is ISO-8601 UTC with
 * {@code Z}, units are UCUM codes. Appends to a caller's {@link StringBuilder} so that hot loops can reuse one.
 */
public final class HubJson {

    private HubJson() {
    }

    /** A scalar reading as UTF-8 JSON. */
    public static byte[] scalar(String id, Instant time, double value, String unit) {
        return utf8(appendScalar(new StringBuilder(96), id, isoTime(time), value, unit));
    }

    /** A series reading (x and y of equal length) as UTF-8 JSON. */
    public static byte[] series(String id, Instant time, String xUnit, double[] x, String yUnit, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series x and y differ in length: " + x.length + " vs " + y.length);
        }
        StringBuilder sb = new StringBuilder(64 + 24 * (x.length + y.length));
        sb.append("{\"id\":");
        appendString(sb, id);
        sb.append(",\"time\":");
        appendString(sb, isoTime(time));
        sb.append(",\"x\":");
        appendAxis(sb, xUnit, x);
        sb.append(",\"y\":");
        appendAxis(sb, yUnit, y);
        sb.append('}');
        return utf8(sb);
    }

    /** Appends a scalar reading; {@code time} must already be ISO-8601 (see {@link #isoTime(Instant)}). */
    public static StringBuilder appendScalar(StringBuilder sb, CharSequence id, CharSequence time, double value,
                                             String unit) {
        sb.append("{\"id\":");
        appendString(sb, id);
        sb.append(",\"time\":");
        appendString(sb, time);
        sb.append(",\"value\":");
        appendNumber(sb, value);
        sb.append(",\"unit\":");
        appendString(sb, unit);
        return sb.append('}');
    }

    /**
     * ISO-8601 UTC with {@code Z}, to the microsecond (PostgreSQL's resolution), e.g.
     * {@code 2026-11-21T06:10:43.120315Z}. Milliseconds are not enough for a sped-up run: a cycler at 20000× writes
     * several samples per millisecond of its time-lapse clock, and readings of one sample are told from the next by
     * their time.
     */
    public static String isoTime(Instant time) {
        return DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.MICROS));
    }

    /** The characters as UTF-8 bytes; ASCII (the usual case) is copied without an intermediate String. */
    public static byte[] utf8(CharSequence chars) {
        int n = chars.length();
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = chars.charAt(i);
            if (c >= 0x80) {
                return chars.toString().getBytes(StandardCharsets.UTF_8);
            }
            out[i] = (byte) c;
        }
        return out;
    }

    private static void appendAxis(StringBuilder sb, String unit, double[] values) {
        sb.append("{\"unit\":");
        appendString(sb, unit);
        sb.append(",\"values\":[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendNumber(sb, values[i]);
        }
        sb.append("]}");
    }

    private static void appendNumber(StringBuilder sb, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON has no number for " + value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            sb.append((long) value);
        } else {
            sb.append(value);
        }
    }

    private static void appendString(StringBuilder sb, CharSequence s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
