package org.nanoos.labhub.verticals.pcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nanoos.labhub.verticals.battery.ChemicalFormula;
import org.nanoos.labhub.verticals.pcm.PcmAnalysisException.Reason;
import org.nanoos.labhub.verticals.units.SiDefiningConstants;

/** Phase-change-memory figures against hand calculations and synthetic R(T) sweeps of known transition. */
class PcmCalculatorTest {

    private static final double TC_K = 423.15; // 150 °C
    private static final double WIDTH_K = 4.0;

    /**
     * A GST-like heating sweep from 25 to 300 °C in 1 K steps: log₁₀R = 4 + 3/(1 + exp((T − T_c)/w)), a logistic fall
     * of three decades centred at T_c = 150 °C, plus an optional sloping amorphous baseline and Gaussian noise in
     * log₁₀R. Ground truth: the steepest fall is at T_c exactly, with slope −3/(4w) = −0.1875 decades/K for w = 4 K,
     * and −d log₁₀R/dT ∝ sech²((T − T_c)/2w) falls to half at |T − T_c| = 2w·arcosh(√2) = 1.7627·w = 7.051 K.
     */
    private static ResistanceSweep logisticSweep(double baselineDecadesPerK, double noiseDecades, long seed) {
        Random random = new Random(seed);
        int n = 276;
        double[] t = new double[n];
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 298.15 + i;
            double y = 4 + 3 / (1 + Math.exp((t[i] - TC_K) / WIDTH_K)) + baselineDecadesPerK * (t[i] - 298.15)
                    + noiseDecades * random.nextGaussian();
            r[i] = Math.pow(10, y);
        }
        return new ResistanceSweep(t, r);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void should_find_the_crystallization_temperature_of_a_three_decade_drop_within_half_a_kelvin(long seed) {
        // 0.01 decade noise and a −0.004 decade/K amorphous baseline (thermally activated conduction)
        CrystallizationTemperature tc = PcmCalculator.crystallizationTemperature(logisticSweep(-0.004, 0.01, seed),
                CrystallizationOptions.defaults());
        assertThat(tc.temperatureK()).isCloseTo(TC_K, within(0.5));
        assertThat(tc.temperatureC()).isCloseTo(150.0, within(0.5));
        assertThat(tc.slopeDecadesPerK()).isNegative();
        assertThat(tc.lowHalfMaximumK()).isLessThan(tc.temperatureK());
        assertThat(tc.highHalfMaximumK()).isGreaterThan(tc.temperatureK());
        assertThat(tc.dropDecades()).isBetween(2.0, 2.6);
        // automatic smoothing: 5 × the 1 K step
        assertThat(tc.smoothingHalfWidthK()).isEqualTo(5.0);
        assertThat(tc.method()).contains("±5 K");
    }

    @Test
    void should_give_the_slope_and_half_width_of_the_derivative_peak() {
        // noise-free, no baseline, light smoothing (±2 K): slope −0.1875 decades/K and half-width 7.051 K (see above),
        // the quadratic smoothing flattening the peak by a few per cent
        CrystallizationTemperature sharp = PcmCalculator.crystallizationTemperature(logisticSweep(0, 0, 0),
                CrystallizationOptions.defaults().withSmoothingHalfWidthK(2));
        assertThat(sharp.temperatureK()).isCloseTo(TC_K, within(1e-6));
        assertThat(sharp.slopeDecadesPerK()).isCloseTo(-0.1875, within(0.1875 * 0.03));
        assertThat(sharp.halfWidthK()).isCloseTo(7.051, within(0.25));
        // the logistic falls by 3·tanh(arcosh √2) = 3/√2 = 2.121 decades between the half-maximum points
        assertThat(sharp.dropDecades()).isCloseTo(2.121, within(0.05));
    }

    @Test
    void should_read_a_sweep_in_celsius_and_with_uneven_steps() {
        // 2 K steps below 140 °C, 0.5 K above: the local fits need no equal spacing
        double[] tC = new double[300];
        double[] r = new double[300];
        double t = 25;
        for (int i = 0; i < tC.length; i++) {
            tC[i] = t;
            r[i] = Math.pow(10, 4 + 3 / (1 + Math.exp((t - 150.0) / WIDTH_K)));
            t += t < 140 ? 2.0 : 0.5;
        }
        CrystallizationTemperature tc = PcmCalculator.crystallizationTemperature(ResistanceSweep.celsius(tC, r),
                CrystallizationOptions.defaults().withSmoothingHalfWidthK(5));
        assertThat(tc.temperatureC()).isCloseTo(150.0, within(0.1));
    }

    @Test
    void should_refuse_a_sweep_without_a_transition_inside_it() {
        // flat with noise: the steepest "fall" is noise, far below half a decade
        assertThatThrownBy(() -> PcmCalculator.crystallizationTemperature(logisticSweepShifted(2000),
                CrystallizationOptions.defaults()))
                .isInstanceOfSatisfying(PcmAnalysisException.class,
                        e -> assertThat(e.reason()).isIn(Reason.NO_TRANSITION, Reason.TRANSITION_AT_EDGE));
        // rising resistance only
        double[] t = new double[20];
        double[] r = new double[20];
        for (int i = 0; i < 20; i++) {
            t[i] = 300 + 10 * i;
            r[i] = 1e3 * (1 + i);
        }
        assertThatThrownBy(() -> PcmCalculator.crystallizationTemperature(new ResistanceSweep(t, r),
                CrystallizationOptions.defaults()))
                .isInstanceOfSatisfying(PcmAnalysisException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_TRANSITION))
                .hasMessageContaining("never falls");
        // a sweep that stops in the middle of the fall
        double[] tc = new double[40];
        double[] rc = new double[40];
        for (int i = 0; i < 40; i++) {
            tc[i] = 390 + i;
            rc[i] = Math.pow(10, 4 + 3 / (1 + Math.exp((tc[i] - TC_K) / WIDTH_K)));
        }
        assertThatThrownBy(() -> PcmCalculator.crystallizationTemperature(new ResistanceSweep(tc, rc),
                CrystallizationOptions.defaults()))
                .isInstanceOfSatisfying(PcmAnalysisException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TRANSITION_AT_EDGE));
    }

    /** Noise only (the transition moved far above the sweep). */
    private static ResistanceSweep logisticSweepShifted(double tcK) {
        Random random = new Random(9);
        double[] t = new double[100];
        double[] r = new double[100];
        for (int i = 0; i < t.length; i++) {
            t[i] = 300 + i;
            r[i] = Math.pow(10, 7 - 3 / (1 + Math.exp(-(t[i] - tcK) / WIDTH_K)) + 0.01 * random.nextGaussian());
        }
        return new ResistanceSweep(t, r);
    }

    @Test
    void should_refuse_bad_sweeps_and_name_the_field() {
        double[] t = new double[12];
        double[] r = new double[12];
        for (int i = 0; i < 12; i++) {
            t[i] = 300 + i;
            r[i] = 1e6;
        }
        double[] unsorted = t.clone();
        unsorted[5] = 299;
        assertThatThrownBy(() -> new ResistanceSweep(unsorted, r))
                .isInstanceOfSatisfying(PcmAnalysisException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_ASCENDING))
                .hasMessageContaining("temperatureK[5]");
        double[] zero = r.clone();
        zero[3] = 0;
        assertThatThrownBy(() -> new ResistanceSweep(t, zero))
                .isInstanceOfSatisfying(PcmAnalysisException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NON_POSITIVE))
                .hasMessageContaining("resistanceOhm[3]");
        double[] nan = r.clone();
        nan[7] = Double.NaN;
        assertThatThrownBy(() -> new ResistanceSweep(t, nan)).hasMessageContaining("resistanceOhm[7]");
        assertThatThrownBy(() -> new ResistanceSweep(new double[5], new double[5]))
                .isInstanceOfSatisfying(PcmAnalysisException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_FEW_POINTS));
        assertThatThrownBy(() -> PcmCalculator.crystallizationTemperature(new ResistanceSweep(t, r),
                CrystallizationOptions.defaults().withSmoothingHalfWidthK(1)))
                .hasMessageContaining("a local quadratic needs at least 4");
    }

    @Test
    void should_give_the_phase_energy_difference_per_atom_and_per_formula_unit() {
        // Illustrative cells: crystalline Ge2Sb2Te5, 9 atoms, E = −36.000 eV (−4.000 eV/atom); amorphous, 315 atoms,
        // E = −1247.400 eV (−3.960 eV/atom). By hand: ΔE = 0.040 eV/atom = 40 meV/atom; × 9 = 0.360 eV per formula
        // unit; × 96.4853 kJ/mol per eV = 34.735 kJ/mol.
        PhaseEnergyDifference d = PcmCalculator.phaseEnergyDifference(-1247.400, 315, -36.000, 9,
                ChemicalFormula.parse("Ge2Sb2Te5"));
        assertThat(d.perAtomEv()).isCloseTo(0.040, within(1e-12));
        assertThat(d.perAtomMeV()).isCloseTo(40.0, within(1e-9));
        assertThat(d.atomsPerFormulaUnit()).isEqualTo(9);
        assertThat(d.perFormulaUnitEv()).isCloseTo(0.360, within(1e-12));
        assertThat(d.perFormulaUnitKjPerMol()).isCloseTo(34.735, within(1e-3));
        assertThatThrownBy(() -> PcmCalculator.phaseEnergyDifference(-1, 0, -1, 9, 9))
                .isInstanceOfSatisfying(PcmAnalysisException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NON_POSITIVE))
                .hasMessageContaining("amorphousAtoms");
    }

    @Test
    void should_give_the_contrast_as_a_ratio_and_in_decades() {
        // 10 MΩ against 10 kΩ: ratio 1000, 3 decades
        ResistanceContrast c = PcmCalculator.resistanceContrast(1.0e7, 1.0e4);
        assertThat(c.ratio()).isCloseTo(1000, within(1e-9));
        assertThat(c.decades()).isCloseTo(3.0, within(1e-12));
        // resistivities 250 Ω·m against 0.5 Ω·m: 500, log10 500 = 2.69897
        assertThat(PcmCalculator.resistanceContrast(250, 0.5).decades()).isCloseTo(2.69897, within(1e-5));
        assertThatThrownBy(() -> PcmCalculator.resistanceContrast(1e7, 0))
                .isInstanceOfSatisfying(PcmAnalysisException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NON_POSITIVE))
                .hasMessageContaining("crystalline");
    }

    @Test
    void should_add_sensible_and_latent_heat_of_a_gst_cell_and_divide_by_the_efficiency() {
        // A 50 nm × 50 nm × 20 nm GST cell with the representative values of the task (ρ = 6150 kg/m³,
        // c_p = 210 J/(kg·K), T_m = 900 K, from 300 K). ΔH_f = 1.0e5 J/kg is an ASSUMED round value for this arithmetic
        // check, of the order of the heats of fusion of the constituents (Te: 17.49 kJ/mol ÷ 127.60 g/mol = 137 J/g,
        // CRC Handbook), not a measured GST value. By hand:
        //   V = 5.0e-23 m³, m = 6150 × 5.0e-23 = 3.075e-19 kg,
        //   sensible = 3.075e-19 × 210 × 600 = 3.8745e-14 J, latent = 3.075e-19 × 1.0e5 = 3.075e-14 J,
        //   heat = 6.9495e-14 J = 0.069495 pJ; with η = 1 % the pulse needs 6.9495e-12 J = 6.9495 pJ.
        SwitchingEnergy e = PcmCalculator.switchingEnergy(SwitchingHeatModel.box(50e-9, 50e-9, 20e-9, 6150, 210,
                300, 900, 1.0e5, 0.01));
        assertThat(e.model().volumeM3()).isCloseTo(5.0e-23, within(1e-35));
        assertThat(e.massKg()).isCloseTo(3.075e-19, within(1e-31));
        assertThat(e.sensibleHeatJ()).isCloseTo(3.8745e-14, within(1e-24));
        assertThat(e.latentHeatJ()).isCloseTo(3.075e-14, within(1e-24));
        assertThat(e.heatJ()).isCloseTo(6.9495e-14, within(1e-24));
        assertThat(e.electricalEnergyJ()).isCloseTo(6.9495e-12, within(1e-22));
        assertThat(e.electricalEnergyPj()).isCloseTo(6.9495, within(1e-9));
        assertThat(e.assumptions()).contains("adiabatic").contains("η");
    }

    @Test
    void should_agree_with_dulong_petit_for_the_specific_heat_used() {
        // Dulong–Petit: c = 3R/M̄ with R = N_A·k_B = 8.314462618 J/(mol·K) and the mean atomic mass of Ge2Sb2Te5,
        // (2 × 72.630 + 2 × 121.76 + 5 × 127.60)/9 = 114.087 g/mol → 218.6 J/(kg·K); the 210 J/(kg·K) above is 4 % below
        ChemicalFormula gst = ChemicalFormula.parse("Ge2Sb2Te5");
        double r = SiDefiningConstants.AVOGADRO_PER_MOL * 1.380649e-23;
        double dulongPetit = 3 * r / (gst.molarMassGPerMol() / gst.atoms() / 1000);
        assertThat(dulongPetit).isCloseTo(218.6, within(0.1));
        assertThat(210.0).isCloseTo(dulongPetit, within(0.05 * dulongPetit));
    }

    @Test
    void should_refuse_an_impossible_heat_model_and_name_the_parameter() {
        assertThatThrownBy(() -> SwitchingHeatModel.box(50e-9, 50e-9, 20e-9, 6150, 210, 300, 900, 1e5, 0))
                .isInstanceOfSatisfying(PcmAnalysisException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NON_POSITIVE))
                .hasMessageContaining("efficiency");
        assertThatThrownBy(() -> SwitchingHeatModel.box(50e-9, 50e-9, 20e-9, 6150, 210, 300, 900, 1e5, 1.5))
                .hasMessageContaining("efficiency is a fraction");
        assertThatThrownBy(() -> SwitchingHeatModel.box(50e-9, -50e-9, 20e-9, 6150, 210, 300, 900, 1e5, 0.1))
                .hasMessageContaining("widthM");
        assertThatThrownBy(() -> SwitchingHeatModel.box(50e-9, 50e-9, 20e-9, 6150, 210, 950, 900, 1e5, 0.1))
                .hasMessageContaining("must exceed ambientK");
        assertThatThrownBy(() -> SwitchingHeatModel.box(50e-9, 50e-9, 20e-9, Double.NaN, 210, 300, 900, 1e5, 0.1))
                .isInstanceOfSatisfying(PcmAnalysisException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FINITE))
                .hasMessageContaining("densityKgPerM3");
    }
}
