package org.nanoos.labhub.connectors.slurm;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Small readers shared by the SLURM output parsers. */
final class Fields {

    /** Job ids as SLURM prints them: plain, array task ({@code 123_4}, {@code 123_[1-9]}), het component ({@code 123+0}). */
    static final Pattern JOB_ID = Pattern.compile("\\d{1,10}(?:_(?:\\d{1,10}|\\[[0-9,%\\-]{1,200}]))?(?:\\+\\d{1,5})?");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_:/.-]*=.*");

    private Fields() {
    }

    /** Non-blank lines of {@code text}, without trailing {@code \r}. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\n")) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }

    /**
     * {@code null} for SLURM's empty markers ({@code ""}, {@code (null)}, {@code None}, {@code None assigned},
     * {@code N/A}, {@code Unknown}).
     */
    static String orNull(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return v.isEmpty() || v.equals("(null)") || v.equals("None") || v.equals("N/A") || v.equals("Unknown")
                || v.equals("(None)") || v.equals("None assigned") ? null : v;
    }

    /** A SLURM timestamp ({@code 2025-11-21T09:26:41}, local time of the cluster), or null. */
    static LocalDateTime time(String value) {
        String v = orNull(value);
        if (v == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code N:M} exit code and signal, or null for anything else. */
    static int[] exitCode(String value) {
        String v = orNull(value);
        if (v == null || !v.matches("\\d{1,3}:\\d{1,3}")) {
            return null;
        }
        int colon = v.indexOf(':');
        return new int[] {Integer.parseInt(v.substring(0, colon)), Integer.parseInt(v.substring(colon + 1))};
    }

    /** Integer or null ({@code UNLIMITED}, {@code N/A}, anything not a number). */
    static Long number(String value) {
        String v = orNull(value);
        if (v == null || !v.matches("\\d{1,18}")) {
            return null;
        }
        return Long.parseLong(v);
    }

    /** Memory as SLURM prints it ({@code 4096}, {@code 4000M}, {@code 1500G}, {@code 2T}) in MiB, or null. */
    static Long megabytes(String value) {
        String v = orNull(value);
        if (v == null || !v.matches("\\d{1,15}(\\.\\d+)?[KMGTP]?")) {
            return null;
        }
        char last = v.charAt(v.length() - 1);
        boolean hasUnit = !Character.isDigit(last);
        char unit = hasUnit ? last : 'M';
        double n = Double.parseDouble(hasUnit ? v.substring(0, v.length() - 1) : v);
        double mb = switch (unit) {
            case 'K' -> n / 1024;
            case 'G' -> n * 1024;
            case 'T' -> n * 1024 * 1024;
            case 'P' -> n * 1024 * 1024 * 1024;
            default -> n;
        };
        return Math.round(mb);
    }

    /**
     * The {@code Key=Value} records in {@code scontrol} output, multi-line or one-line ({@code -o}): a new record
     * starts at each {@code recordKey=}. A word without {@code Key=} continues the previous value (values such as job
     * names may hold spaces).
     */
    static List<Map<String, String>> keyValueRecords(String text, String recordKey) {
        List<Map<String, String>> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Map<String, String> current = null;
        String lastKey = null;
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (KEY.matcher(word).matches()) {
                int eq = word.indexOf('=');
                String key = word.substring(0, eq);
                String value = word.substring(eq + 1);
                if (key.equals(recordKey)) {
                    current = new LinkedHashMap<>();
                    out.add(current);
                }
                if (current == null) {
                    continue;
                }
                current.put(key, value);
                lastKey = key;
            } else if (current != null && lastKey != null) {
                current.put(lastKey, current.get(lastKey) + " " + word);
            }
        }
        return out;
    }
}
