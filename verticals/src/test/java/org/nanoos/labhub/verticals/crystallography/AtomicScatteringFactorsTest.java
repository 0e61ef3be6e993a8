package org.nanoos.labhub.verticals.crystallography;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AtomicScatteringFactorsTest {

    /** Atomic numbers (IUPAC periodic table): a neutral atom scatters forward with all Z of its electrons. */
    private static final Map<String, Integer> ATOMIC_NUMBER = Map.ofEntries(
            Map.entry("B", 5), Map.entry("C", 6), Map.entry("N", 7), Map.entry("O", 8), Map.entry("F", 9),
            Map.entry("Na", 11), Map.entry("Mg", 12), Map.entry("Al", 13), Map.entry("Si", 14), Map.entry("P", 15),
            Map.entry("S", 16), Map.entry("Cl", 17), Map.entry("K", 19), Map.entry("Ca", 20), Map.entry("Sc", 21),
            Map.entry("Ti", 22), Map.entry("V", 23), Map.entry("Cr", 24), Map.entry("Mn", 25), Map.entry("Fe", 26),
            Map.entry("Co", 27), Map.entry("Ni", 28), Map.entry("Cu", 29), Map.entry("Zn", 30), Map.entry("Ga", 31),
            Map.entry("Ge", 32), Map.entry("As", 33), Map.entry("Se", 34), Map.entry("Sr", 38), Map.entry("Y", 39),
            Map.entry("Zr", 40), Map.entry("Nb", 41), Map.entry("Mo", 42), Map.entry("Ag", 47), Map.entry("Cd", 48),
            Map.entry("In", 49), Map.entry("Sn", 50), Map.entry("Sb", 51), Map.entry("Te", 52), Map.entry("Ba", 56),
            Map.entry("Ta", 73), Map.entry("W", 74), Map.entry("Pt", 78), Map.entry("Au", 79), Map.entry("Pb", 82));

    @Test
    void should_tabulate_every_element_the_hub_needs() {
        assertThat(AtomicScatteringFactors.elements()).containsAll(ATOMIC_NUMBER.keySet());
        assertThat(AtomicScatteringFactors.elements()).hasSameSizeAs(ATOMIC_NUMBER.keySet());
    }

    @Test
    void should_scatter_forward_with_all_electrons_of_a_neutral_atom() {
        // f0(0) = Z for a neutral atom; the ITC Vol. C Table 6.1.1.4 fits reproduce this to a few hundredths
        // (worst among these: Nb, Ta, about 0.05)
        ATOMIC_NUMBER.forEach((element, z) ->
                assertThat(AtomicScatteringFactors.f0(element, 0.0)).as(element).isCloseTo(z, within(0.1)));
    }

    @Test
    void should_match_the_hartree_fock_table_at_finite_scattering_angle() {
        // ITC Vol. C Table 6.1.1.1 values at sin θ/λ = 0.25 and 0.50 Å⁻¹, here as reproduced by the independent
        // five-Gaussian fit of that table by Waasmaier & Kirfel, Acta Cryst. A51 (1995) 416 (their fit error is
        // below 0.001 e): Si 9.67 at 0.2, 6.24 at 0.5; Fe 18.36 at 0.25, 11.51 at 0.5; C 2.95 at 0.25, 1.68 at 0.5.
        assertThat(AtomicScatteringFactors.f0("Si", 0.2)).isCloseTo(9.675, within(0.01));
        assertThat(AtomicScatteringFactors.f0("Si", 0.5)).isCloseTo(6.240, within(0.01));
        assertThat(AtomicScatteringFactors.f0("Fe", 0.25)).isCloseTo(18.359, within(0.01));
        assertThat(AtomicScatteringFactors.f0("Fe", 0.5)).isCloseTo(11.508, within(0.01));
        assertThat(AtomicScatteringFactors.f0("C", 0.25)).isCloseTo(2.949, within(0.01));
        assertThat(AtomicScatteringFactors.f0("C", 0.5)).isCloseTo(1.683, within(0.01));
    }

    @Test
    void should_fall_monotonically_with_scattering_angle() {
        for (String element : AtomicScatteringFactors.elements()) {
            double previous = Double.MAX_VALUE;
            for (double s = 0; s <= 2.0; s += 0.05) {
                double f = AtomicScatteringFactors.f0(element, s);
                assertThat(f).as(element + " at " + s).isLessThan(previous).isPositive();
                previous = f;
            }
        }
    }

    @Test
    void should_refuse_unknown_elements_and_angles_outside_the_fit() {
        assertThatThrownBy(() -> AtomicScatteringFactors.f0("Xx", 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Xx");
        assertThatThrownBy(() -> AtomicScatteringFactors.f0("Si", 2.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AtomicScatteringFactors.f0("Si", -0.1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AtomicScatteringFactors.isKnown("Cu")).isTrue();
        assertThat(AtomicScatteringFactors.isKnown("cu")).isFalse();
    }
}
