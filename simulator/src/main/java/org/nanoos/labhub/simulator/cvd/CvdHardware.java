package org.nanoos.labhub.simulator.cvd;

/**
 * The reactor's hardware: thermal and vacuum time constants, controller fluctuations, sensor noise and geometry.
 * A cold-wall single-wafer reactor: only the susceptor and wafer are heated, so only the wafer consumes silane.
 *
 * @param ambientTemperatureK          room temperature the heater-off substrate relaxes to, K
 * @param heatingTimeConstantS         first-order lag of the substrate temperature behind the heater setpoint, s
 * @param coolingTimeConstantS         first-order time constant of cooling with the heater off, s
 * @param unloadTemperatureK           cool-down ends (and the run with it) below this temperature, K
 * @param stabiliseToleranceK          stabilise ends when the substrate is this close to the setpoint, K
 * @param minimumStabiliseS            and has been stabilising at least this long, s
 * @param temperatureFluctuationK      rms of the controller's temperature fluctuation around the lag response, K
 * @param temperatureFluctuationTimeS  correlation time of that fluctuation, s
 * @param thermocoupleNoiseK           rms noise of the thermocouple reading, K
 * @param atmosphericPressurePa        vent/backfill pressure and pressure at power-on, Pa
 * @param basePressurePa               ultimate pressure of the pump, Pa
 * @param pumpDownEndPa                pump-down ends below this pressure, Pa
 * @param pumpTimeConstantS            pump-down time constant V/S, s
 * @param throttleTimeConstantS        time constant of the throttle-valve pressure control, s
 * @param backfillTimeConstantS        time constant of the nitrogen backfill to atmosphere, s
 * @param pressureFluctuation          rms relative fluctuation of the controlled pressure (throttle hunting)
 * @param pressureFluctuationTimeS     correlation time of that fluctuation, s
 * @param gaugeNoise                   rms relative noise of the capacitance manometer reading
 * @param mfcTimeConstantS             response time constant of the mass-flow controllers, s
 * @param mfcNoiseSccm                 rms noise of a mass-flow controller reading while flowing, sccm
 * @param boundaryLayerM               stagnant boundary-layer thickness δ above the wafer (Grove model), m
 * @param profilePoints                radial points of the thickness profile, centre to edge inclusive
 * @param maxStepS                     largest internal integration step, s
 */
public record CvdHardware(double ambientTemperatureK, double heatingTimeConstantS, double coolingTimeConstantS,
                          double unloadTemperatureK, double stabiliseToleranceK, double minimumStabiliseS,
                          double temperatureFluctuationK, double temperatureFluctuationTimeS, double thermocoupleNoiseK,
                          double atmosphericPressurePa, double basePressurePa, double pumpDownEndPa,
                          double pumpTimeConstantS, double throttleTimeConstantS, double backfillTimeConstantS,
                          double pressureFluctuation, double pressureFluctuationTimeS, double gaugeNoise,
                          double mfcTimeConstantS, double mfcNoiseSccm, double boundaryLayerM, int profilePoints,
                          double maxStepS) {

    /** Checks that the values are physical: positive time constants, unload above ambient, and so on. */
    public CvdHardware {
        requirePositive(ambientTemperatureK, "ambient temperature");
        requirePositive(heatingTimeConstantS, "heating time constant");
        requirePositive(coolingTimeConstantS, "cooling time constant");
        requirePositive(stabiliseToleranceK, "stabilise tolerance");
        requireNonNegative(minimumStabiliseS, "minimum stabilise time");
        requireNonNegative(temperatureFluctuationK, "temperature fluctuation");
        requirePositive(temperatureFluctuationTimeS, "temperature fluctuation time");
        requireNonNegative(thermocoupleNoiseK, "thermocouple noise");
        requirePositive(atmosphericPressurePa, "atmospheric pressure");
        requirePositive(basePressurePa, "base pressure");
        requirePositive(pumpTimeConstantS, "pump time constant");
        requirePositive(throttleTimeConstantS, "throttle time constant");
        requirePositive(backfillTimeConstantS, "backfill time constant");
        requireNonNegative(pressureFluctuation, "pressure fluctuation");
        requirePositive(pressureFluctuationTimeS, "pressure fluctuation time");
        requireNonNegative(gaugeNoise, "gauge noise");
        requirePositive(mfcTimeConstantS, "MFC time constant");
        requireNonNegative(mfcNoiseSccm, "MFC noise");
        requirePositive(boundaryLayerM, "boundary layer");
        requirePositive(maxStepS, "maximum step");
        if (!(unloadTemperatureK > ambientTemperatureK + 2 * temperatureFluctuationK + 1)) {
            throw new IllegalArgumentException("unload temperature must lie above ambient, or cool-down never ends");
        }
        if (!(pumpDownEndPa > basePressurePa && pumpDownEndPa < atmosphericPressurePa)) {
            throw new IllegalArgumentException("pump-down end pressure must lie between base and atmospheric pressure");
        }
        if (pressureFluctuation >= 0.2 || gaugeNoise >= 0.2) {
            throw new IllegalArgumentException("relative pressure fluctuation and gauge noise must be small (< 0.2)");
        }
        if (profilePoints < 2) {
            throw new IllegalArgumentException("the thickness profile needs at least centre and edge");
        }
    }

    /**
     * A single-wafer LPCVD reactor: 30 s thermal lag, 180 s cooling, unload below 100 °C, 0.3 K controller jitter,
     * 0.2 K thermocouple noise, 0.5 Pa base pressure reached with a 5 s pump time constant, 3 s throttle control,
     * 0.3 % pressure jitter, 0.2 % gauge noise, 1.5 s MFC response with 0.1 sccm noise, a 2 cm boundary layer
     * (showerhead-to-wafer gap), an 11-point thickness profile and 0.5 s integration steps.
     */
    public static CvdHardware singleWaferLpcvd() {
        return new CvdHardware(300.0, 30.0, 180.0, 373.15, 1.0, 60.0, 0.3, 10.0, 0.2,
                PolysiliconKinetics.STANDARD_ATMOSPHERE_PA, 0.5, 1.0, 5.0, 3.0, 20.0, 0.003, 5.0, 0.002,
                1.5, 0.1, 0.02, 11, 0.5);
    }

    /** The same hardware without controller fluctuations and sensor noise: the deterministic skeleton of the model. */
    public CvdHardware noiseless() {
        return new CvdHardware(ambientTemperatureK, heatingTimeConstantS, coolingTimeConstantS, unloadTemperatureK,
                stabiliseToleranceK, minimumStabiliseS, 0.0, temperatureFluctuationTimeS, 0.0, atmosphericPressurePa,
                basePressurePa, pumpDownEndPa, pumpTimeConstantS, throttleTimeConstantS, backfillTimeConstantS, 0.0,
                pressureFluctuationTimeS, 0.0, mfcTimeConstantS, 0.0, boundaryLayerM, profilePoints, maxStepS);
    }

    private static void requirePositive(double value, String what) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be positive and finite, was " + value);
        }
    }

    private static void requireNonNegative(double value, String what) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be non-negative and finite, was " + value);
        }
    }
}
