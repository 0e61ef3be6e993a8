package org.nanoos.labhub.connectors.slurm;

import java.util.regex.Pattern;

/** Checks shared by everything that lets a value into a batch script or a SLURM command. */
final class Allowlist {

    /**
     * Characters no value may hold, whatever its own pattern says: control characters (newline, carriage return, NUL,
     * escape, DEL, C1), format characters (bidi overrides, zero-width joiners), line and paragraph separators and lone
     * surrogates.
     */
    static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}]");

    /** Longest value any field or parameter takes, in characters. */
    static final int MAX_VALUE_LENGTH = 4096;

    private Allowlist() {
    }

    /**
     * {@code value}, when it is not null, not longer than {@code maxLength}, free of {@link #UNSAFE} characters and
     * matched whole by {@code pattern}.
     *
     * @param field    the field's name for the message
     * @param accepted what is accepted, in words, for the message
     */
    static String require(String field, String value, Pattern pattern, int maxLength, String accepted) {
        requirePrintable(field, value, maxLength);
        if (!pattern.matcher(value).matches()) {
            throw new SlurmValidationException(field, describe(value) + " is not accepted; expected " + accepted);
        }
        return value;
    }

    /** {@code value}, when it is not null, not too long and free of {@link #UNSAFE} characters. */
    static String requirePrintable(String field, String value, int maxLength) {
        if (value == null) {
            throw new SlurmValidationException(field, "missing");
        }
        if (value.length() > maxLength) {
            throw new SlurmValidationException(field, "longer than " + maxLength + " characters ("
                    + value.length() + ")");
        }
        var unsafe = UNSAFE.matcher(value);
        if (unsafe.find()) {
            int c = value.codePointAt(unsafe.start());
            throw new SlurmValidationException(field, String.format("holds the control or format character U+%04X"
                    + " (%s) at position %d; only printable text is accepted", c, characterName(c), unsafe.start()));
        }
        return value;
    }

    /** A value for an error message: quoted, shortened, control and format characters shown as escapes. */
    static String describe(String s) {
        if (s == null) {
            return "null";
        }
        String shown = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        StringBuilder b = new StringBuilder("'");
        shown.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
                b.append(String.format("\\u%04X", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append('\'').toString();
    }

    static String characterName(int codePoint) {
        String name = Character.getName(codePoint);
        return name == null ? "unassigned" : name;
    }
}
