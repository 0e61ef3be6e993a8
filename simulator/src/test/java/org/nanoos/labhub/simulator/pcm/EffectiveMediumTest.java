package org.nanoos.labhub.simulator.pcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class EffectiveMediumTest {

    @Test
    void should_give_the_pure_phases_at_the_ends() {
        assertThat(EffectiveMedium.bruggeman(1e-7, 1e-4, 0.0)).isCloseTo(1e-7, withinPercentage(1e-10));
        assertThat(EffectiveMedium.bruggeman(1e-7, 1e-4, 1.0)).isCloseTo(1e-4, withinPercentage(1e-10));
        assertThat(EffectiveMedium.bruggeman(2.0, 2.0, 0.4)).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void should_solve_the_bruggeman_self_consistency_equation() {
        double ga = 1e-7;
        double gc = 1e-3;
        for (double x = 0.0; x <= 1.0; x += 0.05) {
            double g = EffectiveMedium.bruggeman(ga, gc, x);
            double residual = (1 - x) * (ga - g) / (ga + 2 * g) + x * (gc - g) / (gc + 2 * g);
            assertThat(residual).as("x = %s", x).isCloseTo(0.0, within(1e-12));
        }
    }

    @Test
    void should_reproduce_the_analytic_limits_around_the_percolation_threshold() {
        // Landauer, J. Appl. Phys. 23, 779 (1952): for G_c >> G_a the 3D Bruggeman medium gives G = G_a/(1 - 3x)
        // below the threshold x = 1/3 and G = G_c (3x - 1)/2 above it
        double ga = 1.0;
        double gc = 1e12;

        assertThat(EffectiveMedium.bruggeman(ga, gc, 0.2)).isCloseTo(ga / (1 - 0.6), withinPercentage(1e-3));
        assertThat(EffectiveMedium.bruggeman(ga, gc, 0.6)).isCloseTo(gc * (1.8 - 1) / 2, withinPercentage(1e-3));
        // at the threshold itself the geometric-mean-like value sqrt(G_a G_c / 2)
        assertThat(EffectiveMedium.bruggeman(ga, gc, 1.0 / 3.0)).isCloseTo(Math.sqrt(ga * gc / 2), withinPercentage(0.1));
    }
}
