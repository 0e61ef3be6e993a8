package org.nanoos.labhub.verticals.xrd;

/**
 * The best cell one lattice type could offer for the peaks, kept in the result so that the choice can be checked.
 *
 * @param lattice        the lattice type tried
 * @param aA             its best cell edge a, Å (NaN if no trial cell existed)
 * @param cA             its cell edge c, Å (equal to a for cubic types)
 * @param indexedPeaks   how many peaks it indexes within tolerance
 * @param unindexedPeaks how many it leaves unindexed
 * @param figureOfMerit  de Wolff M_N of that cell (see {@link Indexing#figureOfMeritName()})
 * @param verdict        why it was chosen or not, in words
 */
public record IndexingCandidate(LatticeType lattice, double aA, double cA, int indexedPeaks, int unindexedPeaks,
                                double figureOfMerit, String verdict) {
}
