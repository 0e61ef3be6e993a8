package org.nanoos.labhub.simulator.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** StartExperiment's JSON parameters (RFC 8259). */
class ParametersJsonTest {

    @Test
    void should_read_numbers_as_long_or_double_in_document_order() {
        Map<String, Object> parameters = ParametersJson.parseObject("{\"setpointK\": 500, \"rampKPerS\": 2.5,"
                + " \"big\": 1e3, \"negative\": -0.125, \"huge\": 123456789012345678901234}");

        assertThat(parameters).containsExactly(Map.entry("setpointK", 500L), Map.entry("rampKPerS", 2.5),
                Map.entry("big", 1000.0), Map.entry("negative", -0.125), Map.entry("huge", 1.2345678901234568e23));
    }

    @Test
    void should_read_strings_with_escapes_booleans_nulls_arrays_and_nested_objects() {
        Map<String, Object> parameters = ParametersJson.parseObject(
                "{ \"sample\" : \"Si(111) \\\"wafer\\\"\\n\\u00b0C\", \"dry\": true, \"note\": null,"
                        + " \"range\": [10, 80.5], \"scan\": {\"step\": 0.02, \"axes\": []} }");

        assertThat(parameters.get("sample")).isEqualTo("Si(111) \"wafer\"\n°C");
        assertThat(parameters.get("dry")).isEqualTo(true);
        assertThat(parameters).containsEntry("note", null);
        assertThat(parameters.get("range")).isEqualTo(List.of(10L, 80.5));
        assertThat(parameters.get("scan")).isEqualTo(Map.of("step", 0.02, "axes", List.of()));
    }

    @Test
    void should_read_blank_or_null_as_the_empty_object() {
        assertThat(ParametersJson.parseObject(null)).isEmpty();
        assertThat(ParametersJson.parseObject("  ")).isEmpty();
        assertThat(ParametersJson.parseObject("{}")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "500", "{\"a\": 1,}", "{\"a\" 1}", "{\"a\": 01}", "{\"a\": 1} x",
            "{\"a\": tru}", "{\"a\": \"open", "{\"a\": 1, \"a\": 2}", "{a: 1}", "{\"a\": 1.}", "{\"a\": -}",
            "{\"a\": \"\\x\"}", "{\"a\": [1 2]}"})
    void should_reject_text_that_is_not_one_json_object(String text) {
        assertThatThrownBy(() -> ParametersJson.parseObject(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad JSON at offset");
    }

    @Test
    void should_refuse_deeply_nested_input() {
        String deep = "{\"a\": " + "[".repeat(100) + "]".repeat(100) + "}";

        assertThatThrownBy(() -> ParametersJson.parseObject(deep)).hasMessageContaining("nested deeper");
    }
}
