package org.nanoos.labhub.connectors.ssh;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.nanoos.labhub.processors.normalize.MeasurementNormalizer;

/**
 * Reads the two-column text exports instrument software writes — a diffractometer's {@code .xy}, a spectrometer's
 * or cycler's {@code .csv} — into an {@link XySeries}, and writes a series as the hub's JSON.
 *
 * <p>The rules:
 * <ul>
 * <li>{@link Format#WHITESPACE} ({@code .xy}, {@code .txt}, {@code .dat}, {@code .asc}): columns separated by spaces
 * or tabs. {@link Format#DELIMITED} ({@code .csv}): separated by {@code ;} when the first data row has one, else by
 * {@code ,}; fields may be in double quotes; one trailing empty field is allowed.</li>
 * <li>A row is data when its first field is a number: exactly two numbers, decimal point (not comma), optional
 * sign and exponent ({@code 1.5E+03}, {@code .5}, {@code -2e-3}). NaN, infinities and overflowing values are
 * errors.</li>
 * <li>Before the first data row, other non-blank lines are header (column titles, instrument settings) and kept.
 * After it, lines starting with {@code #}, {@code ;} or {@code '} are comments and skipped; anything else is an
 * error.</li>
 * <li>Blank lines are skipped; {@code \n}, {@code \r\n} and {@code \r} all end a line; a UTF-8 byte-order mark is
 * dropped. Bytes that are not UTF-8 are read as Windows-1252, what older instrument PCs write.</li>
 * <li>At least 2 points, at most {@link MeasurementNormalizer#MAX_SERIES_POINTS}.</li>
 * </ul>
 * Errors are {@link IllegalArgumentException}s naming the row, counted as lines of the file from 1.
 */
public final class XyFileParser {

    /** How columns are separated. */
    public enum Format {
        /** Spaces or tabs, as in {@code .xy}. */
        WHITESPACE,
        /** Semicolons or commas, as in {@code .csv}. */
        DELIMITED
    }

    /** Most lines read before the first data row. */
    public static final int MAX_HEADER_LINES = 1000;

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final Pattern WHITE = Pattern.compile("\\s+");
    private static final Pattern ANY_DELIMITER = Pattern.compile("[;,]");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final JsonFactory JSON = new JsonFactory();

    private XyFileParser() {
    }

    /**
     * Parses a downloaded file, the format chosen by its extension.
     *
     * @throws IllegalArgumentException for an extension not listed on {@link Format}, or a file that breaks the
     *                                  rules
     */
    public static XySeries parse(String fileName, byte[] content) {
        Objects.requireNonNull(content, "content");
        return parse(decode(content), formatOf(fileName));
    }

    /** The format for a file name's extension. */
    public static Format formatOf(String fileName) {
        String ext = RemoteNames.extension(Objects.requireNonNull(fileName, "fileName"));
        return switch (ext) {
            case "xy", "txt", "dat", "asc" -> Format.WHITESPACE;
            case "csv" -> Format.DELIMITED;
            default -> throw new IllegalArgumentException("no two-column reader for '." + ext + "' files ("
                    + fileName + "); known: .xy, .txt, .dat, .asc (whitespace) and .csv");
        };
    }

    /**
     * Parses text in the given format.
     *
     * @throws IllegalArgumentException naming the row when a row is bad, or when there are fewer than 2 points
     */
    public static XySeries parse(String text, Format format) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(format, "format");
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> header = new ArrayList<>();
        double[] xs = new double[64];
        double[] ys = new double[64];
        int n = 0;
        char delimiter = 0;
        int row = 0;
        for (Iterator<String> lines = text.lines().iterator(); lines.hasNext(); ) {
            String line = lines.next().strip();
            row++;
            if (line.isEmpty()) {
                continue;
            }
            boolean comment = line.startsWith("#") || line.startsWith(";") || line.startsWith("'");
            if (n == 0) {
                if (comment || !numeric(firstField(line, format))) {
                    if (header.size() == MAX_HEADER_LINES) {
                        throw new IllegalArgumentException("no data in the first " + MAX_HEADER_LINES
                                + " lines: not a two-column export");
                    }
                    header.add(line);
                    continue;
                }
                if (format == Format.DELIMITED) {
                    delimiter = line.indexOf(';') >= 0 ? ';' : ',';
                }
            } else if (comment) {
                continue;
            }
            List<String> fields = fields(line, format, delimiter);
            if (fields.size() != 2) {
                throw new IllegalArgumentException("row " + row + ": expected 2 columns (x and y), found "
                        + fields.size() + ": " + ShellCommand.describe(line));
            }
            if (n == MeasurementNormalizer.MAX_SERIES_POINTS) {
                throw new IllegalArgumentException("row " + row + ": more than "
                        + MeasurementNormalizer.MAX_SERIES_POINTS + " points");
            }
            if (n == xs.length) {
                xs = Arrays.copyOf(xs, n * 2);
                ys = Arrays.copyOf(ys, n * 2);
            }
            xs[n] = number(row, "x", fields.get(0), format);
            ys[n] = number(row, "y", fields.get(1), format);
            n++;
        }
        if (n < 2) {
            throw new IllegalArgumentException("fewer than 2 data rows (" + n + "): a series needs at least 2 points");
        }
        return new XySeries(Arrays.copyOf(xs, n), Arrays.copyOf(ys, n), header);
    }

    /**
     * The hub's series JSON for {@code series}:
     * {@code {"id":…,"time":…,"x":{"unit":…,"values":[…]},"y":{"unit":…,"values":[…]}}}.
     *
     * @param id    the message id, e.g. {@link DownloadedResult#contentId()}, so a file pulled twice is stored once
     * @param time  when it was measured, e.g. the file's modification time
     * @param xUnit UCUM unit of x ({@code deg}, {@code nm}, {@code s}), or {@code null}/blank for dimensionless
     * @param yUnit UCUM unit of y ({@code {counts}}, {@code mA}), or {@code null}/blank for dimensionless
     * @return UTF-8 JSON bytes
     */
    public static byte[] seriesJson(XySeries series, String id, Instant time, String xUnit, String yUnit) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(time, "time");
        if (id == null || id.isBlank() || id.length() > MeasurementNormalizer.MAX_ID_LENGTH) {
            throw new IllegalArgumentException("id must be non-blank and at most " + MeasurementNormalizer.MAX_ID_LENGTH
                    + " characters");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 48 * series.size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeStringField("time", time.toString());
            axis(g, "x", xUnit, series.x());
            axis(g, "y", yUnit, series.y());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }

    private static void axis(JsonGenerator g, String name, String unit, double[] values) throws IOException {
        g.writeObjectFieldStart(name);
        if (unit != null && !unit.isBlank()) {
            g.writeStringField("unit", unit.strip());
        }
        g.writeFieldName("values");
        g.writeArray(values, 0, values.length);
        g.writeEndObject();
    }

    private static String decode(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(content, WINDOWS_1252);
        }
    }

    private static String firstField(String line, Format format) {
        String first = format == Format.WHITESPACE ? WHITE.split(line, 2)[0] : ANY_DELIMITER.split(line, 2)[0];
        return unquote(first.strip());
    }

    private static boolean numeric(String field) {
        return NUMBER.matcher(field).matches() || NON_FINITE.matcher(field).matches();
    }

    private static List<String> fields(String line, Format format, char delimiter) {
        if (format == Format.WHITESPACE) {
            return List.of(WHITE.split(line));
        }
        List<String> fields = new ArrayList<>(3);
        for (String f : line.split(Pattern.quote(String.valueOf(delimiter)), -1)) {
            fields.add(unquote(f.strip()));
        }
        if (fields.size() > 1 && fields.get(fields.size() - 1).isEmpty()) {
            fields.remove(fields.size() - 1); // "1.0,2.0," as some exporters write it
        }
        return fields;
    }

    private static String unquote(String field) {
        return field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")
                ? field.substring(1, field.length() - 1).strip() : field;
    }

    private static double number(int row, String column, String field, Format format) {
        if (NON_FINITE.matcher(field).matches()) {
            throw new IllegalArgumentException("row " + row + ": " + column + " is " + ShellCommand.describe(field)
                    + ", not a finite number");
        }
        if (!NUMBER.matcher(field).matches()) {
            String hint = format == Format.DELIMITED && field.matches("[+-]?\\d*,\\d+([eE][+-]?\\d+)?")
                    ? " (a decimal comma? write numbers with a decimal point)" : "";
            throw new IllegalArgumentException("row " + row + ": " + column + " " + ShellCommand.describe(field)
                    + " is not a number" + hint);
        }
        double value = Double.parseDouble(field);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("row " + row + ": " + column + " " + ShellCommand.describe(field)
                    + " is out of range (not a finite double)");
        }
        return value;
    }
}
