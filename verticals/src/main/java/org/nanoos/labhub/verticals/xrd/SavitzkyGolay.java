package org.nanoos.labhub.verticals.xrd;

import java.util.Objects;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Savitzky–Golay smoothing (A. Savitzky and M. J. E. Golay, Anal. Chem. 36 (1964) 1627): each point is replaced by
 * the value at that point of the least-squares polynomial of degree {@code order} through the {@code window}
 * points centred on it. For equally spaced data this is a fixed convolution; e.g. window 5, order 2 has weights
 * (−3, 12, 17, 12, −3)/35. Near the ends, where a centred window does not fit, the polynomial fitted to the first
 * (last) full window is evaluated at the end points, so no point is dropped or padded.
 */
public final class SavitzkyGolay {

    private SavitzkyGolay() {
    }

    /**
     * The smoothed values of {@code y}, taken as equally spaced.
     *
     * @param window an odd number of points, at least {@code order + 2} and at most {@code y.length}
     * @param order  the polynomial degree, at least 0
     * @throws XrdAnalysisException ({@link XrdAnalysisException.Reason#INVALID_OPTION}) for an unusable window
     */
    public static double[] smooth(double[] y, int window, int order) {
        Objects.requireNonNull(y, "y");
        if (order < 0 || window % 2 == 0 || window < order + 2 || window > y.length) {
            throw new XrdAnalysisException(XrdAnalysisException.Reason.INVALID_OPTION,
                    "Savitzky–Golay window must be odd, at least order + 2 = " + (order + 2) + " and at most "
                            + y.length + " points; was " + window + " with order " + order);
        }
        int half = window / 2;
        // projection[t][j]: weight of window point j in the fitted polynomial evaluated at window point t
        double[][] projection = projection(window, order);
        double[] out = new double[y.length];
        double[] centre = projection[half];
        for (int i = half; i < y.length - half; i++) {
            double s = 0;
            for (int j = 0; j < window; j++) {
                s += centre[j] * y[i - half + j];
            }
            out[i] = s;
        }
        for (int t = 0; t < half; t++) {
            double head = 0;
            double tail = 0;
            int last = y.length - window;
            for (int j = 0; j < window; j++) {
                head += projection[t][j] * y[j];
                tail += projection[window - 1 - t][j] * y[last + j];
            }
            out[t] = head;
            out[y.length - 1 - t] = tail;
        }
        return out;
    }

    /** The weights of the centre point, i.e. the convolution coefficients c₋ₘ … cₘ. */
    public static double[] coefficients(int window, int order) {
        if (order < 0 || window % 2 == 0 || window < order + 2) {
            throw new XrdAnalysisException(XrdAnalysisException.Reason.INVALID_OPTION,
                    "Savitzky–Golay window must be odd and at least order + 2; was " + window + ", order " + order);
        }
        return projection(window, order)[window / 2];
    }

    /** The hat matrix A(AᵀA)⁻¹Aᵀ of the polynomial fit on offsets −m…m (symmetric, window × window). */
    private static double[][] projection(int window, int order) {
        int half = window / 2;
        double[][] a = new double[window][order + 1];
        for (int j = 0; j < window; j++) {
            double p = 1;
            for (int k = 0; k <= order; k++) {
                a[j][k] = p;
                p *= (j - half) / (double) Math.max(1, half);
            }
        }
        RealMatrix design = new Array2DRowRealMatrix(a, false);
        RealMatrix normalInverse = new LUDecomposition(design.transpose().multiply(design)).getSolver().getInverse();
        return design.multiply(normalInverse).multiply(design.transpose()).getData();
    }
}
