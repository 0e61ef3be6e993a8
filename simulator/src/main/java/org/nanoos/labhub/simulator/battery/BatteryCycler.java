package org.nanoos.labhub.simulator.battery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A simulated galvanostatic cycler running an {@link LfpCell} through constant-current charge/discharge cycles
 * under a {@link CyclingProtocol}. Advance it one logged sample at a time with {@link #next()} (for streaming), or
 * a cycle at a time with {@link #runCycle()}; deterministic for a given random generator, no I/O, not thread-safe.
 *
 * <h2>Cell voltage</h2>
 * With y the lithium fraction of the electrode and I the current (mA, positive on charge),
 * {@code V = U(y) + I (R_Ω(n) + R_d(n) (c^(−1/3) − 1))}, where U is the {@link OpenCircuitVoltage}, {@code c} the
 * volume fraction of each particle not yet transformed in the current step's direction ({@code y} on charge, where
 * the LiFePO<sub>4</sub> core shrinks, {@code 1 − y} on discharge, where the FePO<sub>4</sub> core does) and
 * {@code c^(−1/3) − 1 = r/r_c − 1} the shell-diffusion factor of the shrinking-core model. A step ends when V
 * reaches its cutoff; the instant is found by bisection, so capacities do not depend on the logging interval.
 *
 * <h2>Charge bookkeeping</h2>
 * On discharge y rises at {@code |I| / (3600 Q)} per second (Q the active capacity in mAh); on charge it falls at
 * {@code (I − I_p) / (3600 Q)}, the parasitic current {@code I_p} being passed without removing lithium. Between
 * cycles the cell ages as {@link LfpCell} describes; particles that lose contact take their share of the electrode at
 * the current composition, so y itself does not jump.
 */
public final class BatteryCycler {

    private static final double SECONDS_PER_HOUR = 3600.0;
    private static final int SIMPSON_INTERVALS = 8;

    private final LfpCell cell;
    private final CyclingProtocol protocol;
    private final OpenCircuitVoltage ocv;
    private final RandomGenerator random;
    private final double chargeCurrentMa;
    private final double dischargeCurrentMa;
    private final ArrayDeque<CycleSummary> completed = new ArrayDeque<>();

    private double timeS;
    private double throughputMah;
    private int cycle = 1;
    private Step step = Step.CHARGE;
    private boolean atStepStart = true;
    private double stepStartY;
    private double stepElapsedS;
    private double stepEnergyMilliJoule;
    private double chargeCapacityMah;
    private double chargeEnergyWh;
    private double activeCapacityMah;
    private double ohmicOhm;
    private double transportOhm;

    /**
     * A cycler with a freshly assembled cell, about to start the charge of cycle 1.
     *
     * @throws IllegalArgumentException if the charge current does not exceed the parasitic current, so that the
     *                                  cell could never charge
     */
    public BatteryCycler(LfpCell cell, CyclingProtocol protocol, RandomGenerator random) {
        this.cell = Objects.requireNonNull(cell, "cell");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.random = Objects.requireNonNull(random, "random");
        this.ocv = cell.openCircuitVoltage();
        this.chargeCurrentMa = protocol.chargeCRate() * cell.nominalCapacityMah();
        this.dischargeCurrentMa = protocol.dischargeCRate() * cell.nominalCapacityMah();
        if (!(chargeCurrentMa > cell.parasiticCurrentMa())) {
            throw new IllegalArgumentException("charge current " + chargeCurrentMa + " mA must exceed the parasitic "
                    + "current " + cell.parasiticCurrentMa() + " mA");
        }
        this.stepStartY = cell.initialLithiumFraction();
        enterCycle();
    }

    /** A cycler with a seeded generator. */
    public static BatteryCycler create(LfpCell cell, CyclingProtocol protocol, long seed) {
        return new BatteryCycler(cell, protocol, new SplittableRandom(seed));
    }

    /**
     * The next logged sample: the first call of each step logs its start; later calls advance by one logging
     * interval, or to the cutoff if it comes first, which then ends the step (and after a discharge, the cycle).
     */
    public CyclerSample next() {
        if (atStepStart) {
            atStepStart = false;
            return sample();
        }
        double from = stepElapsedS;
        double to = from + protocol.sampleIntervalS();
        boolean cutoff = beyondCutoff(to);
        if (cutoff) {
            to = cutoffTime(from, to);
        }
        stepEnergyMilliJoule += energyMilliJoule(from, to);
        throughputMah += Math.abs(currentMa()) * (to - from) / SECONDS_PER_HOUR;
        timeS += to - from;
        stepElapsedS = to;
        CyclerSample sample = sample();
        if (cutoff) {
            endStep();
        }
        return sample;
    }

    /** Runs to the end of the cycle in progress and returns all its samples not yet taken by {@link #next()}. */
    public CycleRecord runCycle() {
        int target = cycle;
        List<CyclerSample> samples = new ArrayList<>();
        while (cycle == target) {
            samples.add(next());
        }
        CycleSummary summary = null;
        for (CycleSummary s : completed) {
            if (s.cycle() == target) {
                summary = s;
            }
        }
        return new CycleRecord(summary, samples);
    }

    /** Runs {@code cycles} whole cycles and returns them in order. */
    public List<CycleRecord> run(int cycles) {
        if (cycles < 0) {
            throw new IllegalArgumentException("cycles must be non-negative, was " + cycles);
        }
        List<CycleRecord> records = new ArrayList<>(cycles);
        for (int i = 0; i < cycles; i++) {
            records.add(runCycle());
        }
        return records;
    }

    /** Summaries of cycles completed since the last call, oldest first; the cycler forgets them. */
    public List<CycleSummary> takeCompletedCycles() {
        List<CycleSummary> summaries = new ArrayList<>(completed);
        completed.clear();
        return summaries;
    }

    /** The cell under test. */
    public LfpCell cell() {
        return cell;
    }

    /** The protocol. */
    public CyclingProtocol protocol() {
        return protocol;
    }

    /** Number of the cycle in progress, from 1. */
    public int cycle() {
        return cycle;
    }

    /** The step in progress. */
    public Step step() {
        return step;
    }

    /** Seconds since the test started. */
    public double timeS() {
        return timeS;
    }

    /** True lithium fraction y of the electrode now. */
    public double lithiumFraction() {
        return lithiumFractionAt(stepElapsedS);
    }

    /** True (noise-free) cell voltage now, V. */
    public double trueVoltageV() {
        return voltageAt(stepElapsedS);
    }

    private void enterCycle() {
        activeCapacityMah = cell.activeCapacityMah(cycle);
        ohmicOhm = cell.ohmicResistanceOhm(cycle);
        transportOhm = cell.transportResistanceOhm(cycle);
    }

    private void endStep() {
        double capacity = stepCapacityMah();
        double energyWh = stepEnergyMilliJoule / 3.6e6;
        double endY = lithiumFractionAt(stepElapsedS);
        if (step == Step.CHARGE) {
            chargeCapacityMah = capacity;
            chargeEnergyWh = energyWh;
            step = Step.DISCHARGE;
        } else {
            completed.addLast(new CycleSummary(cycle, chargeCapacityMah, capacity, chargeEnergyWh, energyWh,
                    chargeCapacityMah > 0 ? capacity / chargeCapacityMah : Double.NaN,
                    chargeEnergyWh > 0 ? energyWh / chargeEnergyWh : Double.NaN,
                    activeCapacityMah, ohmicOhm, timeS));
            step = Step.CHARGE;
            cycle++;
            enterCycle();
        }
        stepStartY = endY;
        stepElapsedS = 0.0;
        stepEnergyMilliJoule = 0.0;
        atStepStart = true;
    }

    /** Signed true current of the step, mA. */
    private double currentMa() {
        return step == Step.CHARGE ? chargeCurrentMa : -dischargeCurrentMa;
    }

    private double stepCapacityMah() {
        return Math.abs(currentMa()) * stepElapsedS / SECONDS_PER_HOUR;
    }

    private double lithiumFractionAt(double elapsedS) {
        double storedMa = step == Step.CHARGE ? -(chargeCurrentMa - cell.parasiticCurrentMa()) : dischargeCurrentMa;
        return stepStartY + storedMa * elapsedS / SECONDS_PER_HOUR / activeCapacityMah;
    }

    /** True cell voltage at a time into the step, V; ±∞ once the electrode is exhausted. */
    private double voltageAt(double elapsedS) {
        double y = lithiumFractionAt(elapsedS);
        double core = step == Step.CHARGE ? y : 1.0 - y;
        if (core <= 0.0) {
            return step == Step.CHARGE ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        double shell = Math.cbrt(1.0 / core) - 1.0;
        double resistance = ohmicOhm + transportOhm * shell;
        return ocv.voltage(y) + currentMa() * 1e-3 * resistance;
    }

    private boolean beyondCutoff(double elapsedS) {
        double v = voltageAt(elapsedS);
        return step == Step.CHARGE ? v >= protocol.upperCutoffV() : v <= protocol.lowerCutoffV();
    }

    /** Bisection for the first instant in (from, to] at which the voltage reaches its cutoff. */
    private double cutoffTime(double from, double to) {
        double lo = from;
        double hi = to;
        if (beyondCutoff(lo)) {
            return lo;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-9; i++) {
            double mid = 0.5 * (lo + hi);
            if (beyondCutoff(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return lo;
    }

    /** {@code ∫ |V I| dt} over [from, to] of the step by composite Simpson's rule, mJ. */
    private double energyMilliJoule(double from, double to) {
        if (to <= from) {
            return 0.0;
        }
        double h = (to - from) / SIMPSON_INTERVALS;
        double sum = voltageAt(from) + voltageAt(to);
        for (int k = 1; k < SIMPSON_INTERVALS; k++) {
            sum += (k % 2 == 1 ? 4.0 : 2.0) * voltageAt(from + k * h);
        }
        return Math.abs(currentMa()) * sum * h / 3.0;
    }

    private CyclerSample sample() {
        double current = currentMa() * (1.0 + protocol.currentNoiseFraction() * random.nextGaussian());
        double voltage = voltageAt(stepElapsedS) + protocol.voltageNoiseV() * random.nextGaussian();
        return new CyclerSample(timeS, cycle, step, current, voltage, stepCapacityMah(), throughputMah);
    }
}
