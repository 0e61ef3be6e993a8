package org.nanoos.labhub.simulator.pcm;

import java.util.Arrays;

/**
 * A whole resistance-versus-temperature run as arrays of equal length in time order. The arrays are copied in and
 * out, so a result cannot be changed after it is made.
 *
 * @param timeS                 reading times, s
 * @param temperatureK          temperatures, K
 * @param resistanceOhm         measured resistances, Ω
 * @param crystallineFraction   true crystallized fractions
 */
public record RampResult(double[] timeS, double[] temperatureK, double[] resistanceOhm, double[] crystallineFraction) {

    /** Checks the four arrays have one length and copies them. */
    public RampResult {
        int n = timeS.length;
        if (temperatureK.length != n || resistanceOhm.length != n || crystallineFraction.length != n) {
            throw new IllegalArgumentException("time, temperature, resistance and fraction need the same length");
        }
        timeS = timeS.clone();
        temperatureK = temperatureK.clone();
        resistanceOhm = resistanceOhm.clone();
        crystallineFraction = crystallineFraction.clone();
    }

    @Override
    public double[] timeS() {
        return timeS.clone();
    }

    @Override
    public double[] temperatureK() {
        return temperatureK.clone();
    }

    @Override
    public double[] resistanceOhm() {
        return resistanceOhm.clone();
    }

    @Override
    public double[] crystallineFraction() {
        return crystallineFraction.clone();
    }

    /** Number of readings. */
    public int size() {
        return timeS.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RampResult that && Arrays.equals(timeS, that.timeS)
                && Arrays.equals(temperatureK, that.temperatureK) && Arrays.equals(resistanceOhm, that.resistanceOhm)
                && Arrays.equals(crystallineFraction, that.crystallineFraction);
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(timeS);
        h = 31 * h + Arrays.hashCode(temperatureK);
        h = 31 * h + Arrays.hashCode(resistanceOhm);
        return 31 * h + Arrays.hashCode(crystallineFraction);
    }

    @Override
    public String toString() {
        return "RampResult[" + size() + " readings]";
    }
}
