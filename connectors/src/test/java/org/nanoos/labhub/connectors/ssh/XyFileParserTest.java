package org.nanoos.labhub.connectors.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.connectors.ssh.XyFileParser.Format;
import org.nanoos.labhub.processors.model.IngestMessage;
import org.nanoos.labhub.processors.model.Measurement;
import org.nanoos.labhub.processors.normalize.MeasurementNormalizer;

/** Reading instruments' two-column text exports, and writing them as the hub's series JSON. */
class XyFileParserTest {

    private static final Instant MODIFIED = Instant.parse("2026-11-21T09:30:00Z");

    private static XySeries xy(String text) {
        return XyFileParser.parse(text, Format.WHITESPACE);
    }

    private static XySeries csv(String text) {
        return XyFileParser.parse(text, Format.DELIMITED);
    }

    @Test
    void should_read_a_whitespace_export_with_header_comments_tabs_and_scientific_notation() {
        XySeries s = xy("""
                ; exported by XRD Commander
                # Cu Ka1, 1.5406 A
                2Theta\tIntensity

                28.30\t1.20E+02
                  28.35   4.1e2
                # the Si (111) peak
                28.40 +2950
                .5E1 -4.8e-1
                """);
        assertThat(s.x()).containsExactly(28.30, 28.35, 28.40, 5.0);
        assertThat(s.y()).containsExactly(120.0, 410.0, 2950.0, -0.48);
        assertThat(s.header()).containsExactly("; exported by XRD Commander", "# Cu Ka1, 1.5406 A",
                "2Theta\tIntensity");
        assertThat(s.size()).isEqualTo(4);
    }

    @Test
    void should_read_comma_and_semicolon_csv_with_quotes_crlf_and_a_trailing_comma() {
        XySeries comma = csv("\"Wavelength (nm)\",\"Absorbance\"\r\n400.0,0.125,\r\n\"401.5\",0.131\r\n402e0, 1E-1\r\n");
        assertThat(comma.x()).containsExactly(400.0, 401.5, 402.0);
        assertThat(comma.y()).containsExactly(0.125, 0.131, 0.1);
        assertThat(comma.header()).containsExactly("\"Wavelength (nm)\",\"Absorbance\"");

        XySeries semicolon = csv("time_s;current_mA\r0;1.5\r60;1.4\r");
        assertThat(semicolon.x()).containsExactly(0, 60);
        assertThat(semicolon.y()).containsExactly(1.5, 1.4);
    }

    @Test
    void should_choose_the_format_by_extension_and_read_windows_1252_bytes() {
        byte[] latin = "Temperature (\u00b0C)\tCounts\n25\t10\n30\t12\n".getBytes(StandardCharsets.ISO_8859_1);
        XySeries s = XyFileParser.parse("RUN-7.XY", latin);
        assertThat(s.header()).containsExactly("Temperature (°C)\tCounts");
        assertThat(s.x()).containsExactly(25, 30);

        byte[] bom = "\uFEFFx,y\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8);
        assertThat(XyFileParser.parse("spectrum.csv", bom).header()).containsExactly("x,y");
        assertThat(XyFileParser.formatOf("scan.dat")).isEqualTo(Format.WHITESPACE);
        assertThatThrownBy(() -> XyFileParser.parse("scan.raw", latin))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no two-column reader for '.raw'");
    }

    @Test
    void should_name_the_row_of_a_value_that_is_not_a_number() {
        assertThatThrownBy(() -> xy("2Theta Counts\n28.30 120\n28.35 12O\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 3: y '12O' is not a number");
        assertThatThrownBy(() -> xy("28.30 120\n28.35 130\nEnd of scan\n"))
                .hasMessageStartingWith("row 3: expected 2 columns (x and y), found 3");
        assertThatThrownBy(() -> xy("1 2\n3 4\nEnd\n"))
                .hasMessage("row 3: expected 2 columns (x and y), found 1: 'End'");
        assertThatThrownBy(() -> csv("x;y\n1,5;2,5\n2,5;3,5\n"))
                .hasMessage("row 2: x '1,5' is not a number (a decimal comma? write numbers with a decimal point)");
        // Double.parseDouble would take these; an export never means them
        assertThatThrownBy(() -> xy("1 2\n0x1p3 1\n")).hasMessage("row 2: x '0x1p3' is not a number");
        assertThatThrownBy(() -> xy("1 2\n3d 1\n")).hasMessage("row 2: x '3d' is not a number");
    }

    @Test
    void should_refuse_non_finite_values() {
        assertThatThrownBy(() -> xy("1 2\n2 NaN\n")).hasMessage("row 2: y is 'NaN', not a finite number");
        assertThatThrownBy(() -> xy("1 2\n-Infinity 3\n")).hasMessage("row 2: x is '-Infinity', not a finite number");
        assertThatThrownBy(() -> xy("inf 2\n1 3\n")).hasMessage("row 1: x is 'inf', not a finite number");
        assertThatThrownBy(() -> xy("1 2\n2 1e400\n"))
                .hasMessage("row 2: y '1e400' is out of range (not a finite double)");
    }

    @Test
    void should_refuse_unequal_columns_and_too_few_points() {
        assertThatThrownBy(() -> xy("1 2\n3\n")).hasMessage("row 2: expected 2 columns (x and y), found 1: '3'");
        assertThatThrownBy(() -> xy("1 2 3\n4 5 6\n")).hasMessageStartingWith("row 1: expected 2 columns");
        assertThatThrownBy(() -> csv("1,2\n3,,4\n")).hasMessageStartingWith("row 2: expected 2 columns");
        assertThatThrownBy(() -> xy("x y\n1 2\n"))
                .hasMessage("fewer than 2 data rows (1): a series needs at least 2 points");
        assertThatThrownBy(() -> xy("")).hasMessageContaining("fewer than 2 data rows (0)");
        assertThatThrownBy(() -> xy("title\n".repeat(XyFileParser.MAX_HEADER_LINES + 1)))
                .hasMessageContaining("no data in the first 1000 lines");
    }

    @Test
    void should_write_the_hubs_series_json() {
        XySeries s = xy("28.3 120\n28.35 410\n");
        String json = new String(XyFileParser.seriesJson(s, "abc123", MODIFIED, "deg", "{counts}"),
                StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"id\":\"abc123\",\"time\":\"2026-11-21T09:30:00Z\","
                + "\"x\":{\"unit\":\"deg\",\"values\":[28.3,28.35]},"
                + "\"y\":{\"unit\":\"{counts}\",\"values\":[120.0,410.0]}}");
        String dimensionless = new String(XyFileParser.seriesJson(s, "abc123", MODIFIED, "deg", null),
                StandardCharsets.UTF_8);
        assertThat(dimensionless).contains("\"y\":{\"values\":[120.0,410.0]}");
        assertThatThrownBy(() -> XyFileParser.seriesJson(s, " ", MODIFIED, "deg", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_give_json_the_hubs_normalizer_stores_with_the_file_hash_as_id_and_its_time() throws Exception {
        byte[] file = "2Theta Intensity\n28.30 120\n28.45 3100\n28.50 480\n".getBytes(StandardCharsets.UTF_8);
        DownloadedResult download = new DownloadedResult("scan-007.xy", MODIFIED, file);
        byte[] json = XyFileParser.seriesJson(XyFileParser.parse(download.name(), file), download.contentId(),
                download.modified(), "deg", "{counts}");

        IngestMessage message = new MeasurementNormalizer(1 << 20).normalize("ssh:xrd-1:/results/scan-007.xy",
                "xrd-1:/results/scan-007.xy", "xrd-1", "pattern", "application/json", json, Instant.now());

        assertThat(message.messageId()).isEqualTo(MeasurementNormalizer.contentId(file)).hasSize(64);
        List<Measurement> measurements = message.measurements();
        assertThat(measurements).hasSize(1);
        Measurement.Series series = measurements.get(0).series();
        assertThat(measurements.get(0).timestamp()).isEqualTo(MODIFIED);
        // 1 deg = pi/180 rad exactly (SI Brochure, 9th ed., Table 8)
        assertThat(series.xUnit()).isEqualTo("rad");
        assertThat(series.x()[1]).isCloseTo(28.45 * Math.PI / 180, within(1e-12));
        assertThat(series.y()).containsExactly(120, 3100, 480);
    }
}
