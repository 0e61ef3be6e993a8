package org.nanoos.labhub.connectors.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.processors.normalize.InvalidMeasurementException;

/** How an OPC UA DataValue is written down before it is normalized and stored. */
class OpcUaNormalizeProcessorTest {

    private static final Instant T = Instant.parse("2026-11-21T10:00:00.1234567Z");
    private static final Instant RECEIVED = Instant.parse("2026-11-21T10:00:01Z");

    private static String json(DataValue v, String unit) throws InvalidMeasurementException {
        return new String(OpcUaNormalizeProcessor.hubJson(v, unit, RECEIVED), StandardCharsets.UTF_8);
    }

    @Test
    void should_use_the_source_timestamp_as_time_and_message_id() throws Exception {
        DateTime source = new DateTime(T);
        DataValue v = new DataValue(new Variant(412.5), StatusCode.GOOD, source, new DateTime(RECEIVED));
        assertThat(json(v, "K")).isEqualTo("{\"id\":\"" + source.getUtcTime() + "\",\"time\":\""
                + source.getJavaInstant() + "\",\"value\":412.5,\"unit\":\"K\",\"quality\":\"GOOD\"}");
    }

    @Test
    void should_map_uncertain_and_bad_status_codes_to_the_hubs_quality() {
        assertThat(OpcUaNormalizeProcessor.quality(StatusCode.GOOD)).isEqualTo("GOOD");
        assertThat(OpcUaNormalizeProcessor.quality(new StatusCode(StatusCodes.Uncertain_LastUsableValue)))
                .isEqualTo("UNCERTAIN");
        assertThat(OpcUaNormalizeProcessor.quality(new StatusCode(StatusCodes.Bad_SensorFailure))).isEqualTo("BAD");
    }

    @Test
    void should_store_booleans_as_one_and_zero_and_integers_exactly() throws Exception {
        assertThat(json(new DataValue(new Variant(true), StatusCode.GOOD, new DateTime(T)), ""))
                .contains("\"value\":1,");
        assertThat(json(new DataValue(new Variant(9_007_199_254_740_993L), StatusCode.GOOD, new DateTime(T)), ""))
                .contains("\"value\":9007199254740993");
    }

    @Test
    void should_fall_back_to_the_time_received_when_the_value_has_no_timestamps() throws Exception {
        assertThat(json(new DataValue(new Variant(1.0), StatusCode.GOOD, null, null), "")).doesNotContain("\"id\"")
                .contains("\"time\":\"" + RECEIVED + "\"");
    }

    @Test
    void should_refuse_arrays_and_text_with_the_reason() {
        assertThatThrownBy(() -> json(new DataValue(new Variant(new Double[] {1.0, 2.0}), StatusCode.GOOD,
                new DateTime(T)), "")).isInstanceOf(InvalidMeasurementException.class).hasMessageContaining("Double[]");
        assertThatThrownBy(() -> json(new DataValue(new Variant("RUNNING"), StatusCode.GOOD, new DateTime(T)), ""))
                .isInstanceOf(InvalidMeasurementException.class).hasMessageContaining("String");
    }
}
