package org.nanoos.labhub.verticals.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UcumUnitsTest {

    /** Relative tolerance for conversions that are exact by definition (only double rounding remains). */
    private static Offset<Double> exactly(double expected) {
        return within(Math.abs(expected) * 1e-15);
    }

    private static double toSi(String code, double value) throws UnknownUnitException {
        return UcumUnits.toSi(code).convert(value);
    }

    // --- temperature: 0 °C = 273.15 K by definition of the Celsius scale (SI Brochure, 9th ed., 2.3.1)

    @Test
    void should_convert_celsius_to_kelvin() throws Exception {
        SiConverter celsius = UcumUnits.toSi("Cel");

        assertThat(celsius.convert(0.0)).isEqualTo(273.15);
        assertThat(celsius.convert(812.5)).isCloseTo(1085.65, within(1e-9));
        assertThat(celsius.convert(-273.15)).isCloseTo(0.0, within(1e-12));
        assertThat(celsius.siUnit()).isEqualTo("K");
        assertThat(celsius.originalUnit()).isEqualTo("Cel");
        assertThat(celsius.isAbsoluteTemperature()).isTrue();
    }

    @Test
    void should_convert_fahrenheit_freezing_and_boiling_points_to_kelvin() throws Exception {
        // T/K = (T/°F + 459.67) × 5/9 (NIST SP 811, B.9): 32 °F = 273.15 K, 212 °F = 373.15 K
        assertThat(toSi("[degF]", 32.0)).isCloseTo(273.15, within(1e-9));
        assertThat(toSi("[degF]", 212.0)).isCloseTo(373.15, within(1e-9));
        assertThat(UcumUnits.toSi("[degF]").isAbsoluteTemperature()).isTrue();
    }

    @Test
    void should_treat_kelvin_and_millikelvin_as_absolute_temperature_but_not_kelvin_per_second() throws Exception {
        assertThat(UcumUnits.toSi("K").isAbsoluteTemperature()).isTrue();
        assertThat(toSi("mK", 1500.0)).isCloseTo(1.5, exactly(1.5));
        assertThat(UcumUnits.toSi("mK").isAbsoluteTemperature()).isTrue();
        assertThat(UcumUnits.toSi("K/s").isAbsoluteTemperature()).isFalse();
        assertThat(UcumUnits.toSi("Pa").isAbsoluteTemperature()).isFalse();
    }

    // --- pressure

    @Test
    void should_convert_bar_and_millibar_to_pascal() throws Exception {
        // 1 bar = 10^5 Pa exactly (SI Brochure, 9th ed., Table 8)
        assertThat(toSi("bar", 1.0)).isEqualTo(100_000.0);
        assertThat(toSi("mbar", 1013.25)).isCloseTo(101_325.0, exactly(101_325.0));
        assertThat(toSi("kPa", 2.5)).isEqualTo(2500.0);
        assertThat(UcumUnits.toSi("bar").siUnit()).isEqualTo("Pa");
    }

    @Test
    void should_convert_760_millimetres_of_mercury_to_one_standard_atmosphere() throws Exception {
        // The standard atmosphere is 101 325 Pa by definition (10th CGPM, 1954, Resolution 4) and 1 atm = 760 Torr;
        // UCUM's conventional mm[Hg] (133.322 Pa) differs from the torr by about 1.4e-7, so 760 mm[Hg] lands within 1 Pa.
        assertThat(toSi("mm[Hg]", 760.0)).isCloseTo(101_325.0, within(1.0));
        assertThat(toSi("atm", 1.0)).isEqualTo(101_325.0);
    }

    @Test
    void should_convert_psi_to_pascal() throws Exception {
        // 1 psi = 6.894 757 293 168 kPa (NIST SP 811, B.8: lbf/in² from the exact avoirdupois pound, inch and g_n)
        SiConverter psi = UcumUnits.toSi("[psi]");

        assertThat(psi.convert(1.0)).isCloseTo(6894.757293168, within(1e-6));
        assertThat(psi.siUnit()).isEqualTo("Pa");
    }

    @Test
    void should_reject_torr_because_ucum_does_not_define_it() {
        // UCUM has no torr; mm[Hg] is its pressure unit of mercury column.
        assertThatThrownBy(() -> UcumUnits.toSi("Torr"))
                .isInstanceOf(UnknownUnitException.class)
                .hasMessageContaining("'Torr'");
    }

    // --- flow, length, angle

    @Test
    void should_convert_litre_per_minute_to_cubic_metre_per_second() throws Exception {
        // 1 L = 10^-3 m³ (SI Brochure, Table 8), 1 min = 60 s: 1 L/min = 1/60000 m³/s ≈ 1.6667e-5
        SiConverter litrePerMinute = UcumUnits.toSi("L/min");

        assertThat(litrePerMinute.convert(1.0)).isCloseTo(1.0 / 60_000, exactly(1.0 / 60_000));
        assertThat(litrePerMinute.convert(1.0)).isCloseTo(1.6667e-5, within(1e-9));
        assertThat(litrePerMinute.siUnit()).isEqualTo("m3/s");
    }

    @Test
    void should_convert_gas_flow_in_sccm_given_as_cubic_centimetre_per_minute() throws Exception {
        assertThat(toSi("cm3/min", 100.0)).isCloseTo(100e-6 / 60, exactly(100e-6 / 60));
        assertThat(UcumUnits.toSi("cm3/min").siUnit()).isEqualTo("m3/s");
        assertThat(UcumUnits.toSi("m3/s").convert(0.25)).isEqualTo(0.25);
    }

    @Test
    void should_convert_angstrom_nanometre_and_micrometre_to_metre() throws Exception {
        // 1 Å = 10^-10 m (SI Brochure, 8th ed., Table 8)
        assertThat(toSi("Ao", 1.0)).isCloseTo(1e-10, exactly(1e-10));
        assertThat(toSi("Ao", 1.5406)).isCloseTo(1.5406e-10, exactly(1.5406e-10));
        assertThat(toSi("nm", 532.0)).isCloseTo(532e-9, exactly(532e-9));
        assertThat(toSi("um", 3.0)).isCloseTo(3e-6, exactly(3e-6));
        assertThat(UcumUnits.toSi("Ao").siUnit()).isEqualTo("m");
    }

    @Test
    void should_convert_degrees_to_radians() throws Exception {
        // 1° = (π/180) rad (SI Brochure, 9th ed., Table 8)
        assertThat(toSi("deg", 180.0)).isCloseTo(Math.PI, exactly(Math.PI));
        assertThat(UcumUnits.toSi("deg").siUnit()).isEqualTo("rad");
        assertThat(UcumUnits.toSi("deg/min").siUnit()).isEqualTo("rad/s");
    }

    // --- dimensionless

    @Test
    void should_convert_percent_to_dimensionless_fraction() throws Exception {
        assertThat(toSi("%", 50.0)).isEqualTo(0.5);
        assertThat(UcumUnits.toSi("%").siUnit()).isEqualTo("1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{count}", "{counts}", "1", "{}"})
    void should_treat_annotations_as_dimensionless_one(String code) throws Exception {
        SiConverter converter = UcumUnits.toSi(code);

        assertThat(converter.siUnit()).isEqualTo("1");
        assertThat(converter.convert(12345.0)).isEqualTo(12345.0);
        assertThat(converter.isIdentity()).isTrue();
        assertThat(converter.originalUnit()).isEqualTo(code);
    }

    @Test
    void should_treat_a_missing_unit_as_dimensionless_one() throws Exception {
        SiConverter none = UcumUnits.toSi(null);
        SiConverter empty = UcumUnits.toSi("");

        assertThat(none.siUnit()).isEqualTo("1");
        assertThat(none.originalUnit()).isNull();
        assertThat(none.convert(7.0)).isEqualTo(7.0);
        assertThat(empty.siUnit()).isEqualTo("1");
        assertThat(empty.originalUnit()).isEmpty();
    }

    // --- electrical, energy, time, mass, amount

    @Test
    void should_convert_electronvolt_with_the_exact_2019_si_elementary_charge() throws Exception {
        // e = 1.602 176 634 × 10^-19 C exactly since the 2019 SI redefinition (SI Brochure, 9th ed., Table 1),
        // so 1 eV = 1.602 176 634 × 10^-19 J; systems-ucum 2.2 alone would give the CODATA 2006 value 1.602176487e-19.
        assertThat(toSi("eV", 1.0)).isCloseTo(1.602176634e-19, exactly(1.602176634e-19));
        assertThat(toSi("keV", 8.048)).isCloseTo(8.048e3 * 1.602176634e-19, exactly(8.048e3 * 1.602176634e-19));
        assertThat(toSi("[e]", 1.0)).isCloseTo(1.602176634e-19, exactly(1.602176634e-19));
        assertThat(UcumUnits.toSi("eV").siUnit()).isEqualTo("J");
    }

    @Test
    void should_use_the_exact_2019_si_planck_and_boltzmann_constants() throws Exception {
        // h = 6.626 070 15 × 10^-34 J s, k = 1.380 649 × 10^-23 J/K exactly (SI Brochure, 9th ed., Table 1)
        assertThat(toSi("[h]", 1.0)).isCloseTo(6.62607015e-34, exactly(6.62607015e-34));
        assertThat(toSi("[k]", 1.0)).isCloseTo(1.380649e-23, exactly(1.380649e-23));
    }

    @Test
    void should_convert_milliampere_hours_to_coulomb() throws Exception {
        // 1 mA·h = 10^-3 A × 3600 s = 3.6 C
        SiConverter mAh = UcumUnits.toSi("mA.h");

        assertThat(mAh.convert(1.0)).isCloseTo(3.6, exactly(3.6));
        assertThat(mAh.siUnit()).isEqualTo("C");
        assertThat(toSi("mA", 250.0)).isCloseTo(0.25, exactly(0.25));
    }

    @Test
    void should_convert_time_mass_and_concentration() throws Exception {
        assertThat(toSi("min", 2.0)).isEqualTo(120.0);
        assertThat(toSi("h", 1.5)).isEqualTo(5400.0);
        assertThat(toSi("s", 3.0)).isEqualTo(3.0);
        assertThat(toSi("g", 12.0)).isCloseTo(0.012, exactly(0.012));
        assertThat(toSi("mg", 5.0)).isCloseTo(5e-6, exactly(5e-6));
        // 1 mol/L = 1 mol / 10^-3 m³ = 1000 mol/m³
        assertThat(toSi("mol/L", 0.1)).isCloseTo(100.0, exactly(100.0));
    }

    // --- canonical SI unit codes

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "Cel, K", "K, K", "[degF], K",
            "Pa, Pa", "kPa, Pa", "mbar, Pa", "bar, Pa", "mm[Hg], Pa", "[psi], Pa", "kg.m-1.s-2, Pa",
            "m3/s, m3/s", "cm3/min, m3/s", "L/min, m3/s",
            "nm, m", "um, m", "Ao, m",
            "deg, rad", "%, 1", "{count}, 1", "{counts}, 1",
            "V, V", "mA, A", "mA.h, C", "W, W", "eV, J", "Hz, Hz", "1/s, Hz",
            "s, s", "min, s", "h, s", "g, kg", "mg, kg", "mol/L, mol/m3",
            "N, N", "C, C", "Ohm, Ohm", "S, S", "F, F", "T, T", "Wb, Wb", "H, H", "J, J",
            "mA/cm2, A/m2", "m/s2, m/s2", "J/K, kg.m2.s-2.K-1", "W/m2, kg/s3", "m-1, m-1", "rad/s, rad/s",
            "mol, mol", "cd, cd", "sr, sr"
    })
    void should_name_the_si_unit_canonically(String code, String siUnit) throws Exception {
        assertThat(UcumUnits.toSi(code).siUnit()).isEqualTo(siUnit);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Cel", "[psi]", "cm3/min", "deg/min", "mA.h", "eV", "mol/L", "J/K", "W/m2", "Ohm.m",
            "m-1", "lx", "mA/cm2", "{counts}", "Gy"})
    void should_parse_the_si_unit_code_again_to_itself(String code) throws Exception {
        String siUnit = UcumUnits.toSi(code).siUnit();

        SiConverter again = UcumUnits.toSi(siUnit);

        assertThat(again.siUnit()).isEqualTo(siUnit);
        assertThat(again.isIdentity()).isTrue();
    }

    // --- caching and rejection

    @Test
    void should_return_the_same_converter_for_the_same_code() throws Exception {
        assertThat(UcumUnits.toSi("kPa")).isSameAs(UcumUnits.toSi("kPa"));
        assertThat(UcumUnits.toSi("Cel")).isSameAs(UcumUnits.toSi("Cel"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"furlongs", "kelvinz", "cel", "CEL", "kelvin", "Kx", "K/", "m3/s)"})
    void should_reject_codes_that_are_not_case_sensitive_ucum(String code) {
        assertThatThrownBy(() -> UcumUnits.toSi(code))
                .isInstanceOf(UnknownUnitException.class)
                .hasMessageStartingWith("unknown unit '" + code + "'")
                .hasMessageContaining("not a valid case-sensitive UCUM code")
                .satisfies(e -> assertThat(((UnknownUnitException) e).unitCode()).isEqualTo(code));
    }

    @Test
    void should_reject_codes_with_whitespace_or_non_ascii_characters() {
        assertThatThrownBy(() -> UcumUnits.toSi("K ")).hasMessageContaining("without spaces");
        assertThatThrownBy(() -> UcumUnits.toSi("°C")).hasMessageContaining("U+00B0");
    }

    @Test
    void should_reject_arbitrary_and_logarithmic_units_that_have_no_si_equivalent() {
        assertThatThrownBy(() -> UcumUnits.toSi("[iU]"))
                .isInstanceOf(UnknownUnitException.class)
                .hasMessageContaining("not commensurable with any SI unit");
        assertThatThrownBy(() -> UcumUnits.toSi("Np"))
                .isInstanceOf(UnknownUnitException.class)
                .hasMessageContaining("logarithmic");
    }

    @Test
    void should_reject_units_whose_scale_overflows_a_double() {
        assertThatThrownBy(() -> UcumUnits.toSi("km400"))
                .isInstanceOf(UnknownUnitException.class)
                .hasMessageContaining("outside the range of a double");
    }

    @Test
    void should_reject_overlong_codes() {
        assertThatThrownBy(() -> UcumUnits.toSi("m".repeat(UcumUnits.MAX_CODE_LENGTH + 1)))
                .isInstanceOf(UnknownUnitException.class)
                .hasMessageContaining("longer than");
    }
}
