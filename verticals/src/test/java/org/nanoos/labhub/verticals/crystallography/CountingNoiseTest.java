package org.nanoos.labhub.verticals.crystallography;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CountingNoiseTest {

    private static final int DRAWS = 200_000;

    @Test
    void should_draw_counts_with_poisson_mean_and_variance_at_low_rates() {
        // Poisson: mean = variance = μ and P(0) = e^−μ. With 2·10⁵ draws the standard error of the variance is
        // √((μ + 2μ²)/n) ≈ 0.4 % of μ, of P(0) ≈ 0.0004.
        double mu = 3.7;
        long[] counts = CountingNoise.poisson(filled(mu), new SplittableRandom(11));

        assertThat(mean(counts)).isCloseTo(mu, withinPercentage(1));
        assertThat(variance(counts)).isCloseTo(mu, withinPercentage(2.5));
        double zeros = Arrays.stream(counts).filter(c -> c == 0).count() / (double) DRAWS;
        assertThat(zeros).isCloseTo(Math.exp(-mu), within(0.002));
    }

    @Test
    void should_draw_counts_with_poisson_variance_at_high_rates() {
        double mu = 2500;
        long[] counts = CountingNoise.poisson(filled(mu), new SplittableRandom(12));

        assertThat(mean(counts)).isCloseTo(mu, withinPercentage(0.1));
        assertThat(variance(counts)).isCloseTo(mu, withinPercentage(2.5));
    }

    @Test
    void should_keep_variance_equal_to_mean_across_the_switch_to_the_normal_approximation() {
        for (double mu : new double[] {CountingNoise.EXACT_BELOW - 1, CountingNoise.EXACT_BELOW + 1}) {
            long[] counts = CountingNoise.poisson(filled(mu), new SplittableRandom(13));
            assertThat(mean(counts)).as("mean at " + mu).isCloseTo(mu, withinPercentage(0.5));
            assertThat(variance(counts)).as("variance at " + mu).isCloseTo(mu, withinPercentage(2.5));
        }
    }

    @Test
    void should_repeat_the_same_counts_for_the_same_seed_and_never_go_negative() {
        double[] means = {0, 0.01, 1, 50, 150, 1e5};
        long[] a = CountingNoise.poisson(means, new SplittableRandom(5));
        long[] b = CountingNoise.poisson(means, new SplittableRandom(5));
        assertThat(a).isEqualTo(b);
        assertThat(a[0]).isZero();
        assertThat(Arrays.stream(a).min().orElseThrow()).isNotNegative();
        assertThatThrownBy(() -> CountingNoise.poisson(-1, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double[] filled(double mu) {
        double[] means = new double[DRAWS];
        Arrays.fill(means, mu);
        return means;
    }

    private static double mean(long[] counts) {
        return Arrays.stream(counts).average().orElseThrow();
    }

    private static double variance(long[] counts) {
        double m = mean(counts);
        return Arrays.stream(counts).mapToDouble(c -> (c - m) * (c - m)).sum() / (counts.length - 1);
    }
}
