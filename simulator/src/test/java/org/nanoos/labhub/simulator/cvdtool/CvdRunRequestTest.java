package org.nanoos.labhub.simulator.cvdtool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.simulator.cvd.CvdRecipe;
import org.nanoos.labhub.simulator.json.Json;

class CvdRunRequestTest {

    private static final CvdRunRequest DEFAULTS = new CvdRunRequest(CvdRecipe.polysilicon620(), 60.0);

    @Test
    void should_take_the_default_recipe_for_what_is_left_out() {
        CvdRunRequest request = CvdRunRequest.parse(Map.of(), DEFAULTS);

        assertThat(request.recipe()).usingRecursiveComparison().ignoringFields("name")
                .isEqualTo(CvdRecipe.polysilicon620());
        assertThat(request.speedUp()).isEqualTo(60.0);
    }

    @Test
    void should_read_recipe_names_and_their_short_synonyms() {
        CvdRunRequest byRecipeNames = CvdRunRequest.parse(Json.parseObject("""
                {"setpointTemperatureK": 903.15, "pressurePa": 30, "precursorFlowSccm": 40, "carrierFlowSccm": 10,
                 "depositionDurationS": 300, "rampRateKPerS": 1.5, "speedUp": 120}"""), DEFAULTS);
        CvdRunRequest byShortNames = CvdRunRequest.parse(Json.parseObject("""
                {"temperatureC": 630, "pressurePa": 30, "silaneSccm": 40, "nitrogenSccm": 10, "durationS": 300,
                 "rampRateKPerS": 1.5, "speedUp": 120}"""), DEFAULTS);

        for (CvdRunRequest request : new CvdRunRequest[] {byRecipeNames, byShortNames}) {
            CvdRecipe recipe = request.recipe();
            // 630 °C = 903.15 K
            assertThat(recipe.setpointTemperatureK()).isCloseTo(903.15, within(1e-9));
            assertThat(recipe.pressurePa()).isEqualTo(30.0);
            assertThat(recipe.precursorFlowSccm()).isEqualTo(40.0);
            assertThat(recipe.carrierFlowSccm()).isEqualTo(10.0);
            assertThat(recipe.depositionDurationS()).isEqualTo(300.0);
            assertThat(recipe.rampRateKPerS()).isEqualTo(1.5);
            assertThat(recipe.waferRadiusMm()).isEqualTo(100.0);
            assertThat(recipe.name()).isEqualTo("poly-Si 630.0 C");
            assertThat(request.speedUp()).isEqualTo(120.0);
        }
        assertThat(byShortNames.asParameters()).containsEntry("precursorFlowSccm", 40.0)
                .containsEntry("speedUp", 120.0).doesNotContainKey("silaneSccm");
    }

    @Test
    void should_name_the_parameter_that_is_unknown_out_of_range_given_twice_or_not_a_number() {
        assertRefused("{\"temperature\": 600}", "unknown parameter 'temperature'");
        assertRefused("{\"temperatureC\": 1500}", "'temperatureC' must be between 500 and 800 °C, was 1500");
        assertRefused("{\"setpointTemperatureK\": 300}", "'setpointTemperatureK' must be between 773.15 and 1073.15 K");
        assertRefused("{\"pressurePa\": -5}", "'pressurePa' must be between 5 and 1000 Pa, was -5");
        assertRefused("{\"silaneSccm\": 0}", "'silaneSccm'");
        assertRefused("{\"nitrogenSccm\": 5000}", "'nitrogenSccm'");
        assertRefused("{\"durationS\": \"long\"}", "'durationS' must be a number, was \"long\"");
        assertRefused("{\"speedUp\": 0}", "'speedUp'");
        assertRefused("{\"rampRateKPerS\": 100}", "'rampRateKPerS'");
        assertRefused("{\"temperatureC\": 600, \"setpointTemperatureK\": 873.15}",
                "'temperatureC' and 'setpointTemperatureK'");
        assertRefused("{\"silaneSccm\": 40, \"precursorFlowSccm\": 40}", "'silaneSccm' and 'precursorFlowSccm'");
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> CvdRunRequest.parse(Json.parseObject(json), DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
