package org.nanoos.labhub.simulator.battery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ElectrochemistryTest {

    @Test
    void should_give_the_molar_mass_of_lithium_iron_phosphate_from_iupac_atomic_weights() {
        // IUPAC/CIAAW standard atomic weights (abridged, 2021): Li 6.94, Fe 55.845, P 30.974, O 15.999
        double molarMass = 6.94 + 55.845 + 30.974 + 4 * 15.999;

        assertThat(molarMass).isCloseTo(157.76, within(0.005));
        assertThat(Electrochemistry.LITHIUM_IRON_PHOSPHATE_G_PER_MOL).isCloseTo(molarMass, within(1e-3));
    }

    @Test
    void should_give_the_theoretical_170_mah_per_g_of_lithium_iron_phosphate() {
        // C = n F / (3.6 M), n = 1 (Fe2+/Fe3+), M = 157.76 g/mol: the 170 mAh/g quoted for LiFePO4 since
        // Padhi, Nanjundaswamy & Goodenough, J. Electrochem. Soc. 144, 1188 (1997)
        double capacity = Electrochemistry.lithiumIronPhosphateCapacityMahPerG();

        assertThat(capacity).isCloseTo(96_485.33212 / (3.6 * 157.76), within(0.01));
        assertThat(capacity).isCloseTo(170.0, within(0.5));
        assertThat(capacity).isCloseTo(169.89, within(0.01));
    }

    @Test
    void should_use_faraday_and_gas_constants_from_the_exact_si_constants() {
        // 2019 SI: e = 1.602176634e-19 C, N_A = 6.02214076e23 /mol, k_B = 1.380649e-23 J/K, all exact
        assertThat(Electrochemistry.FARADAY_C_PER_MOL).isCloseTo(1.602176634e-19 * 6.02214076e23, within(1e-5));
        assertThat(Electrochemistry.GAS_CONSTANT_J_PER_MOL_K).isCloseTo(1.380649e-23 * 6.02214076e23, within(1e-8));
        // and the thermal voltage at 25 °C is the familiar 25.69 mV
        assertThat(Electrochemistry.thermalVoltage(298.15)).isCloseTo(0.025693, within(1e-6));
    }
}
