package org.nanoos.labhub.simulator.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HubJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant TIME = Instant.parse("2026-11-21T10:15:30.123456789Z");

    @Test
    void should_write_a_scalar_reading_with_utc_microsecond_time() throws Exception {
        String text = new String(HubJson.scalar("cvd-1-x-1-7", TIME, 620.05, "Cel"), StandardCharsets.UTF_8);

        assertThat(text).isEqualTo(
                "{\"id\":\"cvd-1-x-1-7\",\"time\":\"2026-11-21T10:15:30.123456Z\",\"value\":620.05,\"unit\":\"Cel\"}");
        assertThat(JSON.readTree(text).get("value").isNumber()).isTrue();
    }

    @Test
    void should_write_a_series_reading() throws Exception {
        JsonNode json = JSON.readTree(HubJson.series("p-1", TIME, "mm", new double[] {0, 50, 100}, "nm",
                new double[] {106.5, 106.2, 105.2}));

        assertThat(json.get("x").get("unit").asText()).isEqualTo("mm");
        assertThat(json.get("x").get("values")).hasSize(3);
        assertThat(json.get("y").get("values").get(2).asDouble()).isEqualTo(105.2);
        assertThat(json.get("time").asText()).isEqualTo("2026-11-21T10:15:30.123456Z");
    }

    @Test
    void should_escape_strings_and_keep_non_ascii_valid_utf8() throws Exception {
        JsonNode json = JSON.readTree(HubJson.scalar("a\"b\\c\n", TIME, 1e-7, "µm"));

        assertThat(json.get("id").asText()).isEqualTo("a\"b\\c\n");
        assertThat(json.get("unit").asText()).isEqualTo("µm");
        assertThat(json.get("value").asDouble()).isEqualTo(1e-7);
    }

    @Test
    void should_refuse_numbers_json_cannot_hold() {
        assertThatThrownBy(() -> HubJson.scalar("x", TIME, Double.NaN, "K"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
