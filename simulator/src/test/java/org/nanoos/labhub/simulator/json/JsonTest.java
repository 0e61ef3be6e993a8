package org.nanoos.labhub.simulator.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JSON reading (RFC 8259) of experiment parameters and commands, and writing of replies. */
class JsonTest {

    @Test
    void should_read_numbers_as_long_or_double_in_document_order() {
        Map<String, Object> parameters = Json.parseObject("{\"setpointK\": 500, \"rampKPerS\": 2.5,"
                + " \"big\": 1e3, \"negative\": -0.125, \"huge\": 123456789012345678901234}");

        assertThat(parameters).containsExactly(Map.entry("setpointK", 500L), Map.entry("rampKPerS", 2.5),
                Map.entry("big", 1000.0), Map.entry("negative", -0.125), Map.entry("huge", 1.2345678901234568e23));
    }

    @Test
    void should_read_strings_with_escapes_booleans_nulls_arrays_and_nested_objects() {
        Map<String, Object> parameters = Json.parseObject(
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
        assertThat(Json.parseObject(null)).isEmpty();
        assertThat(Json.parseObject("  ")).isEmpty();
        assertThat(Json.parseObject("{}")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "500", "{\"a\": 1,}", "{\"a\" 1}", "{\"a\": 01}", "{\"a\": 1} x",
            "{\"a\": tru}", "{\"a\": \"open", "{\"a\": 1, \"a\": 2}", "{a: 1}", "{\"a\": 1.}", "{\"a\": -}",
            "{\"a\": \"\\x\"}", "{\"a\": [1 2]}"})
    void should_reject_text_that_is_not_one_json_object(String text) {
        assertThatThrownBy(() -> Json.parseObject(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad JSON at offset");
    }

    @Test
    void should_refuse_deeply_nested_input() {
        String deep = "{\"a\": " + "[".repeat(100) + "]".repeat(100) + "}";

        assertThatThrownBy(() -> Json.parseObject(deep)).hasMessageContaining("nested deeper");
    }

    @Test
    void should_write_objects_in_order_with_escapes_instants_and_non_finite_numbers_as_null() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("run", "r-1 \"quoted\"\n");
        value.put("accepted", true);
        value.put("progress", 0.25);
        value.put("cycles", 3);
        value.put("whole", 2.0);
        value.put("nan", Double.NaN);
        value.put("time", Instant.parse("2026-01-02T03:04:05.678912Z"));
        value.put("nothing", null);
        value.put("list", Arrays.asList(1L, "a", null));

        String json = Json.write(value);

        assertThat(json).isEqualTo("{\"run\":\"r-1 \\\"quoted\\\"\\n\",\"accepted\":true,\"progress\":0.25,"
                + "\"cycles\":3,\"whole\":2,\"nan\":null,\"time\":\"2026-01-02T03:04:05.678912Z\",\"nothing\":null,"
                + "\"list\":[1,\"a\",null]}");
        assertThat(Json.parseObject(json)).containsEntry("run", "r-1 \"quoted\"\n").containsEntry("whole", 2L);
    }

    @Test
    void should_refuse_to_write_what_json_has_no_form_for() {
        assertThatThrownBy(() -> Json.write(Map.of("x", new Object()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
    }
}
