package org.nanoos.labhub.verticals.xrd;

import java.util.Objects;

/**
 * Background estimation by SNIP, the statistics-sensitive non-linear iterative peak-clipping algorithm (C. G. Ryan,
 * E. Clayton, W. L. Griffin, S. H. Sie and D. R. Cousens, Nucl. Instrum. Methods B 34 (1988) 396; in the form of
 * M. Morháč, J. Kliman, V. Matoušek, M. Veselský and I. Turzo, Nucl. Instrum. Methods A 401 (1997) 113).
 *
 * <p>For clipping widths p = 1, 2, …, m every point is replaced by the smaller of itself and the mean of its
 * neighbours p points away, v(i) ← min(v(i), [v(i−p) + v(i+p)]/2). A peak narrower than about 2m points is clipped
 * away while a background that curves slowly on that scale is kept, so m should be two to three times the widest
 * peak's full width at its base. With {@code llsTransform}, clipping works on v = ln(ln(√(y+1)+1)+1) (the
 * "log-log-square-root" operator of Morháč et al.), which compresses the dynamic range of counting data so that
 * weak peaks on a high background and strong peaks are treated alike; it needs y &gt; −1 and is skipped otherwise.
 * The first and last p points are not clipped at width p.
 */
public final class SnipBackground {

    private SnipBackground() {
    }

    /**
     * The background under {@code y} (equally spaced points).
     *
     * @param halfWidthPoints the largest clipping width m, points (at least 1)
     * @param llsTransform    whether to clip on the log-log-square-root scale (ignored if any y ≤ −1)
     * @throws XrdAnalysisException ({@link XrdAnalysisException.Reason#INVALID_OPTION}) for m &lt; 1
     */
    public static double[] estimate(double[] y, int halfWidthPoints, boolean llsTransform) {
        Objects.requireNonNull(y, "y");
        if (halfWidthPoints < 1) {
            throw new XrdAnalysisException(XrdAnalysisException.Reason.INVALID_OPTION,
                    "SNIP clipping width must be at least 1 point, was " + halfWidthPoints);
        }
        boolean lls = llsTransform && canTransform(y);
        double[] v = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            v[i] = lls ? Math.log(Math.log(Math.sqrt(y[i] + 1) + 1) + 1) : y[i];
        }
        double[] w = v.clone();
        int m = Math.min(halfWidthPoints, (y.length - 1) / 2);
        for (int p = 1; p <= m; p++) {
            for (int i = p; i < y.length - p; i++) {
                w[i] = Math.min(v[i], 0.5 * (v[i - p] + v[i + p]));
            }
            System.arraycopy(w, p, v, p, y.length - 2 * p);
        }
        if (lls) {
            for (int i = 0; i < v.length; i++) {
                double e = Math.exp(Math.exp(v[i]) - 1) - 1;
                v[i] = e * e - 1;
            }
        }
        return v;
    }

    private static boolean canTransform(double[] y) {
        for (double value : y) {
            if (!(value > -1)) {
                return false;
            }
        }
        return true;
    }
}
