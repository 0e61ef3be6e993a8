package org.nanoos.labhub.verticals.uvvis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nanoos.labhub.verticals.uvvis.UvVisAnalysisException.Reason;

/**
 * Tauc analysis against synthetic edges of known gap (see {@link SyntheticEdges}) with 0.001 absorbance photometric
 * noise, the simulator's default and the order of bench-top double-beam instruments.
 */
class TaucAnalyzerTest {

    private static final double NOISE = 0.001;

    /** A direct edge at 3.20 eV (a chosen ground truth), C = 5e4 cm⁻¹ eV^½, EU = 20 meV, 500 nm film, 300–600 nm. */
    private static UvVisSpectrum direct320(long seed) {
        double[][] s = SyntheticEdges.absorbance(3.20, 0.5, 5e4, 0.020, 500, 600, 300, 1, NOISE, seed);
        return UvVisSpectrum.absorbance(s[0], s[1]);
    }

    /**
     * Crystalline silicon: indirect gap 1.12 eV at 300 K (Sze &amp; Ng, Physics of Semiconductor Devices, 3rd ed.,
     * 2007); C = 5.5e3 cm⁻¹ eV⁻¹ (the simulator's calibration to Green &amp; Keevers, Prog. Photovolt. 3 (1995) 189),
     * EU = 10 meV, a 20 µm film, 700–1200 nm.
     */
    private static UvVisSpectrum silicon(long seed) {
        double[][] s = SyntheticEdges.absorbance(1.12, 2, 5.5e3, 0.010, 20_000, 1200, 700, 1, NOISE, seed);
        return UvVisSpectrum.absorbance(s[0], s[1]);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void should_recover_a_direct_gap_and_choose_the_direct_transition(long seed) {
        TaucAnalysis tauc = TaucAnalyzer.analyze(direct320(seed), TaucOptions.defaults(500));

        assertThat(tauc.transition()).isEqualTo(TaucTransition.DIRECT_ALLOWED);
        assertThat(tauc.bandGapEv()).isCloseTo(3.20, within(0.02));
        assertThat(tauc.uBandGapEv()).isPositive().isLessThan(0.02);
        assertThat(tauc.ambiguous()).isFalse();
        assertThat(tauc.fits()).hasSize(2);
        assertThat(tauc.reason()).startsWith("DIRECT_ALLOWED").contains("INDIRECT_ALLOWED");
        TaucFit fit = tauc.fit();
        assertThat(fit.exponent()).isEqualTo(2.0);
        assertThat(fit.windowStartEv()).isGreaterThan(fit.bandGapEv());
        assertThat(fit.rSquared()).isGreaterThanOrEqualTo(0.995);
        assertThat(fit.windowPoints()).isGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void should_recover_the_indirect_gap_of_silicon_and_choose_the_indirect_transition(long seed) {
        TaucAnalysis tauc = TaucAnalyzer.analyze(silicon(seed), TaucOptions.defaults(20_000));

        assertThat(tauc.transition()).isEqualTo(TaucTransition.INDIRECT_ALLOWED);
        assertThat(tauc.bandGapEv()).isCloseTo(1.12, within(0.02));
        assertThat(tauc.fit().exponent()).isEqualTo(0.5);
        assertThat(tauc.ambiguous()).isFalse();
    }

    @Test
    void should_read_transmittance_as_well_as_absorbance() {
        // GaAs: direct gap 1.42 eV at 300 K (Sze & Ng, 3rd ed., 2007); C = 5e4 cm⁻¹ eV^½, EU = 7 meV, 500 nm film
        double[][] s = SyntheticEdges.absorbance(1.42, 0.5, 5e4, 0.007, 500, 1100, 700, 1, NOISE, 7);
        double[] percent = Arrays.stream(s[1]).map(a -> 100 * Math.pow(10, -a)).toArray();
        TaucAnalysis tauc = TaucAnalyzer.analyze(new UvVisSpectrum(s[0], percent, Ordinate.TRANSMITTANCE_PERCENT),
                TaucOptions.defaults(500));

        assertThat(tauc.transition()).isEqualTo(TaucTransition.DIRECT_ALLOWED);
        assertThat(tauc.bandGapEv()).isCloseTo(1.42, within(0.02));
    }

    @Test
    void should_fit_only_the_transition_asked_for_and_say_so() {
        TaucAnalysis forced = TaucAnalyzer.analyze(silicon(1),
                TaucOptions.defaults(20_000).withSelection(TransitionSelection.INDIRECT_ALLOWED));
        assertThat(forced.fits()).hasSize(1);
        assertThat(forced.reason()).isEqualTo("INDIRECT_ALLOWED as requested");
        assertThat(forced.bandGapEv()).isCloseTo(1.12, within(0.02));

        // the wrong transformation gives a number, but a different one, and a shorter straight stretch
        TaucAnalysis auto = TaucAnalyzer.analyze(direct320(1), TaucOptions.defaults(500));
        TaucFit wrong = auto.fits().stream().filter(f -> f.transition() == TaucTransition.INDIRECT_ALLOWED)
                .findFirst().orElseThrow();
        assertThat(wrong.windowSpanEv()).isLessThan(auto.fit().windowSpanEv() / 1.2);
    }

    @Test
    void should_not_depend_on_thickness_for_the_gap_but_scale_alpha_with_it() {
        UvVisSpectrum spectrum = direct320(3);
        TaucAnalysis thin = TaucAnalyzer.analyze(spectrum, TaucOptions.defaults(500));
        TaucAnalysis thick = TaucAnalyzer.analyze(spectrum, TaucOptions.defaults(1000));
        assertThat(thick.bandGapEv()).isCloseTo(thin.bandGapEv(), within(1e-9));
        AbsorptionSpectrum a = TaucAnalyzer.absorption(spectrum, 500);
        AbsorptionSpectrum b = TaucAnalyzer.absorption(spectrum, 1000);
        assertThat(a.alphaPerCm()[100]).isCloseTo(2 * b.alphaPerCm()[100], within(1e-6));
        assertThat(a.photonEnergyEv()[0]).isLessThan(a.photonEnergyEv()[a.size() - 1]);
    }

    @Test
    void should_report_no_edge_for_a_flat_spectrum() {
        double[] wavelength = new double[301];
        double[] absorbance = new double[301];
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int i = 0; i < wavelength.length; i++) {
            wavelength[i] = 300 + i;
            absorbance[i] = 0.05 + NOISE * random.nextGaussian();
        }
        assertThatThrownBy(() -> TaucAnalyzer.analyze(UvVisSpectrum.absorbance(wavelength, absorbance),
                TaucOptions.defaults(500)))
                .isInstanceOf(UvVisAnalysisException.class)
                .hasMessageContaining("no absorption edge")
                .extracting(e -> ((UvVisAnalysisException) e).reason()).isEqualTo(Reason.NO_EDGE);
    }

    @Test
    void should_refuse_a_non_positive_thickness() {
        for (double t : new double[] {0, -100, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> TaucOptions.defaults(t))
                    .isInstanceOf(UvVisAnalysisException.class)
                    .hasMessageContaining("thickness")
                    .extracting(e -> ((UvVisAnalysisException) e).reason()).isEqualTo(Reason.NON_POSITIVE_THICKNESS);
            assertThatThrownBy(() -> Optics.absorptionCoefficientPerCm(1, t))
                    .extracting(e -> ((UvVisAnalysisException) e).reason()).isEqualTo(Reason.NON_POSITIVE_THICKNESS);
        }
    }

    @Test
    void should_refuse_when_too_few_points_remain_below_the_absorbance_limit() {
        // a saturated film: everything above 300–600 nm reads A ≥ 4.5, beyond the default photometric limit of 4
        double[][] s = SyntheticEdges.absorbance(3.20, 0.5, 5e4, 0.020, 500, 600, 300, 1, NOISE, 1);
        double[] saturated = Arrays.stream(s[1]).map(a -> a + 4.5).toArray();
        assertThatThrownBy(() -> TaucAnalyzer.analyze(UvVisSpectrum.absorbance(s[0], saturated),
                TaucOptions.defaults(500)))
                .hasMessageContaining("0 points have absorbance ≤ 4.0 (301 above)")
                .extracting(e -> ((UvVisAnalysisException) e).reason()).isEqualTo(Reason.TOO_FEW_POINTS);
    }
}
