package org.nanoos.labhub.simulator.cvd;

/**
 * The reactor's state at one instant of simulated time: the true process values of the model and what the
 * instruments read (true value plus sensor noise; a closed valve's mass-flow controller reads exactly zero).
 *
 * @param simulatedTimeS             simulated time since the reactor was powered on, s
 * @param runNumber                  the run in progress, from 1
 * @param phase                      the run's phase
 * @param temperatureK               true substrate temperature, K
 * @param thermocoupleK              thermocouple reading, K
 * @param pressurePa                 true chamber pressure, Pa
 * @param pressureReadingPa          capacitance manometer reading, Pa
 * @param precursorFlowSccm          true silane flow, sccm
 * @param precursorFlowReadingSccm   silane mass-flow controller reading, sccm
 * @param carrierFlowSccm            true nitrogen flow, sccm
 * @param carrierFlowReadingSccm     nitrogen mass-flow controller reading, sccm
 * @param growthRateNmPerMin         wafer-averaged film growth rate at this instant, nm/min (0 outside deposition)
 * @param meanThicknessNm            wafer-averaged film thickness deposited so far in this run, nm
 */
public record ProcessSample(double simulatedTimeS, int runNumber, Phase phase, double temperatureK,
                            double thermocoupleK, double pressurePa, double pressureReadingPa,
                            double precursorFlowSccm, double precursorFlowReadingSccm, double carrierFlowSccm,
                            double carrierFlowReadingSccm, double growthRateNmPerMin, double meanThicknessNm) {
}
