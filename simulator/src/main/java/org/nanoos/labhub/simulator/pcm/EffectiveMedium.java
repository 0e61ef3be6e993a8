package org.nanoos.labhub.simulator.pcm;

/**
 * Conductance of a random two-phase mixture in the symmetric Bruggeman effective-medium approximation (Bruggeman,
 * Ann. Phys. 416, 636 (1935); Landauer, J. Appl. Phys. 23, 779 (1952)): in three dimensions the effective
 * conductance G solves {@code (1−x)(G_a − G)/(G_a + 2G) + x(G_c − G)/(G_c + 2G) = 0}. The crystalline grains
 * percolate at {@code x = 1/3}, where the film resistance falls most steeply; the limits x = 0 and x = 1 give the
 * pure phases exactly.
 */
public final class EffectiveMedium {

    private EffectiveMedium() {
    }

    /**
     * Effective conductance of a mixture with volume fraction x of phase c in phase a: the positive root
     * {@code G = (b + sqrt(b² + 8 G_a G_c))/4}, {@code b = (3x − 1) G_c + (2 − 3x) G_a}, evaluated without
     * cancellation when b &lt; 0.
     */
    public static double bruggeman(double conductanceA, double conductanceC, double fractionC) {
        if (!(conductanceA > 0) || !(conductanceC > 0) || Double.isInfinite(conductanceA + conductanceC)) {
            throw new IllegalArgumentException("conductances must be positive and finite");
        }
        if (!(fractionC >= 0 && fractionC <= 1)) {
            throw new IllegalArgumentException("volume fraction must be within [0, 1], was " + fractionC);
        }
        double b = (3.0 * fractionC - 1.0) * conductanceC + (2.0 - 3.0 * fractionC) * conductanceA;
        double product = 8.0 * conductanceA * conductanceC;
        double root = Math.sqrt(b * b + product);
        return b >= 0 ? (b + root) / 4.0 : product / (4.0 * (root - b));
    }
}
