package org.nanoos.labhub.verticals.battery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nanoos.labhub.verticals.battery.BatteryAnalysisException.Reason;
import org.nanoos.labhub.verticals.units.SiDefiningConstants;

/**
 * Theoretical capacities against the values the literature quotes, and average voltages checked by hand. The
 * lithium-ion values are those of Table 1 of N. Nitta, F. Wu, J. T. Lee and G. Yushin, "Li-ion battery materials:
 * present and future", Materials Today 18 (2015) 252–264 (LiCoO2 274, LiMn2O4 148, LiFePO4 170, graphite 372 mAh/g).
 */
class ElectrodeCalculatorTest {

    private static final double ONE_MAH_PER_G = 1.0;

    @Test
    void should_use_the_exact_faraday_constant() {
        // F = N_A·e = 6.02214076e23 × 1.602176634e-19 = 96485.33212… C/mol (2019 SI, both factors exact)
        assertThat(SiDefiningConstants.FARADAY_C_PER_MOL).isCloseTo(96485.33212, within(1e-5));
    }

    @Test
    void should_give_170_mAh_per_g_for_lithium_iron_phosphate() {
        // 26801.48 mAh/mol / 157.755 g/mol = 169.89 (Nitta et al.: 170; Padhi et al., J. Electrochem. Soc. 144 (1997) 1188)
        TheoreticalCapacity lfp = ElectrodeCalculator.theoreticalCapacity("LiFePO4", FormulaBasis.CONTAINS_CARRIERS,
                CarrierIon.LI, 1);
        assertThat(lfp.asGivenMahPerG()).isCloseTo(170, within(ONE_MAH_PER_G));
        assertThat(lfp.asGivenMahPerG()).isCloseTo(169.89, within(0.01));
        assertThat(lfp.perLoadedMahPerG()).isEqualTo(lfp.asGivenMahPerG());
        assertThat(lfp.hostFormula()).isEqualTo("FePO4");
        // per gram of FePO4 (150.815 g/mol): 177.71
        assertThat(lfp.perHostMahPerG()).isCloseTo(177.71, within(0.01));
        assertThat(lfp.uAsGivenMahPerG()).isPositive().isLessThan(0.1);
        assertThat(lfp.method()).contains("LiFePO4 (loaded)").contains("FePO4 (host)");
    }

    @Test
    void should_give_274_and_148_mAh_per_g_for_layered_and_spinel_oxides() {
        // LiCoO2: 26801.48 / 97.871 = 273.84 (Nitta et al.: 274)
        assertThat(ElectrodeCalculator.theoreticalCapacity("LiCoO2", FormulaBasis.CONTAINS_CARRIERS, CarrierIon.LI, 1)
                .asGivenMahPerG()).isCloseTo(274, within(ONE_MAH_PER_G));
        // LiMn2O4: 26801.48 / 180.812 = 148.23 (Nitta et al.: 148)
        assertThat(ElectrodeCalculator.theoreticalCapacity("LiMn2O4", FormulaBasis.CONTAINS_CARRIERS, CarrierIon.LI, 1)
                .asGivenMahPerG()).isCloseTo(148, within(ONE_MAH_PER_G));
    }

    @Test
    void should_give_372_mAh_per_g_of_carbon_for_graphite_whichever_way_it_is_written() {
        // LiC6: 26801.48 / 72.066 (C6) = 371.90 per gram of carbon (Nitta et al.: 372); per gram of LiC6 (79.006): 339.23
        TheoreticalCapacity fromLithiated = ElectrodeCalculator.theoreticalCapacity("LiC6",
                FormulaBasis.CONTAINS_CARRIERS, CarrierIon.LI, 1);
        TheoreticalCapacity fromHost = ElectrodeCalculator.theoreticalCapacity("C6", FormulaBasis.HOST,
                CarrierIon.LI, 1);
        assertThat(fromLithiated.perHostMahPerG()).isCloseTo(372, within(ONE_MAH_PER_G));
        assertThat(fromHost.asGivenMahPerG()).isCloseTo(372, within(ONE_MAH_PER_G));
        assertThat(fromHost.perHostMahPerG()).isEqualTo(fromLithiated.perHostMahPerG());
        assertThat(fromLithiated.asGivenMahPerG()).isCloseTo(339.23, within(0.01));
        assertThat(fromHost.loadedFormula()).isEqualTo("LiC6");
    }

    @Test
    void should_count_two_sodium_ions_for_sodium_vanadium_phosphate() {
        // Na3V2(PO4)3 → NaV2(PO4)3: 2 × 26801.48 / 455.764 = 117.61 mAh/g, the 117.6 mAh/g quoted for NASICON NVP
        // (e.g. Z. Jian et al., Electrochem. Commun. 14 (2012) 86)
        TheoreticalCapacity nvp = ElectrodeCalculator.theoreticalCapacity("Na3V2(PO4)3",
                FormulaBasis.CONTAINS_CARRIERS, CarrierIon.NA, 2);
        assertThat(nvp.asGivenMahPerG()).isCloseTo(117.6, within(0.1));
        assertThat(nvp.electronsPerFormulaUnit()).isEqualTo(2);
    }

    @Test
    void should_count_two_electrons_per_magnesium_in_the_chevrel_phase() {
        // Mo6S8 + 2 Mg²⁺ + 4 e⁻ → Mg2Mo6S8: 4 × 26801.48 / 832.18 = 128.82 mAh/g per gram of Mo6S8, the 128.8 mAh/g
        // quoted for the Chevrel phase; per gram of Mg2Mo6S8 (880.79 g/mol) 121.71 mAh/g, the ≈122 mAh/g of
        // D. Aurbach et al., Nature 407 (2000) 724
        TheoreticalCapacity chevrel = ElectrodeCalculator.theoreticalCapacity("Mo6S8", FormulaBasis.HOST,
                CarrierIon.MG, 2);
        assertThat(chevrel.electronsPerFormulaUnit()).isEqualTo(4);
        assertThat(chevrel.perHostMahPerG()).isCloseTo(128.8, within(0.1));
        assertThat(chevrel.perLoadedMahPerG()).isCloseTo(122, within(ONE_MAH_PER_G));
        assertThat(chevrel.loadedFormula()).isEqualTo("Mg2Mo6S8");
    }

    @Test
    void should_refuse_carriers_the_formula_does_not_hold_and_non_positive_counts() {
        assertThatThrownBy(() -> ElectrodeCalculator.theoreticalCapacity("FePO4", FormulaBasis.CONTAINS_CARRIERS,
                CarrierIon.LI, 1)).isInstanceOfSatisfying(BatteryAnalysisException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.CARRIERS_NOT_IN_FORMULA));
        assertThatThrownBy(() -> ElectrodeCalculator.theoreticalCapacity("LiFePO4", FormulaBasis.CONTAINS_CARRIERS,
                CarrierIon.LI, 0)).isInstanceOfSatisfying(BatteryAnalysisException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NON_POSITIVE)).hasMessageContaining("carriers per formula");
        assertThatThrownBy(() -> ElectrodeCalculator.theoreticalCapacity("LiFePO4", FormulaBasis.CONTAINS_CARRIERS,
                CarrierIon.LI, Double.NaN)).isInstanceOfSatisfying(BatteryAnalysisException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FINITE));
    }

    @Test
    void should_give_the_average_voltage_of_lithium_cobalt_oxide_from_total_energies() {
        // Illustrative total energies (not from a published calculation): E(LiCoO2) = −22.75 eV/f.u.,
        // E(CoO2) = −17.15 eV/f.u., E(Li, bcc) = −1.91 eV/atom.
        // By hand: ΔE = −22.75 − (−17.15) − 1 × (−1.91) = −3.69 eV; V = −(−3.69)/(1 × 1) = 3.69 V.
        AverageVoltage v = ElectrodeCalculator.averageVoltage(-17.15, -22.75, -1.91, CarrierIon.LI, 1);
        assertThat(v.reactionEnergyEv()).isCloseTo(-3.69, within(1e-12));
        assertThat(v.voltageV()).isCloseTo(3.69, within(1e-12));
    }

    @Test
    void should_divide_by_two_electrons_per_magnesium() {
        // Illustrative: E(Mo6S8) = −100.00, E(Mg2Mo6S8) = −106.40 eV/f.u., E(Mg, hcp) = −1.50 eV/atom, n = 2, z = 2.
        // By hand: ΔE = −106.40 + 100.00 + 2 × 1.50 = −3.40 eV; V = 3.40/(2 × 2) = 0.85 V.
        AverageVoltage v = ElectrodeCalculator.averageVoltage(-100.00, -106.40, -1.50, CarrierIon.MG, 2);
        assertThat(v.electronsPerFormulaUnit()).isEqualTo(4);
        assertThat(v.voltageV()).isCloseTo(0.85, within(1e-12));
        assertThatThrownBy(() -> ElectrodeCalculator.averageVoltage(Double.NaN, -1, -1, CarrierIon.LI, 1))
                .hasMessageContaining("E(charged)");
    }
}
