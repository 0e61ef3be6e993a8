package org.nanoos.labhub.simulator.battery;

/**
 * What the cycler is told to do and how well it measures: constant-current charge to an upper cutoff, then
 * constant-current discharge to a lower cutoff, repeated; currents as C-rates of the cell's nominal capacity
 * (1C empties it in one hour). There are no rest steps: the cell model has no relaxation dynamics, so the voltage
 * would simply jump to the open-circuit value.
 *
 * @param chargeCRate           charge current in C
 * @param dischargeCRate        discharge current in C
 * @param upperCutoffV          charge ends when the cell voltage reaches this, V
 * @param lowerCutoffV          discharge ends when the cell voltage falls to this, V
 * @param sampleIntervalS       logging interval, s (the step end is logged at the cutoff instant as well)
 * @param voltageNoiseV         standard deviation of the voltage reading, V
 * @param currentNoiseFraction  standard deviation of the current reading relative to the current
 */
public record CyclingProtocol(double chargeCRate, double dischargeCRate, double upperCutoffV, double lowerCutoffV,
                              double sampleIntervalS, double voltageNoiseV, double currentNoiseFraction) {

    /** Checks for positive rates, ordered cutoffs and non-negative noise. */
    public CyclingProtocol {
        if (!(chargeCRate > 0) || !(dischargeCRate > 0) || Double.isInfinite(chargeCRate + dischargeCRate)) {
            throw new IllegalArgumentException("C-rates must be positive and finite");
        }
        if (!(lowerCutoffV > 0 && upperCutoffV > lowerCutoffV) || Double.isInfinite(upperCutoffV)) {
            throw new IllegalArgumentException("cutoffs must satisfy 0 < lower < upper, were " + lowerCutoffV + " and "
                    + upperCutoffV);
        }
        if (!(sampleIntervalS > 0) || Double.isInfinite(sampleIntervalS)) {
            throw new IllegalArgumentException("sample interval must be positive, was " + sampleIntervalS);
        }
        if (!(voltageNoiseV >= 0) || !(currentNoiseFraction >= 0) || Double.isInfinite(voltageNoiseV + currentNoiseFraction)) {
            throw new IllegalArgumentException("noise must be non-negative and finite");
        }
    }

    /**
     * C/10 charge to 4.0 V and C/10 discharge to 2.5 V, the usual cutoffs of LiFePO<sub>4</sub> half-cells; a sample
     * every 30 s; 0.1 mV voltage and 0.01 % current noise, the order of a research-grade cycler's resolution.
     */
    public static CyclingProtocol defaults() {
        return new CyclingProtocol(0.1, 0.1, 4.0, 2.5, 30.0, 1e-4, 1e-4);
    }

    /** The same protocol at other C-rates. */
    public CyclingProtocol withCRates(double charge, double discharge) {
        return new CyclingProtocol(charge, discharge, upperCutoffV, lowerCutoffV, sampleIntervalS, voltageNoiseV,
                currentNoiseFraction);
    }

    /** The same protocol with another logging interval. */
    public CyclingProtocol withSampleIntervalS(double seconds) {
        return new CyclingProtocol(chargeCRate, dischargeCRate, upperCutoffV, lowerCutoffV, seconds, voltageNoiseV,
                currentNoiseFraction);
    }

    /** The same protocol with other measurement noise. */
    public CyclingProtocol withNoise(double voltageV, double currentFraction) {
        return new CyclingProtocol(chargeCRate, dischargeCRate, upperCutoffV, lowerCutoffV, sampleIntervalS, voltageV,
                currentFraction);
    }
}
