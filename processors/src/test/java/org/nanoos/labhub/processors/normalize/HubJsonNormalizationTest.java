package org.nanoos.labhub.processors.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.nanoos.labhub.processors.model.IngestMessage;
import org.nanoos.labhub.processors.model.Measurement;

class HubJsonNormalizationTest {

    private static final Instant RECEIVED_AT = Instant.parse("2026-11-21T10:20:00Z");
    private static final String TOPIC = "lab/cvd-1/chamber/temperature";

    private final MeasurementNormalizer normalizer = new MeasurementNormalizer(64 * 1024);

    private IngestMessage normalize(String quantityPath, String json) throws InvalidMeasurementException {
        return normalizer.normalize("mqtt:" + TOPIC, TOPIC, "cvd-1", quantityPath, "application/json",
                json.getBytes(StandardCharsets.UTF_8), RECEIVED_AT);
    }

    @Test
    void should_convert_a_scalar_to_si_and_its_offset_time_to_utc() throws Exception {
        String run = "0b6f6a3e-8d1c-4f51-9a59-2c1f3e4d5a6b";
        IngestMessage message = normalize("chamber.temperature", """
                {"id":"t-42","time":"2026-11-21T12:15:30.123+02:00","value":812.5,"unit":"Cel",
                 "quality":"UNCERTAIN","run":"%s"}""".formatted(run));

        assertThat(message.messageId()).isEqualTo("t-42");
        assertThat(message.source()).isEqualTo("mqtt:" + TOPIC);
        assertThat(message.instrumentId()).isEqualTo("cvd-1");
        assertThat(message.receivedAt()).isEqualTo(RECEIVED_AT);
        assertThat(message.measurements()).singleElement().satisfies(m -> {
            assertThat(m.source()).isEqualTo("mqtt:" + TOPIC);
            assertThat(m.messageId()).isEqualTo("t-42");
            assertThat(m.recordIndex()).isZero();
            assertThat(m.instrumentId()).isEqualTo("cvd-1");
            assertThat(m.experimentRunId()).isEqualTo(UUID.fromString(run));
            assertThat(m.quantity()).isEqualTo("chamber.temperature");
            assertThat(m.timestamp()).isEqualTo(Instant.parse("2026-11-21T10:15:30.123Z"));
            // 812.5 °C = 1085.65 K (T/K = t/°C + 273.15, SI Brochure 9th ed. §2.3.1)
            assertThat(m.value()).isCloseTo(1085.65, within(1e-9));
            assertThat(m.unit()).isEqualTo("K");
            assertThat(m.originalValue()).isEqualTo(812.5);
            assertThat(m.originalUnit()).isEqualTo("Cel");
            assertThat(m.series()).isNull();
            assertThat(m.quality()).isEqualTo("UNCERTAIN");
            assertThat(m.sourceAddress()).isEqualTo(TOPIC);
        });
    }

    @Test
    void should_default_to_reception_time_good_quality_and_dimensionless_when_fields_are_absent() throws Exception {
        Measurement m = normalize("chamber.count", "{\"value\":3}").measurements().get(0);

        assertThat(m.timestamp()).isEqualTo(RECEIVED_AT);
        assertThat(m.quality()).isEqualTo("GOOD");
        assertThat(m.value()).isEqualTo(3.0);
        assertThat(m.unit()).isEqualTo("1");
        assertThat(m.originalUnit()).isNull();
        assertThat(m.experimentRunId()).isNull();
    }

    @Test
    void should_read_epoch_seconds_with_fraction_as_time() throws Exception {
        Measurement quarter = normalize("p", "{\"time\":1795000000.25,\"value\":1,\"unit\":\"mbar\"}")
                .measurements().get(0);
        Measurement millis = normalize("p", "{\"time\":1795000000.123,\"value\":1,\"unit\":\"mbar\"}")
                .measurements().get(0);

        assertThat(quarter.timestamp()).isEqualTo(Instant.ofEpochSecond(1_795_000_000L, 250_000_000L));
        assertThat(millis.timestamp()).isEqualTo(Instant.ofEpochSecond(1_795_000_000L, 123_000_000L));
        assertThat(quarter.value()).isCloseTo(100.0, within(1e-12)); // 1 mbar = 100 Pa
        assertThat(quarter.unit()).isEqualTo("Pa");
    }

    @Test
    void should_convert_both_axes_of_a_series_to_si() throws Exception {
        IngestMessage message = normalize("xrd.pattern", """
                {"id":"scan-7","time":"2026-11-21T10:15:30Z",
                 "x":{"unit":"deg","values":[20.0,20.02,90.0]},
                 "y":{"unit":"{counts}","values":[110,135,121]}}""");

        Measurement m = message.measurements().get(0);
        assertThat(m.isSeries()).isTrue();
        assertThat(m.value()).isNull();
        assertThat(m.unit()).isNull();
        assertThat(m.originalValue()).isNull();
        assertThat(m.originalUnit()).isNull();
        assertThat(m.quantity()).isEqualTo("xrd.pattern");
        Measurement.Series series = m.series();
        assertThat(series.xUnit()).isEqualTo("rad");
        assertThat(series.xOriginalUnit()).isEqualTo("deg");
        assertThat(series.x()).containsExactly(new double[] {Math.toRadians(20.0), Math.toRadians(20.02), Math.PI / 2},
                within(1e-15));
        assertThat(series.yUnit()).isEqualTo("1");
        assertThat(series.yOriginalUnit()).isEqualTo("{counts}");
        assertThat(series.y()).containsExactly(110.0, 135.0, 121.0);
    }

    @Test
    void should_number_the_readings_of_an_array_by_position_under_one_message_id() throws Exception {
        String json = """
                [{"time":"2026-11-21T10:00:00Z","value":1.0,"unit":"kPa"},
                 {"time":"2026-11-21T10:00:01Z","value":2.0,"unit":"kPa"},
                 {"time":"2026-11-21T10:00:02Z","value":3.0,"unit":"kPa","quality":"BAD"}]""";

        IngestMessage message = normalize("chamber.pressure", json);

        assertThat(message.measurements()).extracting(Measurement::recordIndex).containsExactly(0, 1, 2);
        assertThat(message.measurements()).extracting(Measurement::value).containsExactly(1000.0, 2000.0, 3000.0);
        assertThat(message.measurements()).extracting(Measurement::quality).containsExactly("GOOD", "GOOD", "BAD");
        assertThat(message.measurements()).extracting(Measurement::messageId).containsOnly(message.messageId());
        assertThat(message.messageId())
                .isEqualTo(MeasurementNormalizer.contentId(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void should_take_the_message_id_an_array_of_readings_shares() throws Exception {
        IngestMessage message = normalize("p", "[{\"id\":\"batch-1\",\"value\":1},{\"value\":2},{\"id\":\"batch-1\",\"value\":3}]");

        assertThat(message.messageId()).isEqualTo("batch-1");
        assertThat(message.measurements()).extracting(Measurement::messageId).containsOnly("batch-1");
    }

    @Test
    void should_use_the_payload_id_as_message_id_when_present() throws Exception {
        assertThat(normalize("p", "{\"id\":\"reading-0001\",\"value\":1}").messageId()).isEqualTo("reading-0001");
    }

    @Test
    void should_identify_a_payload_without_id_by_the_sha256_of_its_bytes() throws Exception {
        String json = "{\"time\":\"2026-11-21T10:15:30Z\",\"value\":812.5,\"unit\":\"Cel\"}";

        String first = normalize("chamber.temperature", json).messageId();
        String redelivered = normalize("chamber.temperature", json).messageId();
        String other = normalize("chamber.temperature", json.replace("812.5", "812.6")).messageId();

        assertThat(first).isEqualTo(redelivered).matches("[0-9a-f]{64}").isNotEqualTo(other);
        assertThat(first).isEqualTo(MeasurementNormalizer.contentId(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void should_compute_content_id_as_sha256_hex() {
        // SHA-256("abc"), the first example of FIPS 180-2, Appendix B.1
        assertThat(MeasurementNormalizer.contentId("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void should_keep_the_raw_payload_with_the_message() throws Exception {
        byte[] raw = "{\"value\":1,\"unit\":\"K\"}".getBytes(StandardCharsets.UTF_8);

        IngestMessage message = normalizer.normalize("mqtt:" + TOPIC, TOPIC, "cvd-1", "t", null, raw, RECEIVED_AT);

        assertThat(message.raw()).isEqualTo(raw);
    }

    @Test
    void should_ignore_a_utf8_byte_order_mark() throws Exception {
        IngestMessage message = normalize("t", "\uFEFF{\"value\":300,\"unit\":\"K\"}");

        assertThat(message.measurements().get(0).value()).isEqualTo(300.0);
    }
}
