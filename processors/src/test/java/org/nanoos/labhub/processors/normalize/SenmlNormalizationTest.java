package org.nanoos.labhub.processors.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.nanoos.labhub.processors.model.IngestMessage;
import org.nanoos.labhub.processors.model.Measurement;

class SenmlNormalizationTest {

    private static final Instant RECEIVED_AT = Instant.parse("2026-11-21T10:20:00Z");
    private static final String SENML_JSON = "application/senml+json";

    private final MeasurementNormalizer normalizer = new MeasurementNormalizer(64 * 1024);

    private IngestMessage normalize(String quantityPath, String contentType, String json)
            throws InvalidMeasurementException {
        String topic = quantityPath.isEmpty() ? "lab/env-1" : "lab/env-1/" + quantityPath.replace('.', '/');
        return normalizer.normalize("mqtt:" + topic, topic, "env-1", quantityPath, contentType,
                json.getBytes(StandardCharsets.UTF_8), RECEIVED_AT);
    }

    @Test
    void should_resolve_base_name_time_and_unit_as_in_the_rfc_8428_multiple_datapoints_example() throws Exception {
        // modelled on RFC 8428 §5.1.2 ("Multiple Datapoints"): the base name prefixes every name, the base time is
        // added to each (negative, relative to the base) time, the base unit applies where a record has no unit
        String pack = """
                [{"bn":"urn:dev:ow:10e2073a0108006:","bt":1.276020076001e+09,"bu":"A","bver":5,
                  "n":"voltage","u":"V","v":120.1},
                 {"n":"current","t":-5,"v":1.2},
                 {"n":"current","t":-4,"v":1.3},
                 {"n":"current","v":1.7}]""";

        IngestMessage message = normalize("", SENML_JSON, pack);

        assertThat(message.messageId()).isEqualTo(MeasurementNormalizer.contentId(pack.getBytes(StandardCharsets.UTF_8)));
        assertThat(message.measurements())
                .extracting(Measurement::recordIndex, Measurement::quantity, Measurement::timestamp,
                        Measurement::value, Measurement::unit, Measurement::originalUnit)
                .containsExactly(
                        tuple(0, "urn.dev.ow.10e2073a0108006.voltage", Instant.parse("2010-06-08T18:01:16.001Z"),
                                120.1, "V", "V"),
                        tuple(1, "urn.dev.ow.10e2073a0108006.current", Instant.parse("2010-06-08T18:01:11.001Z"),
                                1.2, "A", "A"),
                        tuple(2, "urn.dev.ow.10e2073a0108006.current", Instant.parse("2010-06-08T18:01:12.001Z"),
                                1.3, "A", "A"),
                        tuple(3, "urn.dev.ow.10e2073a0108006.current", Instant.parse("2010-06-08T18:01:16.001Z"),
                                1.7, "A", "A"));
        assertThat(message.measurements()).extracting(Measurement::messageId).containsOnly(message.messageId());
        assertThat(message.measurements()).extracting(Measurement::quality).containsOnly("GOOD");
        assertThat(message.measurements()).extracting(Measurement::experimentRunId).containsOnlyNulls();
    }

    @Test
    void should_recognise_senml_by_its_labels_without_a_content_type_and_convert_units() throws Exception {
        IngestMessage message = normalize("", null, """
                [{"bn":"room/","bt":1795000000,"bu":"Cel","n":"temperature","v":21.0},
                 {"n":"humidity","u":"%","v":41.5},
                 {"n":"pressure","u":"Pa","v":101325,"t":1}]""");

        assertThat(message.measurements())
                .extracting(Measurement::quantity, Measurement::timestamp, Measurement::unit, Measurement::originalUnit)
                .containsExactly(
                        tuple("room.temperature", Instant.ofEpochSecond(1_795_000_000L), "K", "Cel"),
                        tuple("room.humidity", Instant.ofEpochSecond(1_795_000_000L), "1", "%"),
                        tuple("room.pressure", Instant.ofEpochSecond(1_795_000_001L), "Pa", "Pa"));
        assertThat(message.measurements().get(0).value()).isCloseTo(294.15, within(1e-9));
        assertThat(message.measurements().get(0).originalValue()).isEqualTo(21.0);
        assertThat(message.measurements().get(1).value()).isCloseTo(0.415, within(1e-12));
    }

    @Test
    void should_let_later_base_fields_replace_earlier_ones() throws Exception {
        IngestMessage message = normalize("", SENML_JSON, """
                [{"bn":"mfc1/","bu":"cm3/min","bt":1795000000,"n":"flow","v":20},
                 {"bn":"mfc2/","n":"flow","v":40},
                 {"bu":"L/min","n":"flow","v":1}]""");

        assertThat(message.measurements())
                .extracting(Measurement::quantity, Measurement::originalUnit, Measurement::unit)
                .containsExactly(tuple("mfc1.flow", "cm3/min", "m3/s"), tuple("mfc2.flow", "cm3/min", "m3/s"),
                        tuple("mfc2.flow", "L/min", "m3/s"));
        // 1 L/min = 1e-3 m³ / 60 s
        assertThat(message.measurements().get(2).value()).isCloseTo(1e-3 / 60, within(1e-18));
    }

    @Test
    void should_add_base_value_to_values_and_base_sum_to_sums() throws Exception {
        IngestMessage message = normalize("meter", SENML_JSON, """
                [{"bn":"energy","bu":"J","bv":1000,"bs":50000,"v":5},
                 {"v":7},
                 {"s":250}]""");

        assertThat(message.measurements())
                .extracting(Measurement::quantity, Measurement::value)
                .containsExactly(tuple("meter.energy", 1005.0), tuple("meter.energy", 1007.0),
                        tuple("meter.energy.sum", 50250.0));
    }

    @Test
    void should_take_times_below_2_to_the_28_as_relative_to_reception() throws Exception {
        // RFC 8428 §4.5.3: a time of 0 (or none) is "roughly now", negative values are seconds in the past
        IngestMessage message = normalize("chamber", SENML_JSON, """
                [{"n":"temperature","u":"K","v":300.0},
                 {"n":"temperature","u":"K","v":301.0,"t":-2.5},
                 {"n":"temperature","u":"K","v":302.0,"bt":10}]""");

        assertThat(message.measurements()).extracting(Measurement::timestamp).containsExactly(
                RECEIVED_AT, RECEIVED_AT.minusMillis(2500), RECEIVED_AT.plusSeconds(10));
    }

    @Test
    void should_read_boolean_values_as_dimensionless_one_or_zero() throws Exception {
        IngestMessage message = normalize("valve", SENML_JSON, """
                [{"bn":"gas/","bu":"Pa","n":"open","vb":true},{"n":"closed","vb":false}]""");

        assertThat(message.measurements())
                .extracting(Measurement::quantity, Measurement::value, Measurement::unit, Measurement::originalUnit)
                .containsExactly(tuple("valve.gas.open", 1.0, "1", null), tuple("valve.gas.closed", 0.0, "1", null));
    }

    @Test
    void should_join_the_topic_quantity_and_a_sanitised_name() throws Exception {
        IngestMessage message = normalize("chamber", SENML_JSON, """
                [{"bn":"/heater::zone-1//","n":"power_set","u":"W","v":250},{"bn":"","v":1,"u":"K"}]""");

        assertThat(message.measurements()).extracting(Measurement::quantity)
                .containsExactly("chamber.heater.zone-1.power_set", "chamber");
    }

    @Test
    void should_ignore_unknown_labels_that_are_not_mandatory_to_understand() throws Exception {
        IngestMessage message = normalize("t", SENML_JSON, "[{\"n\":\"a\",\"v\":1,\"u\":\"K\",\"foo\":\"bar\"}]");

        assertThat(message.measurements()).hasSize(1);
    }
}
