package org.nanoos.labhub.simulator.pcm;

/**
 * The temperature programme and acquisition settings of a resistance-versus-temperature run: a linear heating ramp
 * from the start to the maximum temperature, then (if a cooling rate is set) a linear cool-down back to the start.
 *
 * @param startTemperatureK         temperature at t = 0 and at the end of the cool-down, K
 * @param maxTemperatureK           turning point of the ramp, K
 * @param heatingRateKPerMin        heating rate β, K/min
 * @param coolingRateKPerMin        cooling rate, K/min; 0 ends the run at the maximum temperature
 * @param sampleIntervalS           time between resistance readings, s
 * @param resistanceNoiseFraction   relative standard deviation of a reading (log-normal), e.g. 0.005 for 0.5 %
 */
public record HeatingRamp(double startTemperatureK, double maxTemperatureK, double heatingRateKPerMin,
                          double coolingRateKPerMin, double sampleIntervalS, double resistanceNoiseFraction) {

    /**
     * Highest allowed temperature, K (300 °C): above about 310 °C rock-salt GST turns hexagonal (Friedrich et al.,
     * J. Appl. Phys. 87, 4130 (2000)), a second transition this model does not contain.
     */
    public static final double MAX_TEMPERATURE_K = 573.15;

    /** Checks for an upward ramp below {@link #MAX_TEMPERATURE_K}, positive rates and interval, non-negative noise. */
    public HeatingRamp {
        if (!(startTemperatureK > 0 && maxTemperatureK > startTemperatureK && maxTemperatureK <= MAX_TEMPERATURE_K)) {
            throw new IllegalArgumentException("need 0 < start < max <= " + MAX_TEMPERATURE_K + " K, were "
                    + startTemperatureK + " and " + maxTemperatureK);
        }
        if (!(heatingRateKPerMin > 0) || !(coolingRateKPerMin >= 0) || !(sampleIntervalS > 0)
                || Double.isInfinite(heatingRateKPerMin + coolingRateKPerMin + sampleIntervalS)) {
            throw new IllegalArgumentException("heating rate and sample interval must be positive, cooling rate "
                    + "non-negative");
        }
        if (!(resistanceNoiseFraction >= 0) || Double.isInfinite(resistanceNoiseFraction)) {
            throw new IllegalArgumentException("noise must be non-negative and finite");
        }
    }

    /**
     * 300 K to 250 °C and back at 10 K/min, a reading every second with 0.5 % noise: the standard heating rate of
     * published GST resistance ramps, and high enough to pass the crystallization (about 150 °C) completely.
     */
    public static HeatingRamp defaults() {
        return new HeatingRamp(300.0, 523.15, 10.0, 10.0, 1.0, 0.005);
    }

    /** The same programme at another heating rate (and the same cooling rate as before). */
    public HeatingRamp withHeatingRateKPerMin(double kelvinPerMinute) {
        return new HeatingRamp(startTemperatureK, maxTemperatureK, kelvinPerMinute, coolingRateKPerMin, sampleIntervalS,
                resistanceNoiseFraction);
    }

    /** The same programme with heating only, ending at the maximum temperature. */
    public HeatingRamp heatingOnly() {
        return new HeatingRamp(startTemperatureK, maxTemperatureK, heatingRateKPerMin, 0.0, sampleIntervalS,
                resistanceNoiseFraction);
    }

    /** The same programme with another maximum temperature. */
    public HeatingRamp withMaxTemperatureK(double kelvin) {
        return new HeatingRamp(startTemperatureK, kelvin, heatingRateKPerMin, coolingRateKPerMin, sampleIntervalS,
                resistanceNoiseFraction);
    }

    /** The same programme with another sampling interval. */
    public HeatingRamp withSampleIntervalS(double seconds) {
        return new HeatingRamp(startTemperatureK, maxTemperatureK, heatingRateKPerMin, coolingRateKPerMin, seconds,
                resistanceNoiseFraction);
    }

    /** The same programme with another reading noise. */
    public HeatingRamp withNoise(double fraction) {
        return new HeatingRamp(startTemperatureK, maxTemperatureK, heatingRateKPerMin, coolingRateKPerMin,
                sampleIntervalS, fraction);
    }

    /** Heating rate β, K/s. */
    public double heatingRateKPerS() {
        return heatingRateKPerMin / 60.0;
    }

    /** Time at which the maximum temperature is reached, s. */
    public double heatingDurationS() {
        return (maxTemperatureK - startTemperatureK) / heatingRateKPerS();
    }

    /** Duration of the whole programme, s. */
    public double durationS() {
        double cooling = coolingRateKPerMin > 0
                ? (maxTemperatureK - startTemperatureK) / (coolingRateKPerMin / 60.0) : 0.0;
        return heatingDurationS() + cooling;
    }

    /** Programme temperature at time t (clamped to the programme's duration), K. */
    public double temperatureAt(double timeS) {
        double t = Math.max(0.0, Math.min(timeS, durationS()));
        double heating = heatingDurationS();
        if (t <= heating) {
            return startTemperatureK + heatingRateKPerS() * t;
        }
        return maxTemperatureK - coolingRateKPerMin / 60.0 * (t - heating);
    }

    /** Number of readings in the run: one every interval from t = 0, plus one at the end. */
    public int sampleCount() {
        return (int) Math.ceil(durationS() / sampleIntervalS - 1e-9) + 1;
    }

    /** Time of reading {@code index} (from 0), s; the last reading is at the end of the programme. */
    public double sampleTimeS(int index) {
        if (index < 0 || index >= sampleCount()) {
            throw new IndexOutOfBoundsException("reading " + index + " of " + sampleCount());
        }
        return Math.min(index * sampleIntervalS, durationS());
    }
}
