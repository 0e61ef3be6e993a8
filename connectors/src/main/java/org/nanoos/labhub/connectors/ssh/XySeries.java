package org.nanoos.labhub.connectors.ssh;

import java.util.List;
import java.util.Objects;

/**
 * Two columns read from an instrument's text export: x and y of equal length (at least two points), all finite, and
 * the lines above the data (column titles and comments), as written.
 *
 * @param x      first column
 * @param y      second column
 * @param header the non-blank lines before the first data row, trimmed, in file order
 */
public record XySeries(double[] x, double[] y, List<String> header) {

    /** Checks the columns: equal length, at least two points, finite. */
    public XySeries {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("a series needs at least 2 points, not " + x.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("point " + i + " is not finite");
            }
        }
        header = List.copyOf(header);
    }

    /** Number of points. */
    public int size() {
        return x.length;
    }
}
