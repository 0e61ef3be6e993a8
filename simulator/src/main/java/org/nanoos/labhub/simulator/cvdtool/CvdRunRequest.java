package org.nanoos.labhub.simulator.cvdtool;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nanoos.labhub.simulator.cvd.CvdRecipe;
import org.nanoos.labhub.simulator.json.Parameters;

/**
 * One recipe to run on the {@link CommandedCvdReactor}, and how fast, read from the {@code parameters} of a run
 * request. Names and units are those of {@link CvdRecipe}; the shorter names on the right are accepted as well:
 * <pre>
 * setpointTemperatureK  K      773.15 to 1073.15   or temperatureC  °C  500 to 800
 * pressurePa            Pa     5 to 1000
 * precursorFlowSccm     sccm   1 to 500            or silaneSccm
 * carrierFlowSccm       sccm   0 to 1000           or nitrogenSccm
 * depositionDurationS   s      1 to 14400          or durationS
 * rampRateKPerS         K/s    0.1 to 10
 * speedUp               simulated s per wall-clock s, 0.001 to 100000
 * </pre>
 * Every parameter is optional; what is left out comes from the defaults (the default recipe, 620 °C poly-Si). The
 * temperature window is that of LPCVD polysilicon, where the kinetics are calibrated; pressures and flows span
 * low-pressure CVD.
 *
 * @param recipe  the recipe, named {@code poly-Si <T> C}
 * @param speedUp simulated seconds per wall-clock second
 */
public record CvdRunRequest(CvdRecipe recipe, double speedUp) {

    /** Lowest setpoint temperature, °C. */
    public static final double MIN_TEMPERATURE_C = 500.0;
    /** Highest setpoint temperature, °C. */
    public static final double MAX_TEMPERATURE_C = 800.0;
    /** Slowest speed-up. */
    public static final double MIN_SPEED_UP = 0.001;
    /** Fastest speed-up: the default 24-minute run in 15 ms. */
    public static final double MAX_SPEED_UP = 100_000;

    private static final double CELSIUS_ZERO_K = 273.15;
    private static final Set<String> NAMES = Set.of("setpointTemperatureK", "temperatureC", "pressurePa",
            "precursorFlowSccm", "silaneSccm", "carrierFlowSccm", "nitrogenSccm", "depositionDurationS", "durationS",
            "rampRateKPerS", "speedUp");

    /** Checks the parts. */
    public CvdRunRequest {
        Objects.requireNonNull(recipe, "recipe");
        if (!(speedUp > 0) || Double.isInfinite(speedUp)) {
            throw new IllegalArgumentException("speed-up must be positive and finite, was " + speedUp);
        }
    }

    /**
     * Reads a run request's parameters; what they leave out comes from {@code defaults}.
     *
     * @throws IllegalArgumentException naming the first parameter that is unknown, given twice (under both its
     *                                  names), of the wrong type or out of range
     */
    public static CvdRunRequest parse(Map<String, Object> values, CvdRunRequest defaults) {
        Objects.requireNonNull(defaults, "defaults");
        Parameters p = Parameters.of(values, NAMES, "");
        CvdRecipe base = defaults.recipe();
        double temperatureK;
        if (p.has("temperatureC")) {
            exclusive(p, "temperatureC", "setpointTemperatureK");
            temperatureK = p.number("temperatureC", MIN_TEMPERATURE_C, MAX_TEMPERATURE_C, "°C") + CELSIUS_ZERO_K;
        } else {
            temperatureK = p.number("setpointTemperatureK", base.setpointTemperatureK(),
                    MIN_TEMPERATURE_C + CELSIUS_ZERO_K, MAX_TEMPERATURE_C + CELSIUS_ZERO_K, "K");
        }
        double pressure = p.number("pressurePa", base.pressurePa(), 5.0, 1000.0, "Pa");
        double silane = either(p, "precursorFlowSccm", "silaneSccm", base.precursorFlowSccm(), 1.0, 500.0, "sccm");
        double nitrogen = either(p, "carrierFlowSccm", "nitrogenSccm", base.carrierFlowSccm(), 0.0, 1000.0, "sccm");
        double duration = either(p, "depositionDurationS", "durationS", base.depositionDurationS(), 1.0, 14_400.0,
                "s");
        double ramp = p.number("rampRateKPerS", base.rampRateKPerS(), 0.1, 10.0, "K/s");
        double speedUp = p.number("speedUp", defaults.speedUp(), MIN_SPEED_UP, MAX_SPEED_UP, "");
        String name = "poly-Si " + Math.round((temperatureK - CELSIUS_ZERO_K) * 10) / 10.0 + " C";
        return new CvdRunRequest(new CvdRecipe(name, temperatureK, pressure, silane, nitrogen, ramp, duration,
                base.waferRadiusMm()), speedUp);
    }

    /** The parameters under their recipe names, as a run request would give them. */
    public Map<String, Object> asParameters() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("setpointTemperatureK", recipe.setpointTemperatureK());
        map.put("pressurePa", recipe.pressurePa());
        map.put("precursorFlowSccm", recipe.precursorFlowSccm());
        map.put("carrierFlowSccm", recipe.carrierFlowSccm());
        map.put("depositionDurationS", recipe.depositionDurationS());
        map.put("rampRateKPerS", recipe.rampRateKPerS());
        map.put("speedUp", speedUp);
        return map;
    }

    private static double either(Parameters p, String name, String shortName, double fallback, double min,
                                 double max, String unit) {
        exclusive(p, shortName, name);
        return p.has(shortName) ? p.number(shortName, min, max, unit) : p.number(name, fallback, min, max, unit);
    }

    private static void exclusive(Parameters p, String a, String b) {
        if (p.has(a) && p.has(b)) {
            throw new IllegalArgumentException("parameters '" + a + "' and '" + b + "' are the same; give one");
        }
    }
}
