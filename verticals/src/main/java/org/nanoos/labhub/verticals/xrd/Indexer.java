package org.nanoos.labhub.verticals.xrd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.nanoos.labhub.verticals.xrd.XrdAnalysisException.Reason;

/**
 * Indexes fitted peaks with a cubic or a primitive hexagonal cell.
 *
 * <p><b>Cubic.</b> For each type (sc, bcc, fcc, diamond; rock salt shares the fcc positions) the lowest-angle peak is
 * assigned in turn each of the first {@value #FIRST_LINE_TRIALS} allowed N = h²+k²+l², which fixes a trial a; then
 * every peak gets the allowed N nearest to Q·a² and a is refined by least squares, until the assignment stops
 * changing. A peak is indexed when its 2θ lies within tolerance of the calculated one and no other peak took the
 * same N. The best trial of a type indexes most peaks, then has the highest M_N. A type is acceptable when it indexes
 * every peak with M_N ≥ the minimum. Among acceptable types the highest M_N wins; types within
 * {@value #TIE_PERCENT} % of it are a tie (e.g. bcc and sc with a/√2 are indistinguishable until h²+k²+l² = 14),
 * resolved by taking the most restrictive reflection conditions first — diamond, then fcc/rock salt, then bcc, then
 * sc — and the result is marked ambiguous. Rock salt and fcc predict the same positions; rock salt is chosen when
 * the all-odd reflections are weak: the geometric mean over pairs (all-odd line, next all-even line) of
 * [area/(m·LP)]_odd / [area/(m·LP)]_even is below {@value #ROCK_SALT_RATIO}, m the powder multiplicity and
 * LP = (1 + cos²2θ)/(sin²θ cos θ) (Bragg–Brentano, no monochromator). That ratio estimates |F_odd|²/|F_even|²:
 * ≈ 0.06 for NaCl and MgO, ≈ 1 for an fcc metal.
 *
 * <p><b>Hexagonal.</b> Each pair of the first {@value #HEX_TRIAL_LINES} peaks is assigned each pair of low indices
 * (h²+hk+k² ∈ {0, 1, 3, 4}, l ∈ {0, …, 3}); the two equations Q = A(h²+hk+k²) + C l² give a trial (A, C), refined
 * like the cubic trials. The best trial is acceptable when it indexes every peak with M_N ≥ the minimum and both a
 * and c are determined (some line with l ≠ 0 and some with h or k ≠ 0).
 */
final class Indexer {

    static final int FIRST_LINE_TRIALS = 8;
    static final int TIE_PERCENT = 10;
    static final double ROCK_SALT_RATIO = 0.3;
    static final int HEX_TRIAL_LINES = 6;
    private static final int MAX_N = 600;
    private static final int MAX_HKL = 25;
    private static final double MAX_HEX_A = 20;
    private static final double MAX_HEX_C = 40;
    private static final int MAX_CALCULATED_LINES = 3000;
    private static final int MAX_REFINE_ROUNDS = 8;

    /** Cubic types in order of preference when tied: most restrictive reflection conditions first. */
    private static final List<LatticeType> CUBIC_PREFERENCE = List.of(LatticeType.DIAMOND, LatticeType.ROCK_SALT,
            LatticeType.FACE_CENTRED_CUBIC, LatticeType.BODY_CENTRED_CUBIC, LatticeType.SIMPLE_CUBIC);

    /** Per cubic type: allowed N ascending, representative (h k l) and total multiplicity per N. */
    private static final Map<LatticeType, CubicTable> CUBIC = new EnumMap<>(LatticeType.class);

    static {
        for (LatticeType type : CUBIC_PREFERENCE) {
            CUBIC.put(type, CubicTable.of(type));
        }
    }

    private record CubicTable(int[] allowed, Map<Integer, int[]> representative, Map<Integer, Integer> multiplicity) {
        static CubicTable of(LatticeType type) {
            Map<Integer, int[]> rep = new HashMap<>();
            Map<Integer, Integer> mult = new HashMap<>();
            for (int h = -MAX_HKL; h <= MAX_HKL; h++) {
                for (int k = -MAX_HKL; k <= MAX_HKL; k++) {
                    for (int l = -MAX_HKL; l <= MAX_HKL; l++) {
                        int n = h * h + k * k + l * l;
                        if (n == 0 || n > MAX_N || !type.allows(h, k, l)) {
                            continue;
                        }
                        mult.merge(n, 1, Integer::sum);
                        if (h >= k && k >= l && l >= 0) {
                            int[] old = rep.get(n);
                            if (old == null || h > old[0] || h == old[0] && k > old[1]) {
                                rep.put(n, new int[] {h, k, l});
                            }
                        }
                    }
                }
            }
            int[] allowed = new TreeSet<>(mult.keySet()).stream().mapToInt(Integer::intValue).toArray();
            return new CubicTable(allowed, rep, mult);
        }

        int nearest(double n) {
            int i = Arrays.binarySearch(allowed, (int) Math.floor(n));
            int lo = i >= 0 ? i : -i - 2;
            int best = -1;
            for (int j = Math.max(0, lo); j <= Math.min(allowed.length - 1, lo + 1); j++) {
                if (best < 0 || Math.abs(allowed[j] - n) < Math.abs(best - n)) {
                    best = allowed[j];
                }
            }
            return best;
        }

        int countUpTo(double n) {
            int i = Arrays.binarySearch(allowed, (int) Math.floor(n + 1e-9));
            return i >= 0 ? i + 1 : -i - 1;
        }
    }

    /** One peak as seen by the indexing: Q = 1/d² (Å⁻²), its uncertainty, and the 2θ tolerance. */
    private record Line(int peak, double twoTheta, double uTwoTheta, double q, double uQ, double tolerance,
                        double area) {
    }

    /** A trial cell: cubic uses s = 1/a² in {@code p0}; hexagonal A in {@code p0} and C in {@code p1}. */
    private static final class Trial {
        final LatticeType type;
        double p0;
        double p1;
        int[][] hkl;
        int[] key;
        double[] qCalc;
        int unindexed;
        double fom = Double.NaN;
        int nCalc;
        int nObs;

        Trial(LatticeType type, double p0, double p1) {
            this.type = type;
            this.p0 = p0;
            this.p1 = p1;
        }

        double a() {
            return type.isCubic() ? 1 / Math.sqrt(p0) : Math.sqrt(4 / (3 * p0));
        }

        double c() {
            return type.isCubic() ? a() : 1 / Math.sqrt(p1);
        }

        boolean better(Trial other) {
            if (other == null) {
                return true;
            }
            if (unindexed != other.unindexed) {
                return unindexed < other.unindexed;
            }
            return fom > other.fom || Double.isNaN(other.fom) && !Double.isNaN(fom);
        }
    }

    private final List<Line> lines;
    private final XrdOptions options;
    private final double lambda;
    private final int fomLines;

    private Indexer(List<FittedPeak> peaks, XrdOptions options) {
        this.options = options;
        this.lambda = options.wavelengthA();
        List<Line> list = new ArrayList<>();
        for (int i = 0; i < peaks.size(); i++) {
            FittedPeak p = peaks.get(i);
            double q = 1 / (p.dSpacingA() * p.dSpacingA());
            double uQ = Math.max(2 * q * p.uDSpacingA() / p.dSpacingA(), 1e-12 * q);
            double tol = Math.max(options.indexingToleranceDeg(), 3 * p.uTwoThetaDeg());
            list.add(new Line(i, p.twoThetaDeg(), p.uTwoThetaDeg(), q, uQ, tol, p.area()));
        }
        this.lines = list;
        this.fomLines = Math.min(options.maxIndexingLines(), list.size());
    }

    /**
     * Indexes {@code peaks} (sorted by 2θ) as {@code search} asks.
     *
     * @throws XrdAnalysisException {@link Reason#TOO_FEW_PEAKS} with fewer than 3 peaks, {@link Reason#UNINDEXABLE}
     *                              when no lattice is acceptable, with what each type achieved
     */
    static Indexing index(List<FittedPeak> peaks, XrdOptions options, LatticeSearch search) {
        if (peaks.size() < 3) {
            throw new XrdAnalysisException(Reason.TOO_FEW_PEAKS, "indexing needs at least 3 peaks, found "
                    + peaks.size());
        }
        Indexer indexer = new Indexer(peaks, options);
        List<String> failures = new ArrayList<>();
        if (search == LatticeSearch.CUBIC || search == LatticeSearch.AUTO) {
            Indexing cubic = indexer.cubic(failures);
            if (cubic != null) {
                return cubic;
            }
        }
        if (search == LatticeSearch.HEXAGONAL || search == LatticeSearch.AUTO) {
            Indexing hex = indexer.hexagonal(failures);
            if (hex != null) {
                return hex;
            }
        }
        throw new XrdAnalysisException(Reason.UNINDEXABLE, String.format(Locale.ROOT,
                "no lattice indexes all %d peaks (2θ %s) with M_N ≥ %.1f and tolerance %.3f°: %s", peaks.size(),
                indexer.positions(), options.minFigureOfMerit(), options.indexingToleranceDeg(), String.join("; ", failures)));
    }

    private String positions() {
        StringBuilder sb = new StringBuilder();
        for (Line l : lines) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f°", l.twoTheta));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------------- cubic

    private Indexing cubic(List<String> failures) {
        Map<LatticeType, Trial> best = new EnumMap<>(LatticeType.class);
        for (LatticeType type : CUBIC_PREFERENCE) {
            if (type == LatticeType.ROCK_SALT) {
                continue;
            }
            CubicTable table = CUBIC.get(type);
            Trial winner = null;
            for (int t = 0; t < Math.min(FIRST_LINE_TRIALS, table.allowed.length); t++) {
                Trial trial = new Trial(type, lines.get(0).q / table.allowed[t], 0);
                if (refineCubic(trial, table)) {
                    evaluateCubic(trial, table);
                    if (trial.better(winner)) {
                        winner = trial;
                    }
                }
            }
            best.put(type, winner);
        }
        Trial fcc = best.get(LatticeType.FACE_CENTRED_CUBIC);
        if (fcc != null) {
            Trial rs = new Trial(LatticeType.ROCK_SALT, fcc.p0, 0);
            refineCubic(rs, CUBIC.get(LatticeType.ROCK_SALT));
            evaluateCubic(rs, CUBIC.get(LatticeType.ROCK_SALT));
            best.put(LatticeType.ROCK_SALT, rs);
        }

        List<Trial> acceptable = new ArrayList<>();
        for (LatticeType type : CUBIC_PREFERENCE) {
            Trial t = best.get(type);
            if (t != null && t.unindexed == 0 && t.fom >= options.minFigureOfMerit()) {
                acceptable.add(t);
            }
        }
        if (acceptable.isEmpty()) {
            for (LatticeType type : CUBIC_PREFERENCE) {
                failures.add(describeFailure(type, best.get(type)));
            }
            return null;
        }
        double top = acceptable.stream().mapToDouble(t -> t.fom).max().orElseThrow();
        List<Trial> tied = new ArrayList<>();
        for (Trial t : acceptable) {
            if (t.fom >= (1 - TIE_PERCENT / 100.0) * top) {
                tied.add(t);
            }
        }
        // fcc and rock salt: same positions, told apart by the weakness of the all-odd reflections
        String saltNote = null;
        boolean saltUndecided = false;
        Trial rsTrial = best.get(LatticeType.ROCK_SALT);
        if (tied.contains(rsTrial) && tied.stream().anyMatch(t -> t.type == LatticeType.FACE_CENTRED_CUBIC)) {
            double ratio = oddEvenRatio(rsTrial);
            if (Double.isNaN(ratio)) {
                saltUndecided = true;
                tied.remove(rsTrial);
                saltNote = "fcc and rock salt predict the same positions and no pair of all-odd and all-even lines "
                        + "was observed to tell them apart; fcc reported, rock salt not excluded";
            } else if (ratio < ROCK_SALT_RATIO) {
                tied.removeIf(t -> t.type == LatticeType.FACE_CENTRED_CUBIC);
                saltNote = String.format(Locale.ROOT, "rock salt rather than fcc: the all-odd lines are weak, "
                        + "|F_odd|²/|F_even|² ≈ %.3f < %.1f", ratio, ROCK_SALT_RATIO);
            } else {
                tied.remove(rsTrial);
                saltNote = String.format(Locale.ROOT, "fcc rather than rock salt: the all-odd lines are not weak, "
                        + "|F_odd|²/|F_even|² ≈ %.3f ≥ %.1f", ratio, ROCK_SALT_RATIO);
            }
        }
        Trial chosen = null;
        for (LatticeType type : CUBIC_PREFERENCE) {
            for (Trial t : tied) {
                if (t.type == type && chosen == null) {
                    chosen = t;
                }
            }
        }
        boolean ambiguous = tied.size() > 1 || saltUndecided;
        StringBuilder reason = new StringBuilder();
        reason.append(String.format(Locale.ROOT, "%s indexes all %d peaks with %s = %.1f (%d calculated lines up to "
                        + "the %d-th observed)", chosen.type, lines.size(), fomName(), chosen.fom, chosen.nCalc,
                chosen.nObs));
        if (tied.size() > 1) {
            reason.append("; tied within ").append(TIE_PERCENT).append(" % with ");
            List<String> others = new ArrayList<>();
            for (Trial t : tied) {
                if (t != chosen) {
                    others.add(String.format(Locale.ROOT, "%s (a = %.5f Å, %s = %.1f)", t.type, t.a(), fomName(),
                            t.fom));
                }
            }
            reason.append(String.join(", ", others))
                    .append(", whose positions are the same; chosen by the rule 'most restrictive reflection "
                            + "conditions first' (diamond, fcc/rock salt, bcc, sc)");
        } else {
            Trial next = null;
            for (Trial t : acceptable) {
                if (t != chosen && !tied.contains(t) && (next == null || t.fom > next.fom)
                        && !(t.type == LatticeType.FACE_CENTRED_CUBIC && chosen.type == LatticeType.ROCK_SALT)
                        && !(t.type == LatticeType.ROCK_SALT && chosen.type == LatticeType.FACE_CENTRED_CUBIC)) {
                    next = t;
                }
            }
            reason.append(next == null ? "; no other cubic type indexes every peak with an acceptable figure of merit"
                    : String.format(Locale.ROOT, "; highest figure of merit, next %s with %.1f", next.type, next.fom));
        }
        if (saltNote != null) {
            reason.append("; ").append(saltNote);
        }
        List<IndexingCandidate> candidates = new ArrayList<>();
        for (LatticeType type : CUBIC_PREFERENCE) {
            Trial t = best.get(type);
            String verdict;
            if (t == chosen) {
                verdict = "chosen";
            } else if (t == null) {
                verdict = "no trial cell";
            } else if (t.unindexed > 0) {
                verdict = t.unindexed + " peak(s) not indexed";
            } else if (!(t.fom >= options.minFigureOfMerit())) {
                verdict = String.format(Locale.ROOT, "figure of merit below %.1f", options.minFigureOfMerit());
            } else if (tied.contains(t)) {
                verdict = "tied with the chosen type; not chosen by the preference rule";
            } else if ((t.type == LatticeType.FACE_CENTRED_CUBIC || t.type == LatticeType.ROCK_SALT)
                    && (chosen.type == LatticeType.FACE_CENTRED_CUBIC || chosen.type == LatticeType.ROCK_SALT)) {
                verdict = "same positions as the chosen type; rejected by the odd/even intensity rule";
            } else {
                verdict = "lower figure of merit";
            }
            candidates.add(t == null ? new IndexingCandidate(type, Double.NaN, Double.NaN, 0, lines.size(),
                    Double.NaN, verdict) : new IndexingCandidate(type, t.a(), t.c(), lines.size() - t.unindexed,
                    t.unindexed, t.fom, verdict));
        }
        return finish(chosen, ambiguous, reason.toString(), candidates);
    }

    /** Alternates assignment and unweighted refinement of s = 1/a²; false if the trial cell is unusable. */
    private boolean refineCubic(Trial trial, CubicTable table) {
        int[] previous = null;
        for (int round = 0; round < MAX_REFINE_ROUNDS; round++) {
            if (!(trial.p0 > 0) || lines.get(lines.size() - 1).q / trial.p0 > MAX_N) {
                return false;
            }
            int[] n = new int[lines.size()];
            double sxy = 0;
            double sxx = 0;
            for (int i = 0; i < lines.size(); i++) {
                n[i] = table.nearest(lines.get(i).q / trial.p0);
                sxy += n[i] * lines.get(i).q;
                sxx += (double) n[i] * n[i];
            }
            trial.key = n;
            if (Arrays.equals(n, previous)) {
                break;
            }
            previous = n;
            trial.p0 = sxy / sxx;
        }
        return trial.p0 > 0;
    }

    private void evaluateCubic(Trial trial, CubicTable table) {
        int n = lines.size();
        trial.qCalc = new double[n];
        trial.hkl = new int[n][];
        for (int i = 0; i < n; i++) {
            trial.key[i] = table.nearest(lines.get(i).q / trial.p0);
            trial.qCalc[i] = trial.key[i] * trial.p0;
            trial.hkl[i] = table.representative.get(trial.key[i]);
        }
        markIndexed(trial);
        double qN = lines.get(fomLines - 1).q;
        trial.nCalc = table.countUpTo(qN / trial.p0);
        figureOfMerit(trial);
    }

    /** [area/(m·LP)] of all-odd lines over that of the next all-even line, geometric mean; NaN without a pair. */
    private double oddEvenRatio(Trial trial) {
        CubicTable table = CUBIC.get(LatticeType.ROCK_SALT);
        double logSum = 0;
        int pairs = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (trial.hkl[i] == null || trial.key[i] % 2 == 0) {
                continue;
            }
            for (int j = i + 1; j < lines.size(); j++) {
                if (trial.hkl[j] != null && trial.key[j] % 2 == 0) {
                    double odd = lines.get(i).area / (table.multiplicity.get(trial.key[i]) * lp(lines.get(i).twoTheta));
                    double even = lines.get(j).area / (table.multiplicity.get(trial.key[j]) * lp(lines.get(j).twoTheta));
                    if (odd > 0 && even > 0) {
                        logSum += Math.log(odd / even);
                        pairs++;
                    }
                    break;
                }
            }
        }
        return pairs == 0 ? Double.NaN : Math.exp(logSum / pairs);
    }

    private static double lp(double twoThetaDeg) {
        double t = Math.toRadians(twoThetaDeg / 2);
        double c2 = Math.cos(2 * t);
        return (1 + c2 * c2) / (Math.sin(t) * Math.sin(t) * Math.cos(t));
    }

    // ------------------------------------------------------------------------------------------------ hexagonal

    private static final int[] HEX_M = hexM();
    private static final Map<Integer, int[]> HEX_HK = hexHk();

    private static int[] hexM() {
        TreeSet<Integer> m = new TreeSet<>();
        for (int h = 0; h <= 2 * MAX_HKL; h++) {
            for (int k = 0; k <= h; k++) {
                m.add(h * h + h * k + k * k);
            }
        }
        return m.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A representative (h, k), h ≥ k ≥ 0 with the largest h, for each h² + hk + k². */
    private static Map<Integer, int[]> hexHk() {
        Map<Integer, int[]> map = new HashMap<>();
        for (int h = 0; h <= 2 * MAX_HKL; h++) {
            for (int k = 0; k <= h; k++) {
                map.put(h * h + h * k + k * k, new int[] {h, k});
            }
        }
        return map;
    }

    private Indexing hexagonal(List<String> failures) {
        int[][] low = new int[15][];
        int count = 0;
        for (int m : new int[] {0, 1, 3, 4}) {
            for (int l = 0; l <= 3; l++) {
                if (m != 0 || l != 0) {
                    low[count++] = new int[] {m, l};
                }
            }
        }
        Trial winner = null;
        int span = Math.min(HEX_TRIAL_LINES, lines.size());
        for (int i = 0; i < span; i++) {
            for (int j = i + 1; j < span; j++) {
                for (int[] p : low) {
                    for (int[] q : low) {
                        double det = (double) p[0] * q[1] * q[1] - (double) q[0] * p[1] * p[1];
                        if (p == q || det == 0) {
                            continue;
                        }
                        double qi = lines.get(i).q;
                        double qj = lines.get(j).q;
                        double a = (qi * q[1] * q[1] - qj * p[1] * p[1]) / det;
                        double c = (p[0] * qj - q[0] * qi) / det;
                        Trial trial = new Trial(LatticeType.HEXAGONAL, a, c);
                        if (refineHex(trial)) {
                            evaluateHex(trial);
                            if (trial.better(winner)) {
                                winner = trial;
                            }
                        }
                    }
                }
            }
        }
        if (winner == null || winner.unindexed > 0 || !(winner.fom >= options.minFigureOfMerit())) {
            failures.add(describeFailure(LatticeType.HEXAGONAL, winner));
            return null;
        }
        String reason = String.format(Locale.ROOT, "HEXAGONAL indexes all %d peaks with %s = %.1f (%d calculated "
                        + "lines up to the %d-th observed); best of %d-line ab initio trials",
                lines.size(), fomName(), winner.fom, winner.nCalc, winner.nObs, span);
        List<IndexingCandidate> candidates = List.of(new IndexingCandidate(LatticeType.HEXAGONAL, winner.a(),
                winner.c(), lines.size(), 0, winner.fom, "chosen"));
        return finish(winner, false, reason, candidates);
    }

    private boolean usableHex(Trial t) {
        return t.p0 > 0 && t.p1 > 0 && t.a() <= MAX_HEX_A && t.c() <= MAX_HEX_C;
    }

    private boolean refineHex(Trial trial) {
        int[] previous = null;
        for (int round = 0; round < MAX_REFINE_ROUNDS; round++) {
            if (!usableHex(trial)) {
                return false;
            }
            int n = lines.size();
            int[] key = new int[2 * n];
            double smm = 0;
            double sml = 0;
            double sll = 0;
            double smq = 0;
            double slq = 0;
            for (int i = 0; i < n; i++) {
                int[] ml = nearestHex(trial, lines.get(i).q);
                key[2 * i] = ml[0];
                key[2 * i + 1] = ml[1];
                double m = ml[0];
                double l2 = (double) ml[1] * ml[1];
                double q = lines.get(i).q;
                smm += m * m;
                sml += m * l2;
                sll += l2 * l2;
                smq += m * q;
                slq += l2 * q;
            }
            trial.key = key;
            if (Arrays.equals(key, previous)) {
                break;
            }
            previous = key;
            double det = smm * sll - sml * sml;
            if (!(Math.abs(det) > 1e-12 * smm * sll)) {
                return false;
            }
            trial.p0 = (smq * sll - slq * sml) / det;
            trial.p1 = (smm * slq - sml * smq) / det;
        }
        return usableHex(trial);
    }

    private int[] nearestHex(Trial t, double q) {
        int[] best = null;
        double bestErr = Double.POSITIVE_INFINITY;
        int lMax = (int) Math.floor(Math.sqrt(q / t.p1)) + 1;
        for (int l = 0; l <= lMax; l++) {
            double target = (q - t.p1 * l * l) / t.p0;
            int i = Arrays.binarySearch(HEX_M, (int) Math.floor(Math.max(target, 0)));
            int lo = i >= 0 ? i : -i - 2;
            for (int j = Math.max(0, lo); j <= Math.min(HEX_M.length - 1, lo + 1); j++) {
                if (HEX_M[j] == 0 && l == 0) {
                    continue;
                }
                double err = Math.abs(t.p0 * HEX_M[j] + t.p1 * l * l - q);
                if (err < bestErr) {
                    bestErr = err;
                    best = new int[] {HEX_M[j], l};
                }
            }
        }
        return best;
    }

    private int hexLinesUpTo(Trial t, double q) {
        TreeSet<Long> distinct = new TreeSet<>();
        int lMax = (int) Math.floor(Math.sqrt(q * (1 + 1e-9) / t.p1));
        for (int l = 0; l <= lMax; l++) {
            for (int m : HEX_M) {
                double value = t.p0 * m + t.p1 * l * l;
                if (value > q * (1 + 1e-9)) {
                    break;
                }
                if (m == 0 && l == 0) {
                    continue;
                }
                distinct.add(Math.round(value / q * 1e7));
                if (distinct.size() > MAX_CALCULATED_LINES) {
                    return distinct.size();
                }
            }
        }
        return distinct.size();
    }

    private void evaluateHex(Trial trial) {
        int n = lines.size();
        trial.qCalc = new double[n];
        trial.hkl = new int[n][];
        for (int i = 0; i < n; i++) {
            int[] ml = nearestHex(trial, lines.get(i).q);
            trial.key[2 * i] = ml[0];
            trial.key[2 * i + 1] = ml[1];
            trial.qCalc[i] = trial.p0 * ml[0] + trial.p1 * ml[1] * ml[1];
            int[] hk = HEX_HK.get(ml[0]);
            trial.hkl[i] = new int[] {hk[0], hk[1], ml[1]};
        }
        markIndexed(trial);
        trial.nCalc = hexLinesUpTo(trial, lines.get(fomLines - 1).q);
        figureOfMerit(trial);
    }

    // ------------------------------------------------------------------------------------------------- common

    /** Un-indexes lines outside tolerance, and all but the closest of lines sharing one calculated reflection. */
    private void markIndexed(Trial trial) {
        int n = lines.size();
        double[] residual = new double[n];
        for (int i = 0; i < n; i++) {
            residual[i] = Math.abs(lines.get(i).twoTheta - twoTheta(trial.qCalc[i]));
            if (!(residual[i] <= lines.get(i).tolerance)) {
                trial.hkl[i] = null;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (trial.hkl[i] != null && trial.hkl[j] != null && trial.qCalc[i] == trial.qCalc[j]) {
                    if (residual[i] <= residual[j]) {
                        trial.hkl[j] = null;
                    } else {
                        trial.hkl[i] = null;
                    }
                }
            }
        }
        trial.unindexed = 0;
        for (int[] hkl : trial.hkl) {
            if (hkl == null) {
                trial.unindexed++;
            }
        }
    }

    /** de Wolff M_N over the first N lines; unindexed lines enter ε̄ with their distance to the nearest line. */
    private void figureOfMerit(Trial trial) {
        double qN = lines.get(fomLines - 1).q;
        double sum = 0;
        for (int i = 0; i < fomLines; i++) {
            sum += Math.abs(lines.get(i).q - trial.qCalc[i]);
        }
        double mean = Math.max(sum / fomLines, 1e-9 * qN);
        trial.nObs = fomLines;
        trial.fom = trial.nCalc > 0 ? qN / (2 * mean * trial.nCalc) : Double.NaN;
    }

    private double twoTheta(double q) {
        double s = lambda * Math.sqrt(q) / 2;
        return s < 1 ? 2 * Math.toDegrees(Math.asin(s)) : Double.NaN;
    }

    private String fomName() {
        return "M" + fomLines;
    }

    private String describeFailure(LatticeType type, Trial t) {
        if (t == null) {
            return type + ": no usable trial cell";
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s best a = %.5f Å%s", type, t.a(),
                type.isCubic() ? "" : String.format(Locale.ROOT, ", c = %.5f Å", t.c())));
        if (t.unindexed > 0) {
            List<String> missed = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (t.hkl[i] == null) {
                    missed.add(String.format(Locale.ROOT, "%.3f°", lines.get(i).twoTheta));
                }
            }
            sb.append(" leaves ").append(t.unindexed).append(" unindexed (").append(String.join(", ", missed))
                    .append(')');
        } else {
            sb.append(String.format(Locale.ROOT, " indexes all but %s = %.1f is below %.1f", fomName(), t.fom,
                    options.minFigureOfMerit()));
        }
        return sb.toString();
    }

    /** Weighted refinement of the chosen trial, uncertainties, and the reflection list. */
    private Indexing finish(Trial t, boolean ambiguous, String reason, List<IndexingCandidate> candidates) {
        int n = lines.size();
        boolean cubic = t.type.isCubic();
        int p = cubic ? 1 : 2;
        double[][] normal = new double[p][p];
        double[] rhs = new double[p];
        for (int i = 0; i < n; i++) {
            double[] x = design(t, i);
            double w = 1 / (lines.get(i).uQ * lines.get(i).uQ);
            for (int r = 0; r < p; r++) {
                rhs[r] += w * x[r] * lines.get(i).q;
                for (int c = 0; c < p; c++) {
                    normal[r][c] += w * x[r] * x[c];
                }
            }
        }
        double[][] inverse;
        double[] par;
        if (cubic) {
            inverse = new double[][] {{1 / normal[0][0]}};
            par = new double[] {rhs[0] / normal[0][0]};
        } else {
            double det = normal[0][0] * normal[1][1] - normal[0][1] * normal[1][0];
            inverse = new double[][] {{normal[1][1] / det, -normal[0][1] / det},
                {-normal[1][0] / det, normal[0][0] / det}};
            par = new double[] {inverse[0][0] * rhs[0] + inverse[0][1] * rhs[1],
                inverse[1][0] * rhs[0] + inverse[1][1] * rhs[1]};
        }
        double chi2 = 0;
        for (int i = 0; i < n; i++) {
            double[] x = design(t, i);
            double calc = par[0] * x[0] + (cubic ? 0 : par[1] * x[1]);
            double r = (lines.get(i).q - calc) / lines.get(i).uQ;
            chi2 += r * r;
        }
        int dof = n - p;
        double reduced = dof > 0 ? chi2 / dof : Double.NaN;
        double scale = dof > 0 ? Math.max(1, reduced) : 1;
        t.p0 = par[0];
        if (!cubic) {
            t.p1 = par[1];
        }
        double a = t.a();
        double c = t.c();
        // a = s^(−1/2) (cubic) or (4/(3A))^(1/2): both give |da/dp0| = a/(2 p0); c = C^(−1/2): |dc/dC| = c/(2C)
        double uA = a / (2 * par[0]) * Math.sqrt(inverse[0][0] * scale);
        double uC = cubic ? uA : c / (2 * par[1]) * Math.sqrt(inverse[1][1] * scale);
        double correlation = cubic ? 1 : inverse[0][1] / Math.sqrt(inverse[0][0] * inverse[1][1]);

        List<IndexedReflection> reflections = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = design(t, i);
            double qCalc = par[0] * x[0] + (cubic ? 0 : par[1] * x[1]);
            t.qCalc[i] = qCalc;
            Line line = lines.get(i);
            double calc = twoTheta(qCalc);
            int[] hkl = t.hkl[i];
            reflections.add(new IndexedReflection(hkl[0], hkl[1], hkl[2], line.twoTheta, line.uTwoTheta, calc,
                    line.twoTheta - calc, 1 / Math.sqrt(line.q), 1 / Math.sqrt(qCalc)));
        }
        figureOfMerit(t);
        return new Indexing(t.type, a, uA, c, uC, correlation, fomName(), t.fom, t.nObs, t.nCalc, reduced,
                ambiguous, reason, reflections, candidates);
    }

    private static double[] design(Trial t, int i) {
        if (t.type.isCubic()) {
            return new double[] {t.key[i]};
        }
        return new double[] {t.key[2 * i], (double) t.key[2 * i + 1] * t.key[2 * i + 1]};
    }
}
