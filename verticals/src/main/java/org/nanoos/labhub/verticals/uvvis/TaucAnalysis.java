package org.nanoos.labhub.verticals.uvvis;

import java.util.List;

/**
 * The result of a Tauc band-gap analysis, stored as it is: the gap of the chosen transition with its uncertainty, the
 * fits of every transition tried, how the choice was made, and the settings.
 *
 * @param method          the procedure in one sentence
 * @param options         the options as given
 * @param transition      the transition reported
 * @param bandGapEv       its band gap, eV
 * @param uBandGapEv      its standard uncertainty from the regression, eV
 * @param fit             the fit behind it
 * @param fits            every transition's fit (one, or two when the choice was automatic and both had an edge)
 * @param ambiguous       whether the automatic choice was close (see {@link TransitionSelection#AUTOMATIC})
 * @param reason          why this transition, in words, with the figures compared
 * @param pointsUsed      spectrum points that entered the Tauc plots
 * @param pointsExcluded  points left out for absorbance above {@link TaucOptions#maxAbsorbance()}
 */
public record TaucAnalysis(String method, TaucOptions options, TaucTransition transition, double bandGapEv,
                           double uBandGapEv, TaucFit fit, List<TaucFit> fits, boolean ambiguous, String reason,
                           int pointsUsed, int pointsExcluded) {

    /** Takes an unmodifiable copy of the fits. */
    public TaucAnalysis {
        fits = List.copyOf(fits);
    }
}
