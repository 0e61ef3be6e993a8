package org.nanoos.labhub.verticals.crystallography;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Photon-counting noise: draws Poisson-distributed counts for given expected counts. Below a mean of
 * {@value #EXACT_BELOW} counts it samples the Poisson distribution exactly by inversion of its cumulative
 * distribution; above, it uses the normal approximation N(μ, μ) rounded to an integer and clipped at zero, whose
 * relative error in the variance is below 1/(12μ). Deterministic for a given generator state.
 */
public final class CountingNoise {

    /** Means below this are sampled exactly. */
    public static final double EXACT_BELOW = 100.0;

    private CountingNoise() {
    }

    /**
     * One Poisson count with expectation {@code mean}.
     *
     * @throws IllegalArgumentException for a negative, infinite or NaN mean
     */
    public static long poisson(double mean, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        if (!(mean >= 0) || Double.isInfinite(mean)) {
            throw new IllegalArgumentException("mean must be non-negative and finite, was " + mean);
        }
        if (mean == 0) {
            return 0;
        }
        if (mean < EXACT_BELOW) {
            double u = random.nextDouble();
            double p = Math.exp(-mean);
            double cumulative = p;
            long k = 0;
            // the cap only guards against u rounding above the cumulative sum's last representable value
            long cap = (long) (mean + 40 * Math.sqrt(mean) + 40);
            while (u > cumulative && k < cap) {
                k++;
                p *= mean / k;
                cumulative += p;
            }
            return k;
        }
        return Math.max(0L, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }

    /** Independent Poisson counts for each expectation, drawn in order. */
    public static long[] poisson(double[] means, RandomGenerator random) {
        long[] counts = new long[means.length];
        for (int i = 0; i < means.length; i++) {
            counts[i] = poisson(means[i], random);
        }
        return counts;
    }
}
