package org.nanoos.labhub.verticals.battery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nanoos.labhub.verticals.battery.BatteryAnalysisException.Reason;

/**
 * Formula parsing and molar masses. Reference molar masses are the CRC Handbook of Chemistry and Physics (97th ed.,
 * "Physical Constants of Inorganic Compounds") values, which use the full standard atomic weights; the abridged
 * weights used here agree with them to about 0.01 g/mol for these formulas.
 */
class ChemicalFormulaTest {

    @Test
    void should_weigh_water_as_18_015() {
        // H2O: 2 × 1.0080 + 15.999 = 18.015 g/mol (CRC: 18.015)
        ChemicalFormula water = ChemicalFormula.parse("H2O");
        assertThat(water.composition()).containsExactly(entry("H", 2.0), entry("O", 1.0));
        assertThat(water.molarMassGPerMol()).isCloseTo(18.015, within(0.0005));
        // u(M) = √((2·0.0002/√3)² + (0.001/√3)²) = 6.2e-4 g/mol
        assertThat(water.molarMass().standardUncertaintyGPerMol()).isCloseTo(6.22e-4, within(1e-5));
    }

    @Test
    void should_expand_nested_brackets() {
        // Ca3(PO4)2: 3 × 40.078 + 2 × (30.974 + 4 × 15.999) = 310.174 g/mol (CRC: 310.18)
        ChemicalFormula apatite = ChemicalFormula.parse("Ca3(PO4)2");
        assertThat(apatite.count("Ca")).isEqualTo(3);
        assertThat(apatite.count("P")).isEqualTo(2);
        assertThat(apatite.count("O")).isEqualTo(8);
        assertThat(apatite.molarMassGPerMol()).isCloseTo(310.18, within(0.01));

        // K4[Fe(CN)6]: 4 × 39.098 + 55.845 + 6 × (12.011 + 14.007) = 368.345 g/mol (CRC, anhydrous: 368.35)
        ChemicalFormula ferrocyanide = ChemicalFormula.parse("K4[Fe(CN)6]");
        assertThat(ferrocyanide.count("C")).isEqualTo(6);
        assertThat(ferrocyanide.count("N")).isEqualTo(6);
        assertThat(ferrocyanide.molarMassGPerMol()).isCloseTo(368.35, within(0.01));

        assertThat(ChemicalFormula.parse("{[(CH3)2]2}3").count("H")).isEqualTo(36);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {"CuSO4·5H2O", "CuSO4*5H2O", "CuSO4 · 5H2O", "CuSO4•5H2O", "CuSO4∙5H2O"})
    void should_add_the_water_of_a_hydrate(String text) {
        // CuSO4·5H2O: 63.546 + 32.06 + 4 × 15.999 + 5 × 18.015 = 249.677 g/mol (CRC: 249.69 with the full weights)
        ChemicalFormula hydrate = ChemicalFormula.parse(text);
        assertThat(hydrate.count("H")).isEqualTo(10);
        assertThat(hydrate.count("O")).isEqualTo(9);
        assertThat(hydrate.molarMassGPerMol()).isCloseTo(249.69, within(0.015));
    }

    @Test
    void should_read_a_dot_hydrate_when_no_decimal_is_possible_or_when_asked() {
        // '.' followed by a letter: a hydrate with one water; CuSO4·H2O = 159.602 + 18.015
        assertThat(ChemicalFormula.parse("CuSO4.H2O").molarMassGPerMol()).isCloseTo(177.617, within(0.001));
        assertThat(ChemicalFormula.parse("CuSO4.5H2O", DotReading.HYDRATE_DOT).molarMassGPerMol())
                .isCloseTo(249.677, within(0.001));
        // gypsum hemihydrate: the leading count of a hydrate part may be decimal
        ChemicalFormula hemihydrate = ChemicalFormula.parse("CaSO4·0.5H2O");
        assertThat(hemihydrate.count("H")).isEqualTo(1.0);
        assertThat(hemihydrate.count("O")).isEqualTo(4.5);
    }

    @Test
    void should_read_fractional_occupancies() {
        ChemicalFormula halfLithiated = ChemicalFormula.parse("Li0.5CoO2");
        assertThat(halfLithiated.count("Li")).isEqualTo(0.5);
        // 0.5 × 6.94 + 58.933 + 2 × 15.999 = 94.401
        assertThat(halfLithiated.molarMassGPerMol()).isCloseTo(94.401, within(1e-9));

        ChemicalFormula nca = ChemicalFormula.parse("LiNi0.8Co0.15Al0.05O2");
        assertThat(nca.count("Ni")).isEqualTo(0.8);
        assertThat(nca.count("Al")).isEqualTo(0.05);
        // 6.94 + 0.8 × 58.693 + 0.15 × 58.933 + 0.05 × 26.982 + 2 × 15.999 = 96.08145
        assertThat(nca.molarMassGPerMol()).isCloseTo(96.08145, within(1e-9));

        // LAGP needs the decimal reading chosen explicitly: '1.5' could be a hydrate dot
        ChemicalFormula lagp = ChemicalFormula.parse("Li1.5Al0.5Ge1.5(PO4)3", DotReading.DECIMAL_POINT);
        assertThat(lagp.count("Li")).isEqualTo(1.5);
        assertThat(lagp.count("Ge")).isEqualTo(1.5);
        assertThat(lagp.count("O")).isEqualTo(12);
    }

    @Test
    void should_add_and_remove_carriers_and_write_the_result() {
        assertThat(ChemicalFormula.parse("LiFePO4").withRemoved("Li", 1).text()).isEqualTo("FePO4");
        assertThat(ChemicalFormula.parse("C6").withAdded("Li", 1).text()).isEqualTo("LiC6");
        assertThat(ChemicalFormula.parse("Li0.5CoO2").withAdded("Li", 0.5).text()).isEqualTo("LiCoO2");
        assertThat(ChemicalFormula.parse("Na3V2(PO4)3").withRemoved("Na", 2).text()).isEqualTo("NaV2P3O12");
        assertThat(ChemicalFormula.parse("Ge2Sb2Te5").atoms()).isEqualTo(9);
        assertThatThrownBy(() -> ChemicalFormula.parse("Li0.5CoO2").withRemoved("Li", 1))
                .isInstanceOfSatisfying(BatteryAnalysisException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CARRIERS_NOT_IN_FORMULA))
                .hasMessageContaining("holds 0.5 Li");
    }

    @ParameterizedTest(name = "\"{0}\" → {1} at {2}")
    @CsvSource(delimiter = ';', value = {
            "'';                    EMPTY_FORMULA;             0",
            "'   ';                 EMPTY_FORMULA;             0",
            "LiXxO2;                UNKNOWN_ELEMENT;           2",
            "Ca3(PO4;               UNBALANCED_BRACKETS;       3",
            "CaPO4)2;               UNBALANCED_BRACKETS;       5",
            "K4[Fe(CN)6);           UNBALANCED_BRACKETS;       10",
            "H0O;                   BAD_COUNT;                 1",
            "Li0.0CoO2;             BAD_COUNT;                 2",
            "2H2O;                  BAD_COUNT;                 0",
            "Ca3()2;                BAD_COUNT;                 3",
            "co2;                   UNEXPECTED_CHARACTER;      0",
            "Fe2O3-;                UNEXPECTED_CHARACTER;      5",
            "Li Fe PO4;             UNEXPECTED_CHARACTER;      2",
            "CuSO4·;                UNEXPECTED_CHARACTER;      5",
            "CuSO4.5H2O;            AMBIGUOUS_DOT;             5",
            "TcO2;                  NO_STANDARD_ATOMIC_WEIGHT; 0",
            "PuO2;                  NO_STANDARD_ATOMIC_WEIGHT; 0",
            "(H2O·H2O);             UNBALANCED_BRACKETS;       0"})
    void should_refuse_bad_formulas_and_say_where(String text, Reason reason, int position) {
        assertThatThrownBy(() -> ChemicalFormula.parse(text))
                .isInstanceOfSatisfying(BatteryAnalysisException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.position()).isEqualTo(position);
                })
                .hasMessageContaining("index " + position);
    }

    @Test
    void should_say_why_an_element_has_no_weight() {
        assertThatThrownBy(() -> ChemicalFormula.parse("UO2Pu"))
                .hasMessageContaining("Pu (Z = 94) has no IUPAC standard atomic weight").hasMessageContaining("index 3");
        // the actinides with standard weights are accepted: ThO2 = 232.04 + 2 × 15.999
        assertThat(ChemicalFormula.parse("ThO2").molarMassGPerMol()).isCloseTo(264.038, within(1e-9));
        assertThat(ChemicalFormula.parse("UO2").molarMassGPerMol()).isCloseTo(270.028, within(1e-9));
        assertThat(ChemicalFormula.parse("Pa").molarMassGPerMol()).isCloseTo(231.04, within(1e-9));
    }

    @Test
    void should_hold_84_standard_weights_from_hydrogen_to_uranium() {
        assertThat(AtomicWeights.all()).hasSize(84);
        assertThat(AtomicWeights.of("Bi").value()).isEqualTo(208.98);
        // the 2024 revision of zirconium (CIAAW, decided 2023): 91.222(3)
        assertThat(AtomicWeights.of("Zr").value()).isEqualTo(91.222);
        assertThat(AtomicWeights.isElement("Og")).isTrue();
        assertThat(AtomicWeights.find("Tc")).isEmpty();
    }
}
