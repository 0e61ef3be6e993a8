package org.nanoos.labhub.verticals.battery;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * Builds cycler time series step by step: constant current for a duration, the voltage a function of the fraction
 * of the step done, points every {@code dt} seconds including both ends of the step, and the next step starting
 * {@value #GAP_S} s after the last point of the previous one (so each current jump adds at most ½·|ΔI|·1 ms to the
 * trapezoid integral, below 2e-7 mAh at 1 mA).
 */
final class SyntheticCycler {

    static final double GAP_S = 1e-3;

    private final double dt;
    private final List<double[]> points = new ArrayList<>();
    private final List<Integer> cycles = new ArrayList<>();
    private final Random noise;
    private final double voltageNoiseV;
    private double t;
    private int cycle = 1;

    SyntheticCycler(double dt, double voltageNoiseV, long seed) {
        this.dt = dt;
        this.voltageNoiseV = voltageNoiseV;
        this.noise = new Random(seed);
    }

    SyntheticCycler(double dt) {
        this(dt, 0, 0);
    }

    /** A step of {@code currentMa} for {@code durationS}, with V(x) for x from 0 to 1 over the step. */
    SyntheticCycler step(double currentMa, double durationS, DoubleUnaryOperator voltage) {
        int n = (int) Math.round(durationS / dt);
        double start = points.isEmpty() ? 0 : t + GAP_S;
        for (int k = 0; k <= n; k++) {
            double x = k / (double) n;
            double v = voltage.applyAsDouble(x) + voltageNoiseV * noise.nextGaussian();
            points.add(new double[] {start + x * durationS, v, currentMa});
            cycles.add(cycle);
        }
        t = start + durationS;
        return this;
    }

    /** A step at a constant voltage. */
    SyntheticCycler step(double currentMa, double durationS, double voltageV) {
        return step(currentMa, durationS, x -> voltageV);
    }

    /** Points logged from now on carry the next cycle number (for data with the cycler's cycle index). */
    SyntheticCycler nextCycle() {
        cycle++;
        return this;
    }

    CyclerData data(boolean withCycleIndex) {
        double[] time = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] voltage = points.stream().mapToDouble(p -> p[1]).toArray();
        double[] current = points.stream().mapToDouble(p -> p[2]).toArray();
        int[] index = withCycleIndex ? cycles.stream().mapToInt(Integer::intValue).toArray() : null;
        return new CyclerData(time, voltage, current, index);
    }
}
