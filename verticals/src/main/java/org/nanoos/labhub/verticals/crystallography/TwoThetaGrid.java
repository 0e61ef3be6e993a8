package org.nanoos.labhub.verticals.crystallography;

/**
 * An equally spaced 2θ scan: start, stop and step in degrees; the stop angle is included when it falls on a step.
 *
 * @param startDeg the first angle, degrees
 * @param stopDeg  the last angle reached, degrees
 * @param stepDeg  the step, degrees
 */
public record TwoThetaGrid(double startDeg, double stopDeg, double stepDeg) {

    /** Checks 0 ≤ start < stop < 180 and a positive step. */
    public TwoThetaGrid {
        if (!(startDeg >= 0 && startDeg < stopDeg && stopDeg < 180)) {
            throw new IllegalArgumentException("need 0 ≤ start < stop < 180°, was " + startDeg + " to " + stopDeg);
        }
        if (!(stepDeg > 0) || stepDeg > stopDeg - startDeg) {
            throw new IllegalArgumentException("step must be positive and no larger than the range, was " + stepDeg);
        }
    }

    /** The number of points. */
    public int size() {
        return (int) Math.floor((stopDeg - startDeg) / stepDeg + 1e-9) + 1;
    }

    /** The angle of point {@code i}, degrees. */
    public double angleDeg(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException("point " + i + " of " + size());
        }
        return startDeg + i * stepDeg;
    }

    /** All angles, degrees. */
    public double[] anglesDeg() {
        double[] angles = new double[size()];
        for (int i = 0; i < angles.length; i++) {
            angles[i] = startDeg + i * stepDeg;
        }
        return angles;
    }

    /** The last angle actually on the grid, degrees. */
    public double lastAngleDeg() {
        return angleDeg(size() - 1);
    }
}
