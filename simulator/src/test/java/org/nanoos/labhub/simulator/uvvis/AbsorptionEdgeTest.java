package org.nanoos.labhub.simulator.uvvis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class AbsorptionEdgeTest {

    @Test
    void should_join_the_urbach_tail_with_continuous_value_and_slope() {
        for (ThinFilm film : new ThinFilm[] {ThinFilm.galliumArsenide(500.0), ThinFilm.silicon(20_000.0)}) {
            AbsorptionEdge edge = new AbsorptionEdge(film);
            double et = edge.joinEnergyEv();
            double h = 1e-7;

            double below = edge.absorptionCoefficientPerCm(et - 1e-12);
            double above = edge.absorptionCoefficientPerCm(et + 1e-12);
            assertThat(below).as(film.name()).isCloseTo(above, withinPercentage(1e-6));

            double slopeBelow = (Math.log(edge.absorptionCoefficientPerCm(et - h))
                    - Math.log(edge.absorptionCoefficientPerCm(et - 2 * h))) / h;
            double slopeAbove = (Math.log(edge.absorptionCoefficientPerCm(et + 2 * h))
                    - Math.log(edge.absorptionCoefficientPerCm(et + h))) / h;
            assertThat(slopeBelow).as(film.name()).isCloseTo(1.0 / film.urbachEnergyEv(), withinPercentage(1e-3));
            assertThat(slopeAbove).as(film.name()).isCloseTo(slopeBelow, withinPercentage(0.01));
        }
    }

    @Test
    void should_join_just_above_the_gap() {
        // d ln α/dE = p/(E - Eg) - 1/E = 1/EU puts the join at about p·EU above Eg
        ThinFilm gaas = ThinFilm.galliumArsenide(500.0);
        ThinFilm si = ThinFilm.silicon(20_000.0);

        assertThat(new AbsorptionEdge(gaas).joinEnergyEv() - gaas.bandGapEv())
                .isBetween(0.0, 0.5 * gaas.urbachEnergyEv());
        assertThat(new AbsorptionEdge(si).joinEnergyEv() - si.bandGapEv())
                .isCloseTo(2.0 * si.urbachEnergyEv(), withinPercentage(3));
    }

    @Test
    void should_give_gallium_arsenide_edge_absorption_of_order_1e4_per_cm() {
        // Sturge, Phys. Rev. 127, 768 (1962): room-temperature GaAs absorbs ~1e4 cm^-1 a tenth of an eV above its gap
        AbsorptionEdge edge = new AbsorptionEdge(ThinFilm.galliumArsenide(500.0));

        assertThat(edge.absorptionCoefficientPerCm(1.52)).isBetween(5e3, 2e4);
    }

    @Test
    void should_compute_decadic_absorbance_from_alpha_times_thickness() {
        ThinFilm film = ThinFilm.galliumArsenide(250.0);
        AbsorptionEdge edge = new AbsorptionEdge(film);
        double alpha = edge.absorptionCoefficientPerCm(1.6);

        assertThat(edge.filmAbsorbance(1.6)).isCloseTo(alpha * 250e-7 / Math.log(10), within(1e-12));
        assertThat(Math.pow(10, -edge.filmAbsorbance(1.6))).isCloseTo(Math.exp(-alpha * 250e-7), within(1e-12));
    }
}
