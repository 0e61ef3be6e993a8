package org.nanoos.labhub.simulator.battery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OpenCircuitVoltageTest {

    private final OpenCircuitVoltage ocv = LfpCell.coinCell().openCircuitVoltage();

    @Test
    void should_hold_the_two_phase_plateau_across_the_miscibility_gap() {
        // the LiFePO4/FePO4 two-phase plateau, about 3.4 V vs Li/Li+ (Padhi et al., J. Electrochem. Soc. 144, 1188)
        for (double y = ocv.miscibilityGapLower(); y <= ocv.miscibilityGapUpper(); y += 0.01) {
            assertThat(ocv.voltage(y)).isEqualTo(3.42);
        }
        // solubility limits of a few percent at room temperature (Yamada et al., Nature Materials 5, 357 (2006))
        assertThat(ocv.miscibilityGapLower()).isBetween(0.02, 0.08);
        assertThat(ocv.miscibilityGapUpper()).isCloseTo(1.0 - ocv.miscibilityGapLower(), within(1e-15));
    }

    @Test
    void should_put_the_gap_edges_at_equal_chemical_potential() {
        // binodal of the symmetric regular solution: mu(y1) = mu(1 - y1), i.e. RT ln(y/(1-y)) + Ω(1 - 2y) = 0
        double y1 = ocv.miscibilityGapLower();
        double rt = Electrochemistry.GAS_CONSTANT_J_PER_MOL_K * ocv.temperatureK();
        double mu = rt * Math.log(y1 / (1 - y1)) + ocv.interactionJPerMol() * (1 - 2 * y1);

        assertThat(mu).isCloseTo(0.0, within(1e-9));
        // and the single-phase branches meet the plateau without a step
        assertThat(ocv.voltage(y1 - 1e-12)).isCloseTo(3.42, within(1e-9));
        assertThat(ocv.voltage(1 - y1 + 1e-12)).isCloseTo(3.42, within(1e-9));
    }

    @Test
    void should_fall_monotonically_with_steep_ends() {
        double previous = Double.POSITIVE_INFINITY;
        for (int i = 1; i < 10_000; i++) {
            double v = ocv.voltage(i / 10_000.0);
            assertThat(v).isLessThanOrEqualTo(previous);
            previous = v;
        }
        assertThat(ocv.voltage(1e-9)).isGreaterThan(3.8);
        assertThat(ocv.voltage(1 - 1e-9)).isLessThan(3.0);
        assertThat(ocv.voltage(0.0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ocv.voltage(1.0)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void should_follow_the_nernst_slope_in_the_dilute_limit() {
        // for y -> 0 the single-phase branch is ideal-solution-like: 2.303 RT/F = 59.16 mV per decade at 25 °C
        double perDecade = ocv.voltage(1e-7) - ocv.voltage(1e-6);

        assertThat(perDecade).isCloseTo(0.05916, within(1e-4));
    }

    @Test
    void should_have_no_plateau_without_phase_separation() {
        // below the critical interaction Ω = 2RT the solid solution is stable at every composition
        double critical = 2 * Electrochemistry.GAS_CONSTANT_J_PER_MOL_K * 298.15;
        OpenCircuitVoltage solidSolution = new OpenCircuitVoltage(3.42, 0.5 * critical, 298.15);

        assertThat(solidSolution.miscibilityGapLower()).isEqualTo(0.5);
        assertThat(solidSolution.voltage(0.5)).isCloseTo(3.42, within(1e-12));
        assertThat(solidSolution.voltage(0.3)).isGreaterThan(solidSolution.voltage(0.4));
        assertThat(solidSolution.voltageAtStateOfCharge(0.7)).isEqualTo(solidSolution.voltage(0.3));
    }
}
