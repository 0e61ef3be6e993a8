package org.nanoos.labhub.verticals.xrd;

import java.util.List;

/**
 * The lattice that indexes a pattern: its type, refined cell edges with standard uncertainties, the figure of merit
 * that chose it and every peak with its indices and residual. Cubic: c = a and u(c) = u(a).
 *
 * <p>Cell refinement is weighted linear least squares on Q = 1/d² (cubic Q = (h²+k²+l²)/a²; hexagonal
 * Q = A (h²+hk+k²) + C l² with A = 4/(3a²), C = 1/c²), weights 1/u(Q)² from the peak fits. The standard uncertainties
 * scale the formal ones by √max(1, χ²/(n − p)): when the peak positions scatter about the cell by more than their fit
 * uncertainties (zero shift, specimen displacement, a wrong profile), the scatter sets the uncertainty.
 *
 * <p>The figure of merit is P. M. de Wolff's M_N (J. Appl. Cryst. 1 (1968) 108): M_N = Q_N / (2 ε̄ N_calc), with Q_N
 * the Q of the N-th observed line (N = min(20, peaks), M20 when 20 lines are available), ε̄ the mean |Q_obs − Q_calc|
 * of those lines and N_calc the number of distinct calculated lines up to Q_N. It rewards small residuals and
 * penalises cells that predict many unobserved lines.
 *
 * @param lattice                the lattice type chosen
 * @param aA                     cell edge a, Å
 * @param uAA                    its standard uncertainty, Å
 * @param cA                     cell edge c, Å
 * @param uCA                    its standard uncertainty, Å
 * @param correlationAC          correlation coefficient of a and c (1 for cubic)
 * @param figureOfMeritName      e.g. {@code "M20"} or {@code "M7"}
 * @param figureOfMerit          the value of M_N
 * @param observedLinesForFom    N, the observed lines M_N is computed from
 * @param calculatedLinesForFom  N_calc, distinct calculated lines up to Q_N
 * @param reducedChiSquare       χ²/(n − p) of the weighted cell refinement (NaN when n = p)
 * @param ambiguous              whether another lattice type indexes the peaks as well (see the candidates)
 * @param reason                 why this type was chosen, in words, with the figures compared
 * @param reflections            every fitted peak with its indices, in order of 2θ
 * @param candidates             the best cell of every lattice type tried
 */
public record Indexing(LatticeType lattice, double aA, double uAA, double cA, double uCA, double correlationAC,
                       String figureOfMeritName, double figureOfMerit, int observedLinesForFom,
                       int calculatedLinesForFom, double reducedChiSquare, boolean ambiguous, String reason,
                       List<IndexedReflection> reflections, List<IndexingCandidate> candidates) {

    /** Takes unmodifiable copies of the lists. */
    public Indexing {
        reflections = List.copyOf(reflections);
        candidates = List.copyOf(candidates);
    }
}
