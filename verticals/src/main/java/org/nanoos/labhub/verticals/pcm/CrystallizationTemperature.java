package org.nanoos.labhub.verticals.pcm;

/**
 * The crystallization temperature of a phase-change film from its R(T) heating sweep: where log₁₀ R falls most
 * steeply.
 *
 * @param method                 the procedure in words
 * @param options                the options as given
 * @param temperatureK           T_c, K: the minimum of d log₁₀R/dT, refined by a parabola through three points
 * @param temperatureC           the same in °C
 * @param slopeDecadesPerK       d log₁₀R/dT at T_c, decades/K (negative)
 * @param halfWidthK             half the full width at half maximum of −d log₁₀R/dT around T_c, K: the width of
 *                               the transition, to be quoted as T_c ± this; not a statistical uncertainty
 * @param lowHalfMaximumK        where the derivative crosses half its peak below T_c, K
 * @param highHalfMaximumK       where it crosses half its peak above T_c, K
 * @param dropDecades            fall of the smoothed log₁₀ R between those two temperatures, decades
 * @param smoothingHalfWidthK    the smoothing half-width used, K
 */
public record CrystallizationTemperature(String method, CrystallizationOptions options, double temperatureK,
                                         double temperatureC, double slopeDecadesPerK, double halfWidthK,
                                         double lowHalfMaximumK, double highHalfMaximumK, double dropDecades,
                                         double smoothingHalfWidthK) {
}
