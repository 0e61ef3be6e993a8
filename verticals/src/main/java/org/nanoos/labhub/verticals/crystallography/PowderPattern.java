package org.nanoos.labhub.verticals.crystallography;

import java.util.Arrays;
import java.util.Objects;

/**
 * A calculated intensity profile on a 2θ grid (noise-free expectation values, or anything else sampled on the grid).
 *
 * @param grid      the 2θ grid
 * @param intensity one value per grid point (a defensive copy is kept and returned)
 */
public record PowderPattern(TwoThetaGrid grid, double[] intensity) {

    /** Checks that there is one value per grid point and copies the array. */
    public PowderPattern {
        Objects.requireNonNull(grid, "grid");
        intensity = intensity.clone();
        if (intensity.length != grid.size()) {
            throw new IllegalArgumentException(intensity.length + " values for " + grid.size() + " grid points");
        }
    }

    /** A copy of the intensities. */
    @Override
    public double[] intensity() {
        return intensity.clone();
    }

    /** The intensity at point {@code i}. */
    public double intensityAt(int i) {
        return intensity[i];
    }

    /** The 2θ of point {@code i}, degrees. */
    public double twoThetaDegAt(int i) {
        return grid.angleDeg(i);
    }

    /** The number of points. */
    public int size() {
        return intensity.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PowderPattern p && grid.equals(p.grid) && Arrays.equals(intensity, p.intensity);
    }

    @Override
    public int hashCode() {
        return 31 * grid.hashCode() + Arrays.hashCode(intensity);
    }

    @Override
    public String toString() {
        return "PowderPattern[grid=" + grid + ", points=" + intensity.length + "]";
    }
}
