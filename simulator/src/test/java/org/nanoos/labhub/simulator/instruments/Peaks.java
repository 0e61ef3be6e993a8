package org.nanoos.labhub.simulator.instruments;

/**
 * Where the strongest peak of a measured pattern lies: the vertex of a least-squares parabola through the points
 * above half its maximum, the usual way to read a peak position off noisy counts (the highest single point wanders
 * by a step or more when the top of a broadened line is flat within the counting noise).
 */
final class Peaks {

    private Peaks() {
    }

    /** Position of the strongest peak of {@code y} over {@code x}, in the units of x. */
    static double strongestPeak(double[] x, double[] y) {
        int top = 0;
        for (int i = 1; i < y.length; i++) {
            if (y[i] > y[top]) {
                top = i;
            }
        }
        double half = y[top] / 2;
        int lo = top;
        int hi = top;
        while (lo > 0 && y[lo - 1] >= half) {
            lo--;
        }
        while (hi < y.length - 1 && y[hi + 1] >= half) {
            hi++;
        }
        // normal equations of y = a u² + b u + c with u = x − x[top]
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double t0 = 0;
        double t1 = 0;
        double t2 = 0;
        for (int i = lo; i <= hi; i++) {
            double u = x[i] - x[top];
            double u2 = u * u;
            s0 += 1;
            s1 += u;
            s2 += u2;
            s3 += u2 * u;
            s4 += u2 * u2;
            t0 += y[i];
            t1 += y[i] * u;
            t2 += y[i] * u2;
        }
        if (hi - lo < 2) {
            return x[top];
        }
        double det = determinant(s4, s3, s2, s3, s2, s1, s2, s1, s0);
        double a = determinant(t2, s3, s2, t1, s2, s1, t0, s1, s0) / det;
        double b = determinant(s4, t2, s2, s3, t1, s1, s2, t0, s0) / det;
        return x[top] - b / (2 * a);
    }

    private static double determinant(double a, double b, double c, double d, double e, double f, double g, double h,
                                      double i) {
        return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
    }
}
