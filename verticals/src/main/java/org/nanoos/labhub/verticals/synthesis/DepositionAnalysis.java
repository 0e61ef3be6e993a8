package org.nanoos.labhub.verticals.synthesis;

/**
 * Thickness statistics, uniformity, rate and in-spec fraction of one deposited film. Values that the inputs do not
 * allow are {@code null}: the rate without a deposition time, the in-spec figures without a specification.
 *
 * @param method                      the definitions used, in words
 * @param points                      n, measured points
 * @param meanNm                      mean thickness t̄, nm
 * @param standardDeviationNm         sample standard deviation s (n − 1 in the denominator), nm
 * @param standardErrorNm             s/√n, the standard uncertainty of the mean from the scatter, nm
 * @param minNm                       thinnest point, nm
 * @param maxNm                       thickest point, nm
 * @param halfRangeNonUniformityPercent (max − min)/(2·t̄) × 100, the "±" non-uniformity of the half range
 * @param sigmaNonUniformityPercent   s/t̄ × 100, the 1σ non-uniformity (coefficient of variation)
 * @param depositionRateNmPerS        t̄ / deposition time, nm/s
 * @param uDepositionRateNmPerS       (s/√n) / deposition time, nm/s: from the thickness scatter only, the time taken
 *                                    as exact
 * @param depositionRateNmPerMin      the rate in nm/min
 * @param inSpecPoints                points inside the specification window
 * @param inSpecFraction              inSpecPoints / n: the area fraction in spec only if the points sample equal areas
 */
public record DepositionAnalysis(String method, int points, double meanNm, double standardDeviationNm,
                                 double standardErrorNm, double minNm, double maxNm,
                                 double halfRangeNonUniformityPercent, double sigmaNonUniformityPercent,
                                 Double depositionRateNmPerS, Double uDepositionRateNmPerS,
                                 Double depositionRateNmPerMin, Integer inSpecPoints, Double inSpecFraction) {
}
