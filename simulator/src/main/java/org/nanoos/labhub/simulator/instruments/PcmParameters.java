package org.nanoos.labhub.simulator.instruments;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nanoos.labhub.simulator.json.Parameters;
import org.nanoos.labhub.simulator.pcm.HeatingRamp;
import org.nanoos.labhub.simulator.pcm.PhaseChangeFilm;

/**
 * One resistance-versus-temperature run of a phase-change film: the film, the temperature programme and how much
 * faster than real time it runs. {@link #parse(Map, PcmParameters)} reads StartExperiment's JSON, e.g.
 * <pre>{@code
 * {"heatingRateKPerMin":10,"maxTemperatureK":523,"contrast":1000,"speedUp":60}
 * }</pre>
 * with the optional {@code startTemperatureK}, {@code coolingRateKPerMin} (0, the default, ends the run at the
 * maximum temperature; otherwise the film cools back to the start temperature), {@code sampleIntervalS} and an
 * integer {@code seed} of the reading noise. {@code contrast} is the film's amorphous/crystalline resistance ratio
 * at 300 K. What the parameters leave out comes from the defaults.
 *
 * @param film    the film under test
 * @param ramp    the temperature programme and sampling
 * @param speedUp simulated seconds per wall-clock second
 * @param seed    seed of the reading noise, or null for a new one every run
 */
public record PcmParameters(PhaseChangeFilm film, HeatingRamp ramp, double speedUp, Long seed) {

    /** Fastest heating or cooling rate, K/min, the range of resistance-ramp heating stages. */
    public static final double MAX_RATE_K_PER_MIN = 100.0;
    /** Most readings a run may have. */
    public static final int MAX_READINGS = 1_000_000;

    private static final Set<String> NAMES = Set.of("heatingRateKPerMin", "maxTemperatureK", "contrast",
            "startTemperatureK", "coolingRateKPerMin", "sampleIntervalS", "speedUp", "seed");

    /** Checks that the parts are there and the speed-up is at least 1. */
    public PcmParameters {
        Objects.requireNonNull(film, "film");
        Objects.requireNonNull(ramp, "ramp");
        if (!(speedUp >= 1) || Double.isInfinite(speedUp)) {
            throw new IllegalArgumentException("speed-up must be at least 1 and finite, was " + speedUp);
        }
    }

    /**
     * A Ge<sub>2</sub>Sb<sub>2</sub>Te<sub>5</sub> film ({@link PhaseChangeFilm#ge2Sb2Te5()}) heated from 300 K to
     * 250 °C at 10 K/min with a reading every second ({@link HeatingRamp#defaults()}, heating only; 22 min), at 60×.
     */
    public static PcmParameters ge2Sb2Te5() {
        return new PcmParameters(PhaseChangeFilm.ge2Sb2Te5(), HeatingRamp.defaults().heatingOnly(), 60.0, null);
    }

    /**
     * Reads StartExperiment parameters; what they leave out comes from {@code defaults}.
     *
     * @throws IllegalArgumentException naming the first parameter that is unknown, missing, of the wrong type or
     *                                  out of range
     */
    public static PcmParameters parse(Map<String, Object> values, PcmParameters defaults) {
        Objects.requireNonNull(defaults, "defaults");
        Parameters p = Parameters.of(values, NAMES, "");
        HeatingRamp base = defaults.ramp();
        double heating = p.number("heatingRateKPerMin", base.heatingRateKPerMin(), 0.01, MAX_RATE_K_PER_MIN,
                "K/min");
        double cooling = p.number("coolingRateKPerMin", base.coolingRateKPerMin(), 0.0, MAX_RATE_K_PER_MIN, "K/min");
        double start = p.number("startTemperatureK", base.startTemperatureK(), 77.0, HeatingRamp.MAX_TEMPERATURE_K,
                "K");
        double max = p.number("maxTemperatureK", base.maxTemperatureK(), 77.0, HeatingRamp.MAX_TEMPERATURE_K, "K");
        if (!(max > start)) {
            throw new IllegalArgumentException("parameter 'maxTemperatureK' (" + max
                    + " K) must be above the start temperature " + start + " K");
        }
        double interval = p.number("sampleIntervalS", base.sampleIntervalS(), 0.01, 600.0, "s");
        double contrast = p.number("contrast", defaults.film().resistanceContrast(), 1.0, 1e6, "");
        if (!(contrast > 1)) {
            throw new IllegalArgumentException("parameter 'contrast' must exceed 1 (the crystalline phase conducts "
                    + "better), was " + contrast);
        }
        HeatingRamp ramp = new HeatingRamp(start, max, heating, cooling, interval, base.resistanceNoiseFraction());
        if (ramp.sampleCount() > MAX_READINGS) {
            throw new IllegalArgumentException("the run would take " + ramp.sampleCount() + " readings, more than "
                    + MAX_READINGS + "; use a larger 'sampleIntervalS'");
        }
        double speedUp = p.number("speedUp", defaults.speedUp(), 1.0, 1e6, "");
        Long seed = p.has("seed") ? p.integer("seed") : defaults.seed();
        return new PcmParameters(defaults.film().withResistanceContrast(contrast), ramp, speedUp, seed);
    }
}
