package org.nanoos.labhub.verticals.synthesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nanoos.labhub.verticals.synthesis.SynthesisAnalysisException.Reason;

/** Deposition statistics and yields checked by hand. */
class SynthesisAnalyzerTest {

    /**
     * Five points across a wafer: 98, 100, 101, 99, 102 nm, deposited in 1000 s. By hand: mean 100.0 nm; deviations
     * −2, 0, 1, −1, 2, squares sum 10, s = √(10/4) = 1.58114 nm, s/√5 = 0.707107 nm; half range (102 − 98)/(2·100)
     * = 2.000 %; 1σ = 1.58114 %; rate 0.100 nm/s = 6.000 nm/min, u = 0.000707107 nm/s. Window 100 ± 1.5 nm holds
     * 100, 101, 99: 3 of 5 = 0.6.
     */
    @Test
    void should_give_mean_spread_uniformity_rate_and_in_spec_fraction() {
        DepositionAnalysis a = SynthesisAnalyzer.analyze(DepositionRun.of(98, 100, 101, 99, 102)
                .withDepositionTimeS(1000).withSpec(ThicknessSpec.around(100, 1.5)));
        assertThat(a.points()).isEqualTo(5);
        assertThat(a.meanNm()).isCloseTo(100.0, within(1e-12));
        assertThat(a.standardDeviationNm()).isCloseTo(1.58114, within(1e-5));
        assertThat(a.standardErrorNm()).isCloseTo(0.707107, within(1e-6));
        assertThat(a.minNm()).isEqualTo(98);
        assertThat(a.maxNm()).isEqualTo(102);
        assertThat(a.halfRangeNonUniformityPercent()).isCloseTo(2.000, within(1e-9));
        assertThat(a.sigmaNonUniformityPercent()).isCloseTo(1.58114, within(1e-5));
        assertThat(a.depositionRateNmPerS()).isCloseTo(0.100, within(1e-12));
        assertThat(a.depositionRateNmPerMin()).isCloseTo(6.000, within(1e-9));
        assertThat(a.uDepositionRateNmPerS()).isCloseTo(7.07107e-4, within(1e-9));
        assertThat(a.inSpecPoints()).isEqualTo(3);
        assertThat(a.inSpecFraction()).isCloseTo(0.6, within(1e-12));
        assertThat(a.method()).contains("(max − min)/(2·mean)").contains("s/mean");
    }

    @Test
    void should_leave_out_what_the_inputs_do_not_allow() {
        DepositionAnalysis a = SynthesisAnalyzer.analyze(DepositionRun.of(50, 52));
        assertThat(a.depositionRateNmPerS()).isNull();
        assertThat(a.inSpecFraction()).isNull();
        assertThat(a.method()).doesNotContain("rate").doesNotContain("in-spec");
        // 50 ± 5 %: [47.5, 52.5] holds both
        assertThat(SynthesisAnalyzer.analyze(DepositionRun.of(50, 52).withSpec(ThicknessSpec.aroundPercent(50, 5)))
                .inSpecFraction()).isEqualTo(1.0);
    }

    @Test
    void should_give_the_mass_yield() {
        // 1.84 g weighed of 2.00 g expected: 92 %
        MassYield y = SynthesisAnalyzer.massYield(1.84, 2.00);
        assertThat(y.fraction()).isCloseTo(0.92, within(1e-12));
        assertThat(y.percent()).isCloseTo(92.0, within(1e-9));
        assertThatThrownBy(() -> SynthesisAnalyzer.massYield(1.84, 0))
                .isInstanceOfSatisfying(SynthesisAnalysisException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NON_POSITIVE))
                .hasMessageContaining("theoreticalG");
    }

    @Test
    void should_refuse_bad_measurements_and_name_the_field() {
        assertThatThrownBy(() -> DepositionRun.of(100))
                .isInstanceOfSatisfying(SynthesisAnalysisException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_FEW_POINTS));
        assertThatThrownBy(() -> DepositionRun.of(100, Double.NaN, 99))
                .isInstanceOfSatisfying(SynthesisAnalysisException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FINITE))
                .hasMessage("thicknessNm[1] is NaN");
        assertThatThrownBy(() -> DepositionRun.of(100, 0, 99))
                .isInstanceOfSatisfying(SynthesisAnalysisException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NON_POSITIVE))
                .hasMessageContaining("thicknessNm[1]");
        assertThatThrownBy(() -> DepositionRun.of(100, 99).withDepositionTimeS(-60))
                .hasMessageContaining("depositionTimeS");
        assertThatThrownBy(() -> ThicknessSpec.around(100, -1))
                .isInstanceOfSatisfying(SynthesisAnalysisException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_OPTION));
    }
}
