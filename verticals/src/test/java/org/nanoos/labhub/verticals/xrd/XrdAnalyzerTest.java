package org.nanoos.labhub.verticals.xrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nanoos.labhub.verticals.crystallography.Background;
import org.nanoos.labhub.verticals.crystallography.CountingNoise;
import org.nanoos.labhub.verticals.crystallography.Crystal;
import org.nanoos.labhub.verticals.crystallography.PowderProfile;
import org.nanoos.labhub.verticals.crystallography.Radiation;
import org.nanoos.labhub.verticals.crystallography.TwoThetaGrid;
import org.nanoos.labhub.verticals.xrd.XrdAnalysisException.Reason;

/**
 * The analysis against patterns of known ground truth made by the module's forward model (kinematic intensities,
 * pseudo-Voigt profiles, background, Poisson counting noise), with published lattice constants as the truth.
 * Isotropic B values (Å²) are those of the forward-model tests (Sears &amp; Shelley, Acta Cryst. A47 (1991) 441, and
 * Debye-model estimates); they change intensities, not positions.
 */
class XrdAnalyzerTest {

    private static final XrdOptions CU_KA1 = XrdOptions.defaults(Radiation.copperKAlpha1());
    private static final TwoThetaGrid WIDE = new TwoThetaGrid(20, 140, 0.01);

    private static Indexing index(XrdAnalysis analysis) {
        assertThat(analysis.indexing()).isNotNull();
        return analysis.indexing();
    }

    private static FittedPeak peakNear(XrdAnalysis analysis, double twoThetaDeg) {
        return analysis.peaks().stream().filter(p -> Math.abs(p.twoThetaDeg() - twoThetaDeg) < 0.3).findFirst()
                .orElseThrow(() -> new AssertionError("no peak near " + twoThetaDeg + "° in " + analysis.peaks()));
    }

    @Test
    void should_index_silicon_as_diamond_and_recover_its_lattice_constant() {
        // Si, a = 5.431 Å: NBS Monograph 25 sec. 13 / ICDD PDF 27-1402 give a = 5.43088 Å; the NIST SRM 640
        // certificates 5.4311–5.4312 Å. PDF 27-1402 positions for Cu Kα1: 111 28.443°, 220 47.303°, 311 56.123°.
        XrdAnalysis analysis = XrdAnalyzer.analyze(SyntheticPatterns.lab(Crystal.diamond("Si", 5.431, 0.46), 1),
                CU_KA1);

        assertThat(peakNear(analysis, 28.44).twoThetaDeg()).isCloseTo(28.443, within(0.005));
        assertThat(peakNear(analysis, 47.30).twoThetaDeg()).isCloseTo(47.303, within(0.005));
        assertThat(peakNear(analysis, 56.12).twoThetaDeg()).isCloseTo(56.123, within(0.005));
        // PDF 27-1402: d(111) = 3.1355 Å
        assertThat(peakNear(analysis, 28.44).dSpacingA()).isCloseTo(3.1355, within(0.0005));

        Indexing indexing = index(analysis);
        assertThat(indexing.lattice()).isEqualTo(LatticeType.DIAMOND);
        assertThat(indexing.ambiguous()).isFalse();
        assertThat(indexing.aA()).isCloseTo(5.431, withinPercentage(0.1));
        assertThat(Math.abs(indexing.aA() - 5.431)).isLessThan(4 * indexing.uAA() + 1e-5);
        assertThat(indexing.uAA()).isPositive().isLessThan(0.001);
        assertThat(indexing.reflections()).extracting(IndexedReflection::hkl)
                .containsExactly("(1 1 1)", "(2 2 0)", "(3 1 1)", "(4 0 0)", "(3 3 1)", "(4 2 2)");
        assertThat(indexing.reflections()).allSatisfy(r -> assertThat(Math.abs(r.residualDeg())).isLessThan(0.01));
        assertThat(indexing.reason()).contains("DIAMOND").contains("M6");
        assertThat(indexing.candidates()).extracting(IndexingCandidate::lattice)
                .contains(LatticeType.FACE_CENTRED_CUBIC, LatticeType.BODY_CENTRED_CUBIC, LatticeType.SIMPLE_CUBIC);
    }

    @Test
    void should_fit_positions_widths_and_areas_with_uncertainties_that_cover_the_truth() {
        // the forward model's own line: Si 111 at 2θ from Bragg's law with a = 5.431 Å, FWHM from Caglioti U, V, W,
        // η = 0.4, integrated area 400 counts·° (the strongest line)
        XrdAnalysis analysis = XrdAnalyzer.analyze(SyntheticPatterns.lab(Crystal.diamond("Si", 5.431, 0.46), 3),
                CU_KA1);
        FittedPeak p111 = peakNear(analysis, 28.44);
        double truePosition = 2 * Math.toDegrees(Math.asin(1.5406 * Math.sqrt(3) / (2 * 5.431)));
        double trueFwhm = SyntheticPatterns.LAB.fwhmDeg(truePosition, 1.5406);

        assertThat(p111.twoThetaDeg()).isCloseTo(truePosition, within(4 * p111.uTwoThetaDeg()));
        assertThat(p111.fwhmDeg()).isCloseTo(trueFwhm, within(Math.max(4 * p111.uFwhmDeg(), 0.02 * trueFwhm)));
        assertThat(p111.area()).isCloseTo(400, withinPercentage(5));
        assertThat(p111.eta()).isCloseTo(0.4, within(0.1));
        assertThat(p111.height()).isCloseTo(PseudoVoigt.height(400, trueFwhm, 0.4), withinPercentage(5));
        assertThat(p111.uTwoThetaDeg()).isPositive();
        assertThat(p111.uArea()).isPositive();
        assertThat(p111.emissionLines()).isEqualTo(1);
        assertThat(analysis.method()).contains("SNIP").contains("Savitzky–Golay").contains("POISSON");
    }

    @Test
    void should_say_when_kalpha2_doublets_were_not_modelled() {
        // a Ni-filtered (Kα1 + Kα2) scan analysed as if monochromatic: every reflection is a pair 0.07–0.44° apart
        XrdPattern pattern = SyntheticPatterns.counts(Crystal.diamond("Si", 5.431, 0.46), Radiation.copperKAlpha12(),
                new TwoThetaGrid(10, 120, 0.01), SyntheticPatterns.LAB, 400, 2);
        assertThatThrownBy(() -> XrdAnalyzer.analyze(pattern, CU_KA1))
                .hasMessageContaining("no lattice indexes all 18 peaks")
                .hasMessageContaining("9 peak pairs").hasMessageContaining("Radiation.copperKAlpha12()")
                .extracting(e -> ((XrdAnalysisException) e).reason()).isEqualTo(Reason.UNINDEXABLE);
    }

    @Test
    void should_fit_the_k_alpha_doublet_as_one_peak_per_reflection() {
        // Ni-filtered Cu: Kα2 (1.54443 Å) at half the Kα1 weight; Si reflections 10–120° are 111 220 311 400 331 422
        // 511/333 440 531 (PDF 27-1402)
        XrdPattern pattern = SyntheticPatterns.counts(Crystal.diamond("Si", 5.431, 0.46), Radiation.copperKAlpha12(),
                new TwoThetaGrid(10, 120, 0.01), SyntheticPatterns.LAB, 400, 2);
        XrdAnalysis analysis = XrdAnalyzer.analyze(pattern, XrdOptions.defaults(Radiation.copperKAlpha12()));

        assertThat(analysis.peaks()).hasSize(9).allSatisfy(p -> assertThat(p.emissionLines()).isEqualTo(2));
        assertThat(peakNear(analysis, 28.44).twoThetaDeg()).isCloseTo(28.443, within(0.005));
        Indexing indexing = index(analysis);
        assertThat(indexing.lattice()).isEqualTo(LatticeType.DIAMOND);
        assertThat(indexing.aA()).isCloseTo(5.431, withinPercentage(0.01));
        assertThat(indexing.reflections()).extracting(IndexedReflection::hkl).contains("(5 1 1)", "(5 3 1)");
    }

    @Test
    void should_tell_rock_salt_from_fcc_by_its_weak_all_odd_lines() {
        // NaCl, ICDD PDF 05-0628: a = 5.6402 Å, 111 27.366° (I = 13), 200 31.692° (100)
        XrdAnalysis nacl = XrdAnalyzer.analyze(SyntheticPatterns.lab(Crystal.rockSalt("Na", "Cl", 5.6402, 1.6, 1.2),
                3), CU_KA1);
        Indexing salt = index(nacl);
        assertThat(salt.lattice()).isEqualTo(LatticeType.ROCK_SALT);
        assertThat(salt.aA()).isCloseTo(5.6402, withinPercentage(0.02));
        assertThat(salt.reflections().get(0).hkl()).isEqualTo("(1 1 1)");
        assertThat(salt.reflections().get(0).twoThetaObsDeg()).isCloseTo(27.366, within(0.01));
        assertThat(salt.reason()).contains("rock salt rather than fcc");

        // Cu, ICDD PDF 04-0836: a = 3.6150 Å; all reflections of similar strength
        XrdAnalysis cu = XrdAnalyzer.analyze(SyntheticPatterns.counts(Crystal.fcc("Cu", 3.6150, 0.55),
                Radiation.copperKAlpha1(), WIDE, SyntheticPatterns.LAB, 400, 11), CU_KA1);
        Indexing metal = index(cu);
        assertThat(metal.lattice()).isEqualTo(LatticeType.FACE_CENTRED_CUBIC);
        assertThat(metal.aA()).isCloseTo(3.6150, withinPercentage(0.02));
        assertThat(metal.reason()).contains("fcc rather than rock salt");
    }

    @Test
    void should_report_that_bcc_and_sc_cannot_be_told_apart_without_the_321_line() {
        // α-Fe, ICDD PDF 06-0696: a = 2.8664 Å. With Cu Kα, h²+k²+l² = 14 (321) lies beyond 2θ = 180°, so the
        // observed N = 2, 4, …, 12 are also N' = 1 … 6 of a simple cubic cell with a' = a/√2.
        XrdAnalysis fe = XrdAnalyzer.analyze(SyntheticPatterns.counts(Crystal.bcc("Fe", 2.8664, 0.35),
                Radiation.copperKAlpha1(), WIDE, SyntheticPatterns.LAB, 400, 4), CU_KA1);
        Indexing iron = index(fe);
        assertThat(iron.lattice()).isEqualTo(LatticeType.BODY_CENTRED_CUBIC);
        assertThat(iron.aA()).isCloseTo(2.8664, withinPercentage(0.02));
        assertThat(iron.ambiguous()).isTrue();
        assertThat(iron.reason()).contains("SIMPLE_CUBIC").contains("most restrictive reflection conditions first");
        assertThat(iron.candidates()).filteredOn(c -> c.lattice() == LatticeType.SIMPLE_CUBIC).singleElement()
                .satisfies(c -> assertThat(c.aA()).isCloseTo(2.8664 / Math.sqrt(2), withinPercentage(0.02)));
        assertThat(fe.notes()).anyMatch(n -> n.startsWith("indexing is ambiguous"));

        // W, ICDD PDF 04-0806: a = 3.1648 Å; its 321 line (N = 14) falls at 2θ ≈ 131°, which sc cannot index
        XrdAnalysis w = XrdAnalyzer.analyze(SyntheticPatterns.counts(Crystal.bcc("W", 3.1648, 0.15),
                Radiation.copperKAlpha1(), WIDE, SyntheticPatterns.LAB, 400, 5), CU_KA1);
        Indexing tungsten = index(w);
        assertThat(tungsten.lattice()).isEqualTo(LatticeType.BODY_CENTRED_CUBIC);
        assertThat(tungsten.ambiguous()).isFalse();
        assertThat(tungsten.reflections()).extracting(IndexedReflection::hkl).contains("(3 2 1)");
    }

    static Stream<Arguments> cubicCrystals() {
        // published room-temperature lattice constants (ICDD PDF cards): Al 04-0787 a = 4.0494 Å; Ge 04-0545
        // a = 5.6576 Å; MgO (periclase) 45-0946 a = 4.2112 Å; W 04-0806 a = 3.1648 Å; KCl-free Cu 04-0836 3.6150 Å
        return Stream.of(
                Arguments.of(Crystal.fcc("Al", 4.0494, 0.8), LatticeType.FACE_CENTRED_CUBIC, 4.0494, 21L),
                Arguments.of(Crystal.diamond("Ge", 5.6576, 0.55), LatticeType.DIAMOND, 5.6576, 22L),
                Arguments.of(Crystal.rockSalt("Mg", "O", 4.2112, 0.3, 0.35), LatticeType.ROCK_SALT, 4.2112, 23L),
                Arguments.of(Crystal.bcc("W", 3.1648, 0.15), LatticeType.BODY_CENTRED_CUBIC, 3.1648, 24L),
                Arguments.of(Crystal.fcc("Cu", 3.6150, 0.55), LatticeType.FACE_CENTRED_CUBIC, 3.6150, 25L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cubicCrystals")
    void should_recover_cubic_lattice_constants_from_noisy_patterns(Crystal crystal, LatticeType type, double a,
                                                                    long seed) {
        XrdAnalysis analysis = XrdAnalyzer.analyze(SyntheticPatterns.counts(crystal, Radiation.copperKAlpha1(), WIDE,
                SyntheticPatterns.LAB, 400, seed), CU_KA1);
        Indexing indexing = index(analysis);
        assertThat(indexing.lattice()).isEqualTo(type);
        assertThat(indexing.aA()).isCloseTo(a, withinPercentage(0.02));
        assertThat(Math.abs(indexing.aA() - a)).isLessThan(4 * indexing.uAA() + 1e-5);
        assertThat(indexing.figureOfMerit()).isGreaterThan(100);
    }

    @Test
    void should_find_hexagonal_a_and_c_when_no_cubic_cell_fits() {
        // Mg, ICDD PDF 35-0821: a = 3.2094 Å, c = 5.2108 Å (hcp)
        XrdAnalysis mg = XrdAnalyzer.analyze(SyntheticPatterns.lab(Crystal.hcp("Mg", 3.2094, 5.2108, 1.3), 5), CU_KA1);
        Indexing hex = index(mg);
        assertThat(hex.lattice()).isEqualTo(LatticeType.HEXAGONAL);
        assertThat(hex.aA()).isCloseTo(3.2094, withinPercentage(0.02));
        assertThat(hex.cA()).isCloseTo(5.2108, withinPercentage(0.02));
        assertThat(hex.uAA()).isPositive();
        assertThat(hex.uCA()).isPositive();
        assertThat(Math.abs(hex.cA() - 5.2108)).isLessThan(4 * hex.uCA() + 1e-5);
        assertThat(hex.reflections()).extracting(IndexedReflection::hkl)
                .startsWith("(1 0 0)", "(0 0 2)", "(1 0 1)", "(1 0 2)", "(1 1 0)");
    }

    @Test
    void should_give_the_crystallite_size_back_from_the_broadening() {
        // forward model: Scherrer β = Kλ/(L cos θ) with K = 0.9 added in quadrature to the Caglioti width; the
        // analysis is told the same Caglioti U, V, W and removes them quadratically
        XrdOptions options = CU_KA1.withInstrument(new InstrumentalBroadening(SyntheticPatterns.U, SyntheticPatterns.V,
                SyntheticPatterns.W), BroadeningCorrection.QUADRATIC);
        for (double size : new double[] {25, 60}) {
            XrdPattern pattern = SyntheticPatterns.counts(Crystal.diamond("Si", 5.431, 0.46), Radiation.copperKAlpha1(),
                    new TwoThetaGrid(10, 120, 0.02), SyntheticPatterns.LAB.withCrystalliteSizeNm(size), 400, 7);
            ScherrerAnalysis scherrer = XrdAnalyzer.analyze(pattern, options).scherrer();

            assertThat(scherrer.sizes()).hasSizeGreaterThanOrEqualTo(6);
            assertThat(scherrer.meanSizeNm()).as("mean of %s nm", size).isCloseTo(size, withinPercentage(5));
            assertThat(scherrer.sizes()).allSatisfy(s -> assertThat(s.sizeNm()).isCloseTo(size, withinPercentage(20)));
            assertThat(scherrer.shapeFactorK()).isEqualTo(0.9);
            assertThat(scherrer.correction()).isEqualTo(BroadeningCorrection.QUADRATIC);
            assertThat(scherrer.uMeanSizeNm()).isPositive();
        }
    }

    @Test
    void should_apply_braggs_law() {
        // PDF 27-1402: Si 111 at 28.443° with Cu Kα1 has d = 3.1355 Å
        assertThat(XrdAnalyzer.dSpacingA(28.443, 1.5406)).isCloseTo(3.1355, within(0.0002));
        assertThatThrownBy(() -> XrdAnalyzer.dSpacingA(0, 1.5406)).isInstanceOf(XrdAnalysisException.class);
    }

    @Test
    void should_say_no_peaks_for_a_flat_noisy_pattern() {
        TwoThetaGrid grid = new TwoThetaGrid(10, 90, 0.01);
        double[] level = new double[grid.size()];
        Arrays.fill(level, 50);
        XrdPattern flat = XrdPattern.ofCounts(grid.anglesDeg(), CountingNoise.poisson(level, new SplittableRandom(9)));
        assertThatThrownBy(() -> XrdAnalyzer.analyze(flat, CU_KA1))
                .isInstanceOf(XrdAnalysisException.class)
                .hasMessageContaining("significant peak")
                .extracting(e -> ((XrdAnalysisException) e).reason()).isEqualTo(Reason.NO_PEAKS);
        double[] constant = new double[grid.size()];
        Arrays.fill(constant, 50);
        assertThatThrownBy(() -> XrdAnalyzer.analyze(new XrdPattern(grid.anglesDeg(), constant), CU_KA1))
                .extracting(e -> ((XrdAnalysisException) e).reason()).isEqualTo(Reason.NO_PEAKS);
    }

    @Test
    void should_refuse_to_index_a_two_phase_pattern_and_say_what_each_lattice_left_over() {
        // Si + Cu: no single cell indexes both phases
        TwoThetaGrid grid = new TwoThetaGrid(10, 90, 0.01);
        double[] si = PowderProfile.calculate(Crystal.diamond("Si", 5.431, 0.46), Radiation.copperKAlpha1(), grid,
                SyntheticPatterns.LAB, 400, SyntheticPatterns.BACKGROUND).intensity();
        double[] cu = PowderProfile.calculate(Crystal.fcc("Cu", 3.615, 0.55), Radiation.copperKAlpha1(), grid,
                SyntheticPatterns.LAB, 300, Background.none()).intensity();
        double[] mix = new double[si.length];
        for (int i = 0; i < mix.length; i++) {
            mix[i] = si[i] + cu[i];
        }
        XrdPattern pattern = XrdPattern.ofCounts(grid.anglesDeg(), CountingNoise.poisson(mix, new SplittableRandom(9)));

        assertThatThrownBy(() -> XrdAnalyzer.analyze(pattern, CU_KA1))
                .isInstanceOf(XrdAnalysisException.class)
                .hasMessageContaining("no lattice indexes all 10 peaks")
                .hasMessageContaining("DIAMOND best a = 5.43")
                .hasMessageContaining("HEXAGONAL")
                .extracting(e -> ((XrdAnalysisException) e).reason()).isEqualTo(Reason.UNINDEXABLE);

        XrdAnalysis peaksOnly = XrdAnalyzer.analyze(pattern, CU_KA1.withLatticeSearch(LatticeSearch.NONE));
        assertThat(peaksOnly.indexing()).isNull();
        assertThat(peaksOnly.peaks()).hasSize(10);
    }

    @Test
    void should_need_three_peaks_to_index() {
        // Cu 10–60°: only 111 and 200
        XrdPattern two = SyntheticPatterns.counts(Crystal.fcc("Cu", 3.615, 0.55), Radiation.copperKAlpha1(),
                new TwoThetaGrid(10, 60, 0.01), SyntheticPatterns.LAB, 400, 12);
        assertThatThrownBy(() -> XrdAnalyzer.analyze(two, CU_KA1))
                .hasMessageContaining("at least 3 peaks, found 2")
                .extracting(e -> ((XrdAnalysisException) e).reason()).isEqualTo(Reason.TOO_FEW_PEAKS);
    }

    @Test
    void should_refuse_negative_intensities_unless_told_the_background_was_already_removed() {
        XrdPattern counts = SyntheticPatterns.lab(Crystal.diamond("Si", 5.431, 0.46), 1);
        double[] y = counts.intensity();
        for (int i = 0; i < y.length; i++) {
            y[i] -= 60;
        }
        XrdPattern subtracted = new XrdPattern(counts.twoThetaDeg(), y);
        assertThatThrownBy(() -> XrdAnalyzer.analyze(subtracted, CU_KA1))
                .hasMessageContaining("is negative")
                .extracting(e -> ((XrdAnalysisException) e).reason()).isEqualTo(Reason.NEGATIVE_INTENSITY);

        XrdAnalysis accepted = XrdAnalyzer.analyze(subtracted,
                CU_KA1.withNegativeIntensity(NegativeIntensityPolicy.ACCEPT));
        assertThat(accepted.method()).contains("UNIFORM").doesNotContain("LLS");
        assertThat(index(accepted).lattice()).isEqualTo(LatticeType.DIAMOND);
        assertThat(index(accepted).aA()).isCloseTo(5.431, withinPercentage(0.02));
    }

    @Test
    void should_refuse_out_of_range_options_with_a_message() {
        assertThatThrownBy(() -> CU_KA1.withScherrerK(0))
                .isInstanceOf(XrdAnalysisException.class).hasMessageContaining("Scherrer K");
        assertThatThrownBy(() -> CU_KA1.withWindows(-1, 0)).hasMessageContaining("background window");
        assertThatThrownBy(() -> CU_KA1.withWindows(0, 4)).hasMessageContaining("odd");
        assertThatThrownBy(() -> InstrumentalBroadening.constant(-0.1)).hasMessageContaining("instrumental FWHM");
        List<FittedPeak> none = List.of();
        assertThat(ScherrerAnalysis.of(none, 1.5406, 0.9, InstrumentalBroadening.none(),
                BroadeningCorrection.LINEAR).meanSizeNm()).isNaN();
    }
}
