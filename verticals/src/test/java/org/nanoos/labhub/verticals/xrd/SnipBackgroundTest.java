package org.nanoos.labhub.verticals.xrd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnipBackgroundTest {

    @Test
    void should_clip_narrow_peaks_and_keep_a_slowly_varying_background() {
        // ground truth: 40 + 200 exp(−2θ/8) (convex, like air scatter) with Gaussian peaks of FWHM 0.1° on top
        int n = 4001;
        double[] x = new double[n];
        double[] truth = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 10 + 0.01 * i;
            truth[i] = 40 + 200 * Math.exp(-x[i] / 8);
            y[i] = truth[i];
            for (double centre : new double[] {20, 25, 33.3, 41}) {
                double z = (x[i] - centre) / 0.1;
                y[i] += 3000 * Math.exp(-4 * Math.log(2) * z * z);
            }
        }
        for (boolean lls : new boolean[] {false, true}) {
            double[] b = SnipBackground.estimate(y, 60, lls);
            for (int i = 100; i < n - 100; i++) {
                assertThat(Math.abs(b[i] - truth[i]) / truth[i]).as("2θ = %.2f, LLS %s", x[i], lls)
                        .isLessThan(0.03);
            }
        }
    }
}
