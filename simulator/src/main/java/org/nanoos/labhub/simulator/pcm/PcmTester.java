package org.nanoos.labhub.simulator.pcm;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A simulated resistance-versus-temperature tester for phase-change films: it runs a {@link HeatingRamp} on a
 * {@link PhaseChangeFilm} and reads the film's resistance at each sampling time. Read one reading at a time with
 * {@link #next()} (for streaming) or the rest of the run with {@link #ramp()}; deterministic for a given random
 * generator, no I/O, not thread-safe.
 *
 * <p>Between readings the integrated crystallization rate {@code Θ = ∫ k(T(t)) dt} is advanced by composite
 * Simpson's rule on sub-steps of at most 0.02 K (split at the turning point of the programme), so the transition
 * temperature is what the kinetics give at the programmed rate, independent of the sampling interval. The reading
 * is the film's {@link PhaseChangeFilm#resistanceOhm effective-medium resistance} times {@code exp(σ g)}, g
 * standard normal (log-normal noise of relative size σ).
 */
public final class PcmTester {

    private static final double MAX_SUBSTEP_K = 0.02;

    private final PhaseChangeFilm film;
    private final HeatingRamp ramp;
    private final RandomGenerator random;
    private int index;
    private double integratedRate;

    /** A tester about to take reading 0 at the start of the programme. */
    public PcmTester(PhaseChangeFilm film, HeatingRamp ramp, RandomGenerator random) {
        this.film = Objects.requireNonNull(film, "film");
        this.ramp = Objects.requireNonNull(ramp, "ramp");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A tester with a seeded generator. */
    public static PcmTester create(PhaseChangeFilm film, HeatingRamp ramp, long seed) {
        return new PcmTester(film, ramp, new SplittableRandom(seed));
    }

    /** The film under test. */
    public PhaseChangeFilm film() {
        return film;
    }

    /** The temperature programme. */
    public HeatingRamp heatingRamp() {
        return ramp;
    }

    /** Whether the programme has readings left. */
    public boolean hasNext() {
        return index < ramp.sampleCount();
    }

    /**
     * The next reading.
     *
     * @throws IllegalStateException when the programme is over
     */
    public PcmSample next() {
        if (!hasNext()) {
            throw new IllegalStateException("the programme is over after " + ramp.sampleCount() + " readings");
        }
        double time = ramp.sampleTimeS(index);
        if (index > 0) {
            integratedRate += integrateRate(ramp.sampleTimeS(index - 1), time);
        }
        double temperature = ramp.temperatureAt(time);
        double fraction = film.crystallineFraction(integratedRate);
        double resistance = film.resistanceOhm(temperature, fraction);
        if (ramp.resistanceNoiseFraction() > 0) {
            resistance *= Math.exp(ramp.resistanceNoiseFraction() * random.nextGaussian());
        }
        return new PcmSample(index++, time, temperature, resistance, fraction);
    }

    /** All remaining readings of the programme, as arrays. */
    public RampResult ramp() {
        int n = ramp.sampleCount() - index;
        double[] time = new double[n];
        double[] temperature = new double[n];
        double[] resistance = new double[n];
        double[] fraction = new double[n];
        for (int i = 0; i < n; i++) {
            PcmSample sample = next();
            time[i] = sample.timeS();
            temperature[i] = sample.temperatureK();
            resistance[i] = sample.resistanceOhm();
            fraction[i] = sample.crystallineFraction();
        }
        return new RampResult(time, temperature, resistance, fraction);
    }

    /** The integrated crystallization rate Θ reached so far. */
    public double integratedRate() {
        return integratedRate;
    }

    /** {@code ∫ k(T(t)) dt} over [from, to], split at the programme's turning point. */
    private double integrateRate(double from, double to) {
        double turn = ramp.heatingDurationS();
        if (from < turn && to > turn) {
            return simpson(from, turn) + simpson(turn, to);
        }
        return simpson(from, to);
    }

    private double simpson(double from, double to) {
        if (to <= from) {
            return 0.0;
        }
        double span = Math.abs(ramp.temperatureAt(to) - ramp.temperatureAt(from));
        int intervals = Math.max(2, 2 * (int) Math.ceil(span / (2 * MAX_SUBSTEP_K)));
        double h = (to - from) / intervals;
        double sum = rate(from) + rate(to);
        for (int k = 1; k < intervals; k++) {
            sum += (k % 2 == 1 ? 4.0 : 2.0) * rate(from + k * h);
        }
        return sum * h / 3.0;
    }

    private double rate(double timeS) {
        return film.crystallizationRatePerS(ramp.temperatureAt(timeS));
    }
}
