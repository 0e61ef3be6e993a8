package org.nanoos.labhub.simulator.instruments;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nanoos.labhub.simulator.json.Parameters;

/**
 * What one commanded run of the {@link BatteryCyclerMqtt} does, read from the {@code parameters} of a start command,
 * e.g. {@code {"cycles":3,"speedUp":10000,"chargeCRate":1,"dischargeCRate":1}}; what they leave out comes from the
 * cycler's options.
 *
 * @param cycles         charge/discharge cycles of the run, 1 to {@value #MAX_CYCLES}
 * @param speedUp        simulated seconds per wall-clock second
 * @param chargeCRate    charge current as a multiple of the cell's nominal capacity per hour
 * @param dischargeCRate discharge current, likewise
 */
record CyclerRunRequest(int cycles, double speedUp, double chargeCRate, double dischargeCRate) {

    /** Most cycles one run may ask for: five years of C/10 cycling. */
    static final int MAX_CYCLES = 10_000;
    /** Slowest speed-up a run may ask for. */
    static final double MIN_SPEED_UP = 0.001;
    /** Fastest speed-up a run may ask for; beyond it one tick would publish hundreds of thousands of readings. */
    static final double MAX_SPEED_UP = 100_000;
    /** Lowest C-rate: a 100-hour step. */
    static final double MIN_C_RATE = 0.01;
    /** Highest C-rate: the top of the coin cell's calibrated rate capability ({@code LfpCell.coinCell()}). */
    static final double MAX_C_RATE = 5.0;

    private static final Set<String> NAMES = Set.of("cycles", "speedUp", "chargeCRate", "dischargeCRate");

    /** The run that {@code options} describe: what an automatic start runs, and the defaults of a commanded one. */
    static CyclerRunRequest of(BatteryCyclerMqtt.Options options) {
        return new CyclerRunRequest(options.cycles(), options.speedUp(), options.protocol().chargeCRate(),
                options.protocol().dischargeCRate());
    }

    /**
     * Reads a start command's parameters; what they leave out comes from {@code options}.
     *
     * @throws IllegalArgumentException naming the first parameter that is unknown, of the wrong type or out of range
     */
    static CyclerRunRequest parse(Map<String, Object> values, BatteryCyclerMqtt.Options options) {
        Objects.requireNonNull(options, "options");
        CyclerRunRequest defaults = of(options);
        Parameters p = Parameters.of(values, NAMES, "");
        int cycles = (int) p.integer("cycles", defaults.cycles(), 1, MAX_CYCLES);
        double speedUp = p.number("speedUp", defaults.speedUp(), MIN_SPEED_UP, MAX_SPEED_UP, "");
        double charge = p.number("chargeCRate", defaults.chargeCRate(), MIN_C_RATE, MAX_C_RATE, "C");
        double discharge = p.number("dischargeCRate", defaults.dischargeCRate(), MIN_C_RATE, MAX_C_RATE, "C");
        return new CyclerRunRequest(cycles, speedUp, charge, discharge);
    }
}
