package org.nanoos.labhub.processors.normalize;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.nanoos.labhub.processors.model.Measurement;
import org.nanoos.labhub.verticals.units.SiConverter;
import org.nanoos.labhub.verticals.units.UcumUnits;
import org.nanoos.labhub.verticals.units.UnknownUnitException;

/**
 * What both payload formats share: where a message came from, unit conversion with the finiteness and absolute-zero
 * checks, epoch-second and ISO-8601 times, and the wording of the reasons a reading is rejected.
 */
final class Readings {

    /** Where a message came from, and the identity it is stored under. */
    record Origin(String source, String sourceAddress, String instrumentId, String quantityPath, Instant receivedAt) {

        Measurement scalar(String messageId, int recordIndex, UUID run, String quantity, Instant timestamp,
                double value, double originalValue, SiConverter converter, String quality) {
            return new Measurement(source, messageId, recordIndex, instrumentId, run, quantity, timestamp, value,
                    converter.siUnit(), originalValue, converter.originalUnit(), null, quality, sourceAddress);
        }

        Measurement series(String messageId, int recordIndex, UUID run, String quantity, Instant timestamp,
                Measurement.Series series, String quality) {
            return new Measurement(source, messageId, recordIndex, instrumentId, run, quantity, timestamp, null, null,
                    null, null, series, quality, sourceAddress);
        }
    }

    /** A message's id and its measurements, as a format reads them. */
    record Normalized(String messageId, List<Measurement> measurements) {
    }

    /** Quality flags a reading may carry. */
    static final List<String> QUALITIES = List.of("GOOD", "UNCERTAIN", "BAD");

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Instant's own range, in epoch seconds. */
    private static final double MIN_EPOCH_SECOND = Instant.MIN.getEpochSecond();
    private static final double MAX_EPOCH_SECOND = Instant.MAX.getEpochSecond();

    private Readings() {
    }

    static InvalidMeasurementException invalid(String where, String reason) {
        return new InvalidMeasurementException(where + reason);
    }

    static InvalidMeasurementException wrongShape(String where, String reason) {
        return new InvalidMeasurementException(where + "wrong shape: " + reason);
    }

    /** The cached converter for a UCUM code ({@code null}: dimensionless); an unknown code is an invalid reading. */
    static SiConverter converter(String where, String unitCode) throws InvalidMeasurementException {
        try {
            return UcumUnits.toSi(unitCode);
        } catch (UnknownUnitException e) {
            throw new InvalidMeasurementException(where + e.getMessage(), e);
        }
    }

    /**
     * Converts one value to SI, rejecting non-finite values (before or after conversion) and temperatures below
     * absolute zero.
     *
     * @param what how the reason names the value, e.g. {@code value} or {@code x value at index 3}
     */
    static double toSi(String where, String what, double original, SiConverter converter)
            throws InvalidMeasurementException {
        if (!Double.isFinite(original)) {
            throw invalid(where, what + " is not a finite number");
        }
        double si = converter.convert(original);
        if (!Double.isFinite(si)) {
            throw invalid(where, what + " " + format(original) + " " + converter.originalUnit()
                    + " is not a finite number in " + converter.siUnit());
        }
        if (converter.isAbsoluteTemperature() && si < 0.0) {
            String given = converter.isIdentity() ? "" : " (" + format(original) + " " + converter.originalUnit() + ")";
            throw invalid(where, what + ": " + format(si) + " K is below absolute zero" + given);
        }
        return si;
    }

    /**
     * An ISO-8601 date-time with {@code Z} or an offset ({@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}), as a UTC
     * instant. The common {@code yyyy-MM-ddTHH:mm:ss[.f…]{Z|±HH:mm}} form is read by hand, several times faster;
     * anything else goes to the formatter, which also words the errors.
     */
    static Instant isoTime(String where, String text) throws InvalidMeasurementException {
        Instant fast = commonIsoTime(text);
        if (fast != null) {
            return fast;
        }
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
        } catch (DateTimeException e) {
            throw invalid(where, "unparseable time '" + abbreviate(text)
                    + "': expected ISO-8601 with Z or an offset, e.g. 2026-11-21T10:15:30.123Z, or epoch seconds");
        }
    }

    /** The instant of a valid {@code yyyy-MM-ddTHH:mm:ss[.f…]{Z|±HH:mm}}, or {@code null} for anything else. */
    static Instant commonIsoTime(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return null;
            }
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int offsetHours = digits(s, i + 1, 2);
            int offsetMinutes = digits(s, i + 4, 2);
            if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59
                    || offsetHours == 18 && offsetMinutes > 0) {
                return null;
            }
            offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
        } else {
            return null;
        }
        if (day > 28 && day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
    }

    /** The value of {@code count} decimal digits at {@code from}, or -1 if any is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Epoch seconds (fractions kept to the microsecond, the resolution of a double near today) as an instant. */
    static Instant epochSeconds(String where, double seconds) throws InvalidMeasurementException {
        if (!Double.isFinite(seconds) || seconds < MIN_EPOCH_SECOND || seconds > MAX_EPOCH_SECOND) {
            throw invalid(where, "unparseable time " + format(seconds) + ": epoch seconds out of range");
        }
        return plusSeconds(where, Instant.EPOCH, seconds);
    }

    /** {@code base} plus a signed number of seconds, as SenML relative times are. */
    static Instant plusSeconds(String where, Instant base, double seconds) throws InvalidMeasurementException {
        if (!Double.isFinite(seconds) || Math.abs(seconds) > MAX_EPOCH_SECOND - MIN_EPOCH_SECOND) {
            throw invalid(where, "unparseable time " + format(seconds) + ": out of range");
        }
        try {
            return base.plus(secondsAsDuration(seconds));
        } catch (DateTimeException | ArithmeticException e) {
            throw invalid(where, "unparseable time " + format(seconds) + ": out of range");
        }
    }

    private static Duration secondsAsDuration(double seconds) {
        long whole = (long) Math.floor(seconds);
        long micros = Math.round((seconds - whole) * 1e6);
        if (micros == 1_000_000L) {
            whole++;
            micros = 0;
        }
        return Duration.ofSeconds(whole, micros * 1000L);
    }

    /** A run id: a UUID in its canonical 8-4-4-4-12 hex form. */
    static UUID runId(String where, String text) throws InvalidMeasurementException {
        if (!UUID_TEXT.matcher(text).matches()) {
            throw invalid(where, "run '" + abbreviate(text) + "' is not a UUID (8-4-4-4-12 hex digits)");
        }
        return UUID.fromString(text);
    }

    /** A number for a reason: integers without a trailing {@code .0}. */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
