package org.nanoos.labhub.processors.normalize;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each way a payload can be bad, and the words its dead letter's reason must contain. */
class RejectedPayloadTest {

    private static final Instant RECEIVED_AT = Instant.parse("2026-11-21T10:20:00Z");
    private static final String TOPIC = "lab/cvd-1/chamber/temperature";

    private final MeasurementNormalizer normalizer = new MeasurementNormalizer(1024);

    private AbstractThrowableAssert<?, ? extends Throwable> rejecting(String quantityPath, String contentType,
            byte[] raw) {
        return assertThatThrownBy(() -> normalizer.normalize("mqtt:" + TOPIC, TOPIC, "cvd-1", quantityPath,
                contentType, raw, RECEIVED_AT)).isInstanceOf(InvalidMeasurementException.class);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> rejecting(String json) {
        return rejecting("chamber.temperature", null, json.getBytes(StandardCharsets.UTF_8));
    }

    private AbstractThrowableAssert<?, ? extends Throwable> rejectingSenml(String json) {
        return rejecting("chamber", "application/senml+json", json.getBytes(StandardCharsets.UTF_8));
    }

    // --- the bytes

    @Test
    void should_reject_a_payload_over_the_size_limit_before_parsing_it() {
        byte[] raw = ("{\"value\":1,\"unit\":\"K\",\"pad\":\"" + "x".repeat(1000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        rejecting("chamber.temperature", null, raw)
                .hasMessage("payload of " + raw.length + " bytes exceeds the limit of 1024 bytes");
        rejecting("chamber.temperature", null, new byte[1025]).hasMessage("payload of 1025 bytes exceeds the limit of 1024 bytes");
    }

    @Test
    void should_reject_invalid_utf8_naming_the_offset() {
        byte[] raw = {'{', '"', 'v', '"', ':', (byte) 0xC3, (byte) 0x28, '}'};

        rejecting("chamber.temperature", null, raw).hasMessageContaining("not valid UTF-8").hasMessageContaining("offset 5");
    }

    @Test
    void should_reject_overlong_utf8_encodings() {
        byte[] raw = {'{', '"', 'v', '"', ':', '1', ',', '"', 'n', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};

        rejecting("chamber.temperature", null, raw).hasMessageContaining("not valid UTF-8");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "temperature is 400 C",
            "{\"value\":1",
            "{\"value\":1} {\"value\":2}",
            "{\"value\":NaN}",
            "''"
    })
    void should_reject_what_is_not_json(String payload) {
        rejecting(payload).hasMessageStartingWith("payload is not JSON");
    }

    @Test
    void should_reject_duplicate_keys_rather_than_pick_one() {
        rejecting("{\"value\":1,\"value\":2}").hasMessageContaining("not JSON").hasMessageContaining("value");
    }

    // --- the shape

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"id\":\"b1\",\"value\":\"hot\",\"unit\":\"Cel\"}     | \"value\" must be a JSON number, not a string",
            "{\"value\":1,\"unit\":5}                                | \"unit\" must be a UCUM code string",
            "{\"value\":1,\"time\":true}                             | \"time\" must be an ISO-8601 string or epoch seconds",
            "{\"value\":1,\"id\":42}                                 | \"id\" must be a string",
            "{\"value\":1,\"run\":7}                                 | \"run\" must be a UUID string",
            "{\"value\":1,\"x\":{\"values\":[1]},\"y\":{\"values\":[1]}} | either \"value\" or \"x\" and \"y\"",
            "{\"x\":{\"values\":[1]}}                                | needs both \"x\" and \"y\"",
            "{\"x\":[1,2],\"y\":{\"values\":[1,2]}}                  | \"x\" must be an object",
            "{\"x\":{\"values\":[1,\"2\"]},\"y\":{\"values\":[1,2]}}  | \"x.values\"[1] must be a number",
            "42                                                      | expected a JSON object or an array of objects",
            "[{\"value\":1},7]                                       | record 1: wrong shape",
            "{\"unit\":\"K\"}                                        | missing value"
    })
    void should_reject_the_wrong_shape_saying_what_is_wrong(String payload, String reason) {
        rejecting(payload).hasMessageContaining("wrong shape").hasMessageContaining(reason);
    }

    @Test
    void should_reject_unknown_keys_naming_the_key() {
        rejecting("{\"value\":1,\"unit\":\"K\",\"quantity\":\"chamber.temperature\"}")
                .hasMessageContaining("unknown key \"quantity\"");
        rejecting("{\"x\":{\"unit\":\"deg\",\"value\":[1]},\"y\":{\"values\":[1]}}")
                .hasMessageContaining("unknown key \"value\" in \"x\"");
        rejecting("{\"valeu\":1}").hasMessageContaining("unknown key \"valeu\"");
    }

    @Test
    void should_reject_an_unknown_unit_naming_it() {
        rejecting("{\"id\":\"b2\",\"value\":1,\"unit\":\"furlongs\"}").hasMessageContaining("unknown unit 'furlongs'");
        rejecting("{\"x\":{\"unit\":\"kelvinz\",\"values\":[1]},\"y\":{\"values\":[1]}}")
                .hasMessageContaining("unknown unit 'kelvinz'");
    }

    // --- the values

    @Test
    void should_reject_values_that_are_not_finite_after_parsing_or_conversion() {
        rejecting("{\"id\":\"b3\",\"value\":1e400,\"unit\":\"K\"}").hasMessageContaining("value is not a finite number");
        rejecting("{\"value\":1e308,\"unit\":\"km\"}").hasMessageContaining("not a finite number in m");
        rejecting("{\"x\":{\"values\":[1,2e400]},\"y\":{\"values\":[1,2]}}")
                .hasMessageContaining("x value at index 1 is not a finite number");
    }

    @Test
    void should_reject_temperatures_below_absolute_zero() {
        rejecting("{\"id\":\"b4\",\"value\":-5,\"unit\":\"K\"}").hasMessageContaining("-5 K is below absolute zero");
        rejecting("{\"value\":-300,\"unit\":\"Cel\"}")
                .hasMessageContaining("-26.85")
                .hasMessageContaining("K is below absolute zero (-300 Cel)");
        rejecting("{\"x\":{\"values\":[1,2]},\"y\":{\"unit\":\"K\",\"values\":[300,-1]}}")
                .hasMessageContaining("y value at index 1: -1 K is below absolute zero");
    }

    @Test
    void should_reject_series_whose_axes_differ_in_length_or_are_empty() {
        rejecting("{\"x\":{\"unit\":\"deg\",\"values\":[1,2,3]},\"y\":{\"values\":[1,2]}}")
                .hasMessageContaining("x and y differ in length: 3 vs 2");
        rejecting("{\"x\":{\"values\":[]},\"y\":{\"values\":[]}}").hasMessageContaining("\"x.values\" is empty");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"value\":1,\"time\":\"yesterday\"}",
            "{\"value\":1,\"time\":\"2026-11-21T10:15:30\"}",
            "{\"value\":1,\"time\":\"2026-02-30T10:15:30Z\"}",
            "{\"value\":1,\"time\":1e300}"
    })
    void should_reject_unparseable_times(String payload) {
        rejecting(payload).hasMessageContaining("unparseable time");
    }

    @Test
    void should_reject_bad_run_quality_and_id() {
        rejecting("{\"value\":1,\"run\":\"1-1-1-1-1\"}").hasMessageContaining("run '1-1-1-1-1' is not a UUID");
        rejecting("{\"value\":1,\"quality\":\"good\"}").hasMessageContaining("\"quality\" must be one of GOOD, UNCERTAIN, BAD");
        rejecting("{\"value\":1,\"id\":\"  \"}").hasMessageContaining("\"id\" is blank");
        rejecting("{\"value\":1,\"id\":\"" + "i".repeat(201) + "\"}").hasMessageContaining("longer than 200 characters");
    }

    // --- arrays and packs

    @Test
    void should_reject_an_empty_array_or_pack() {
        rejecting("[]").hasMessageContaining("empty");
        rejectingSenml("[]").hasMessageContaining("empty SenML pack");
    }

    @Test
    void should_reject_the_whole_array_and_name_the_bad_record() {
        rejecting("[{\"value\":1,\"unit\":\"K\"},{\"value\":2,\"unit\":\"K\"},{\"value\":-3,\"unit\":\"K\"}]")
                .hasMessageStartingWith("record 2: ")
                .hasMessageContaining("below absolute zero");
        rejecting("[{\"id\":\"a\",\"value\":1},{\"id\":\"b\",\"value\":2}]")
                .hasMessageContaining("record 1: id 'b' differs from 'a' of record 0");
    }

    @Test
    void should_reject_hub_json_on_a_topic_without_quantity() {
        rejecting("", null, "{\"value\":1}".getBytes(StandardCharsets.UTF_8)).hasMessageContaining("names no quantity");
    }

    @Test
    void should_reject_senml_string_and_data_values() {
        rejectingSenml("[{\"n\":\"a\",\"v\":1},{\"n\":\"label\",\"vs\":\"hello\"}]")
                .hasMessageContaining("record 1: SenML string/data values are not measurements");
        rejectingSenml("[{\"n\":\"blob\",\"vd\":\"aGVsbG8\"}]")
                .hasMessageContaining("SenML string/data values are not measurements");
    }

    @Test
    void should_reject_senml_newer_than_version_10() {
        rejectingSenml("[{\"bver\":11,\"n\":\"a\",\"v\":1}]").hasMessageContaining("SenML version 11 is newer than 10");
    }

    @Test
    void should_reject_senml_records_without_a_single_value() {
        rejectingSenml("[{\"n\":\"a\",\"v\":1},{\"n\":\"b\",\"u\":\"K\"}]").hasMessageContaining("record 1: wrong shape: missing value");
        rejectingSenml("[{\"n\":\"a\",\"v\":1,\"s\":2}]").hasMessageContaining("one of \"v\", \"vb\" or \"s\"");
    }

    @Test
    void should_reject_senml_with_wrong_types() {
        rejectingSenml("[{\"n\":\"a\",\"v\":\"1\"}]").hasMessageContaining("\"v\" must be a number");
        rejectingSenml("[{\"n\":\"a\",\"vb\":1}]").hasMessageContaining("\"vb\" must be true or false");
        rejectingSenml("[{\"bn\":7,\"v\":1}]").hasMessageContaining("\"bn\" must be a string");
        rejectingSenml("[{\"n\":\"a\",\"v\":1,\"t\":\"now\"}]").hasMessageContaining("\"t\" must be a number");
        rejectingSenml("{\"n\":\"a\",\"v\":1}").hasMessageContaining("a SenML pack is a JSON array");
    }

    @Test
    void should_reject_senml_names_with_characters_outside_the_quantity_alphabet() {
        rejectingSenml("[{\"n\":\"chamber temperature\",\"v\":1}]").hasMessageContaining("has a character outside");
    }

    @Test
    void should_reject_senml_without_name_on_a_topic_without_quantity() {
        rejecting("", "application/senml+json", "[{\"v\":1}]".getBytes(StandardCharsets.UTF_8))
                .hasMessageContaining("no quantity");
    }

    @Test
    void should_reject_senml_labels_that_must_be_understood() {
        rejectingSenml("[{\"n\":\"a\",\"v\":1,\"ext_\":true}]").hasMessageContaining("\"ext_\" must be understood");
    }

    @Test
    void should_reject_senml_in_encodings_other_than_json() {
        rejecting("chamber", "application/senml+cbor", new byte[] {(byte) 0x81, (byte) 0xA1, 0x02, 0x01})
                .hasMessageContaining("is not supported");
    }

    @Test
    void should_reject_non_finite_and_unconvertible_senml_values() {
        rejectingSenml("[{\"n\":\"a\",\"v\":1e400}]").hasMessageContaining("not a finite number");
        rejectingSenml("[{\"n\":\"a\",\"u\":\"%RH\",\"v\":40}]").hasMessageContaining("unknown unit '%RH'");
        rejectingSenml("[{\"n\":\"a\",\"bu\":\"Cel\",\"v\":-300}]").hasMessageContaining("below absolute zero");
    }
}
