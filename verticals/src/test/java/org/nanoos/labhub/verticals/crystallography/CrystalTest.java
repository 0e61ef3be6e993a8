package org.nanoos.labhub.verticals.crystallography;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrystalTest {

    // Atoms per conventional cell (e.g. Cullity & Stock, Elements of X-Ray Diffraction, 3rd ed., ch. 2):
    // fcc 4, bcc 2, diamond 8, rock salt 4 + 4, zinc blende 4 + 4, hcp 2.

    @Test
    void should_generate_the_full_conventional_cell_from_the_centring() {
        assertThat(Crystal.fcc("Cu", 3.615, 0.55).atoms()).hasSize(4);
        assertThat(Crystal.bcc("Fe", 2.8665, 0.35).atoms()).hasSize(2);
        assertThat(Crystal.diamond("Si", 5.431, 0.46).atoms()).hasSize(8);
        assertThat(Crystal.hcp("Mg", 3.209, 5.211, 1.3).atoms()).hasSize(2);
        Crystal salt = Crystal.rockSalt("Na", "Cl", 5.640, 1.6, 1.2);
        assertThat(salt.atoms()).hasSize(8);
        assertThat(salt.atoms().stream().filter(a -> a.element().equals("Na"))).hasSize(4);
        assertThat(Crystal.zincBlende("Ga", "As", 5.653, 0.6, 0.6).atoms()).hasSize(8);
    }

    @Test
    void should_place_the_face_centring_atoms_at_the_face_centres() {
        List<Atom> cu = Crystal.fcc("Cu", 3.615, 0.55).atoms();
        assertThat(cu).extracting(a -> a.x() + a.y() + a.z()).containsExactlyInAnyOrder(0.0, 1.0, 1.0, 1.0);
        // the rock-salt anion at (½,½,½) maps onto the cell edges (½,0,0), (0,½,0), (0,0,½), all inside [0, 1)
        Crystal salt = Crystal.rockSalt("Na", "Cl", 5.640, 1.6, 1.2);
        assertThat(salt.atoms()).allSatisfy(a -> {
            assertThat(a.x()).isBetween(0.0, 0.999);
            assertThat(a.y()).isBetween(0.0, 0.999);
            assertThat(a.z()).isBetween(0.0, 0.999);
        });
    }

    @Test
    void should_not_duplicate_a_site_that_the_centring_maps_onto_itself() {
        // an atom at the body centre of an I lattice is its own translate's partner: (½,½,½) + (½,½,½) = (0,0,0)
        Crystal twoSites = Crystal.centred("test", Lattice.cubic(3.0), Centring.I,
                List.of(Atom.of("Fe", 0, 0, 0, 0.3), Atom.of("Fe", 0.5, 0.5, 0.5, 0.3)));
        assertThat(twoSites.atoms()).hasSize(2);
    }

    @Test
    void should_give_cell_volumes_and_spacings_of_the_three_families() {
        // d(hkl) formulas: International Tables Vol. C, Table 1.1.2.1 (reciprocal metric)
        assertThat(Lattice.cubic(4.0).dSpacing(1, 1, 1)).isCloseTo(4.0 / Math.sqrt(3), within(1e-12));
        assertThat(Lattice.tetragonal(4.0, 6.0).dSpacing(0, 0, 2)).isCloseTo(3.0, within(1e-12));
        assertThat(Lattice.tetragonal(4.0, 6.0).dSpacing(1, 1, 0)).isCloseTo(4.0 / Math.sqrt(2), within(1e-12));
        // hexagonal (100): d = a·√3/2; (110): d = a/2; (001): d = c
        assertThat(Lattice.hexagonal(3.209, 5.211).dSpacing(1, 0, 0)).isCloseTo(3.209 * Math.sqrt(3) / 2, within(1e-12));
        assertThat(Lattice.hexagonal(3.209, 5.211).dSpacing(1, 1, 0)).isCloseTo(3.209 / 2, within(1e-12));
        assertThat(Lattice.hexagonal(3.209, 5.211).dSpacing(0, 0, 1)).isCloseTo(5.211, within(1e-12));
        assertThat(Lattice.hexagonal(2.0, 3.0).volume()).isCloseTo(Math.sqrt(3) / 2 * 4 * 3, within(1e-12));
        assertThatThrownBy(() -> Lattice.cubic(4.0).dSpacing(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Lattice(LatticeSystem.CUBIC, 4.0, 5.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_reject_unphysical_atoms() {
        assertThatThrownBy(() -> new Atom("Si", 0, 0, 0, 0, 0.4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Atom.of("Si", 0, 0, 0, -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Atom.of(" ", 0, 0, 0, 0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
