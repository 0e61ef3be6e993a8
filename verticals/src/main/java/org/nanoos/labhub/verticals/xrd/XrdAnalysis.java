package org.nanoos.labhub.verticals.xrd;

import java.util.List;

/**
 * The result of analysing one powder pattern, complete enough to be stored as JSON next to the measurement and to be
 * reproduced: what was done, with which settings (including the automatic choices), the fitted peaks, the lattice
 * and the crystallite size.
 *
 * @param method                 the pipeline in one sentence
 * @param options                the options as given
 * @param wavelengthA            λ used for Bragg's law and Scherrer, Å
 * @param backgroundWindowDeg    the SNIP clipping half-width actually used, degrees 2θ
 * @param smoothingWindowPoints  the Savitzky–Golay window actually used for detection, points
 * @param detectedCandidates     how many peaks detection proposed before fitting
 * @param peaks                  the fitted peaks, in order of 2θ
 * @param indexing               the lattice found, or null when {@link LatticeSearch#NONE} was asked
 * @param scherrer               crystallite sizes from the fitted widths
 * @param notes                  things the analysis decided that a reader should know (dropped candidates, …)
 */
public record XrdAnalysis(String method, XrdOptions options, double wavelengthA, double backgroundWindowDeg,
                          int smoothingWindowPoints, int detectedCandidates, List<FittedPeak> peaks,
                          Indexing indexing, ScherrerAnalysis scherrer, List<String> notes) {

    /** Takes unmodifiable copies of the lists. */
    public XrdAnalysis {
        peaks = List.copyOf(peaks);
        notes = List.copyOf(notes);
    }
}
