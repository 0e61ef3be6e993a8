package org.nanoos.labhub.connectors.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.processors.normalize.InvalidMeasurementException;

/** Pairing two OPC UA arrays into one series. */
class OpcUaSeriesProcessorTest {

    private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");

    private static DataValue array(Instant time, Object values) {
        return new DataValue(new Variant(values), StatusCode.GOOD, new DateTime(time), new DateTime(time));
    }

    @Test
    void should_pair_arrays_written_together_as_a_series_identified_by_the_y_timestamp() throws Exception {
        // Milo 1.0 hands Double arrays to clients boxed
        DataValue x = array(T, new Double[] {20.0, 20.02, 20.04});
        DataValue y = array(T, new Double[] {110.0, 135.0, 121.0});
        String json = new String(OpcUaSeriesProcessor.seriesJson(x, y, "deg", "{counts}", T.plusSeconds(1)),
                StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"id\":\"" + new DateTime(T).getUtcTime() + "\",\"time\":\"" + T
                + "\",\"x\":{\"unit\":\"deg\",\"values\":[20.0,20.02,20.04]},"
                + "\"y\":{\"unit\":\"{counts}\",\"values\":[110.0,135.0,121.0]},\"quality\":\"GOOD\"}");
    }

    @Test
    void should_accept_a_fixed_x_grid_written_before_the_y_array() throws Exception {
        DataValue x = array(T.minusSeconds(3600), new double[] {1, 2});
        DataValue y = array(T, new double[] {3, 4});
        assertThat(new String(OpcUaSeriesProcessor.seriesJson(x, y, "", "", T), StandardCharsets.UTF_8))
                .contains("\"x\":{\"values\":[1.0,2.0]}");
    }

    @Test
    void should_refuse_an_x_array_from_a_later_scan() {
        DataValue x = array(T.plusSeconds(5), new double[] {1, 2});
        DataValue y = array(T, new double[] {3, 4});
        assertThatThrownBy(() -> OpcUaSeriesProcessor.seriesJson(x, y, "", "", T))
                .isInstanceOf(InvalidMeasurementException.class).hasMessageContaining("different scans");
    }

    @Test
    void should_refuse_a_node_that_holds_no_array_of_numbers() {
        assertThatThrownBy(() -> OpcUaSeriesProcessor.seriesJson(array(T, 3.0), array(T, new double[] {1}), "", "", T))
                .isInstanceOf(InvalidMeasurementException.class).hasMessageContaining("not an array of numbers");
    }
}
