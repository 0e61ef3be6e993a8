package org.nanoos.labhub.verticals.battery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nanoos.labhub.verticals.battery.BatteryAnalysisException.Reason;

/** Cycling analysis against synthetic data whose capacities, energies and efficiencies are known by construction. */
class CyclingAnalyzerTest {

    /** Integration error allowed: the 1 ms current jumps between steps add at most ~1.4e-7 mAh each. */
    private static final double MAH = 1e-6;

    /**
     * Two constant-current cycles of a cathode half-cell, points every 60 s, 10-min rests:
     * cycle 1: charge +1.00 mA for 3600 s at 3.50 V (1.000 mAh, 3.500 mWh), discharge −0.95 mA for 3600 s at 3.30 V
     * (0.950 mAh, 3.135 mWh); cycle 2: charge +1.00 mA for 3420 s (0.950 mAh, 3.325 mWh), discharge −0.90 mA for
     * 3600 s (0.900 mAh, 2.970 mWh). By hand: CE₁ = 0.95/1.00 = 95.000 %, CE₂ = 0.90/0.95 = 94.737 %;
     * EE₁ = 3.135/3.500 = 0.895714, EE₂ = 2.970/3.325 = 0.893233; retention₂ = 0.90/0.95 = 94.737 %.
     */
    private static SyntheticCycler twoCycles() {
        return new SyntheticCycler(60)
                .step(1.00, 3600, 3.50).step(0, 600, 3.40).step(-0.95, 3600, 3.30).step(0, 600, 3.35)
                .nextCycle()
                .step(1.00, 3420, 3.50).step(0, 600, 3.40).step(-0.90, 3600, 3.30).step(0, 600, 3.35);
    }

    @ParameterizedTest(name = "cycle index given: {0}")
    @ValueSource(booleans = {false, true})
    void should_integrate_capacities_energies_and_efficiencies_of_two_cycles(boolean withIndex) {
        CyclingAnalysis analysis = CyclingAnalyzer.analyze(twoCycles().data(withIndex),
                CyclingOptions.defaults().withActiveMassG(0.005));

        assertThat(analysis.opening()).isEqualTo(StepKind.CHARGE);
        assertThat(analysis.cycles()).hasSize(2);
        CycleSummary first = analysis.cycle(1);
        assertThat(first.complete()).isTrue();
        assertThat(first.chargeCapacityMah()).isCloseTo(1.000, within(MAH));
        assertThat(first.dischargeCapacityMah()).isCloseTo(0.950, within(MAH));
        assertThat(first.coulombicEfficiency()).isCloseTo(0.95, within(1e-6));
        assertThat(first.chargeEnergyWh()).isCloseTo(3.500e-3, within(1e-9));
        assertThat(first.dischargeEnergyWh()).isCloseTo(3.135e-3, within(1e-9));
        assertThat(first.energyEfficiency()).isCloseTo(0.895714, within(1e-6));
        assertThat(first.meanChargeVoltageV()).isCloseTo(3.50, within(1e-6));
        assertThat(first.meanDischargeVoltageV()).isCloseTo(3.30, within(1e-6));
        // 0.95 mAh / 0.005 g = 190 mAh/g
        assertThat(first.dischargeCapacityMahPerG()).isCloseTo(190.0, within(1e-3));
        assertThat(first.retentionPercent()).isCloseTo(100.0, within(1e-9));

        CycleSummary second = analysis.cycle(2);
        assertThat(second.chargeCapacityMah()).isCloseTo(0.950, within(MAH));
        assertThat(second.dischargeCapacityMah()).isCloseTo(0.900, within(MAH));
        assertThat(second.coulombicEfficiency()).isCloseTo(0.947368, within(1e-6));
        assertThat(second.energyEfficiency()).isCloseTo(0.893233, within(1e-6));
        assertThat(second.retentionPercent()).isCloseTo(94.7368, within(1e-4));
        assertThat(second.startTimeS()).isGreaterThan(first.endTimeS());

        assertThat(analysis.referenceCycle()).isEqualTo(1);
        assertThat(analysis.fade()).as("two cycles are too few for a fade rate with an uncertainty").isNull();
        assertThat(analysis.method()).contains("trapezoid");
    }

    @Test
    void should_state_the_splitting_rule_and_keep_rests_in_the_cycle_in_progress() {
        CyclingAnalysis analysis = CyclingAnalyzer.analyze(twoCycles().data(false), CyclingOptions.defaults());
        // automatic threshold: 1 % of 1.00 mA
        assertThat(analysis.restThresholdMa()).isCloseTo(0.01, within(1e-12));
        assertThat(analysis.method()).contains("split by current sign").contains("|I| ≤ 0.01 mA");
        // the rest after cycle 1's discharge ends cycle 1: cycle 2 starts at its first charge point
        assertThat(analysis.cycle(1).endTimeS()).isCloseTo(3600 + 600 + 3600 + 600 + 3 * SyntheticCycler.GAP_S,
                within(1e-9));
        assertThat(analysis.cycle(1).dischargeCapacityMahPerG()).isNull();
    }

    @Test
    void should_take_the_discharge_as_opening_half_for_an_anode_half_cell() {
        // graphite vs Li: lithiation (discharge) 1.10 mAh at 0.10 V, delithiation (charge) 1.00 mAh at 0.20 V;
        // CE = Q_charge/Q_discharge = 1.00/1.10 = 0.909091; EE = E_dis/E_ch = 0.110/0.200 = 0.55
        CyclerData data = new SyntheticCycler(60).step(-1.0, 3960, 0.10).step(0, 300, 0.5).step(1.0, 3600, 0.20)
                .data(false);
        CyclingAnalysis analysis = CyclingAnalyzer.analyze(data, CyclingOptions.defaults());
        assertThat(analysis.opening()).isEqualTo(StepKind.DISCHARGE);
        assertThat(analysis.cycle(1).coulombicEfficiency()).isCloseTo(0.909091, within(1e-6));
        assertThat(analysis.cycle(1).reversibleCapacityMah()).isCloseTo(1.00, within(MAH));
        assertThat(analysis.cycle(1).energyEfficiency()).isCloseTo(0.55, within(1e-6));
    }

    @Test
    void should_put_a_leading_half_in_cycle_zero_when_the_start_is_stated() {
        // formation: a discharge first, then charge–discharge, with cycles said to open with a charge
        CyclerData data = new SyntheticCycler(60).step(-0.5, 3600, 3.0).step(1.0, 3600, 3.5).step(-1.0, 3600, 3.3)
                .data(false);
        CyclingAnalysis analysis = CyclingAnalyzer.analyze(data, CyclingOptions.defaults().withStart(CycleStart.CHARGE));
        assertThat(analysis.cycles()).extracting(CycleSummary::cycle).containsExactly(0, 1);
        assertThat(analysis.cycle(0).complete()).isFalse();
        assertThat(analysis.cycle(0).coulombicEfficiency()).isNull();
        assertThat(analysis.cycle(0).dischargeCapacityMah()).isCloseTo(0.5, within(MAH));
        assertThat(analysis.cycle(1).coulombicEfficiency()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void should_split_an_interval_whose_current_changes_sign_at_the_zero_crossing() {
        // +1 mA to −1 mA over 10 s, no rest: ½·1·5 s = 2.5 mA·s of charge and the same of discharge
        CyclerData data = CyclerData.of(new double[] {0, 3600, 3610, 7210}, new double[] {3.5, 3.5, 3.3, 3.3},
                new double[] {1, 1, -1, -1});
        CycleSummary cycle = CyclingAnalyzer.analyze(data, CyclingOptions.defaults()).cycle(1);
        assertThat(cycle.chargeCapacityMah()).isCloseTo((3600 + 2.5) / 3600.0, within(1e-12));
        assertThat(cycle.dischargeCapacityMah()).isCloseTo((3600 + 2.5) / 3600.0, within(1e-12));
    }

    @Test
    void should_fit_the_fade_rate_of_a_linear_fade() {
        // 30 cycles losing 0.2 % of the first discharge capacity per cycle, ±0.05 % alternating scatter, CE 99 %
        List<StepRecord> steps = new ArrayList<>();
        for (int k = 1; k <= 30; k++) {
            double discharge = 1.0 * (1 - 0.002 * (k - 1)) * (1 + (k % 2 == 0 ? 5e-4 : -5e-4));
            steps.add(new StepRecord(k, StepKind.CHARGE, discharge / 0.99, 3.5e-3 * discharge / 0.99));
            steps.add(new StepRecord(k, StepKind.REST, 0, 0));
            steps.add(new StepRecord(k, StepKind.DISCHARGE, discharge, 3.3e-3 * discharge));
        }
        CyclingAnalysis analysis = CyclingAnalyzer.analyzeSteps(steps, CyclingOptions.defaults());
        FadeFit fade = analysis.fade();
        assertThat(fade.cycles()).isEqualTo(30);
        assertThat(fade.uFadeRatePercentPerCycle()).isPositive().isLessThan(0.01);
        // the alternating scatter biases nothing beyond its size: 0.2 %/cycle within 3 u
        assertThat(fade.fadeRatePercentPerCycle()).isCloseTo(0.2, within(3 * fade.uFadeRatePercentPerCycle()));
        assertThat(analysis.cycle(10).coulombicEfficiency()).isCloseTo(0.99, within(1e-12));
        assertThat(analysis.cycle(10).energyEfficiency()).isCloseTo(0.99 * 3.3 / 3.5, within(1e-12));
        assertThat(analysis.cycle(1).startTimeS()).isNull();

        // exactly linear: slope exact, uncertainty zero; reference chosen explicitly
        FadeFit exact = CyclingAnalyzer.fadeRate(new int[] {5, 6, 7, 8}, new double[] {2.0, 1.99, 1.98, 1.97});
        assertThat(exact.fadeRatePercentPerCycle()).isCloseTo(0.5, within(1e-12));
        assertThat(exact.uFadeRatePercentPerCycle()).isCloseTo(0, within(1e-12));
        assertThat(exact.firstCycle()).isEqualTo(5);
    }

    @Test
    void should_measure_retention_against_a_chosen_reference_cycle() {
        CyclingAnalysis analysis = CyclingAnalyzer.analyze(twoCycles().data(true),
                CyclingOptions.defaults().withReferenceCycle(2));
        assertThat(analysis.cycle(1).retentionPercent()).isCloseTo(100 * 0.95 / 0.90, within(1e-4));
        assertThat(analysis.cycle(2).retentionPercent()).isCloseTo(100, within(1e-9));
        assertThatThrownBy(() -> CyclingAnalyzer.analyze(twoCycles().data(true),
                CyclingOptions.defaults().withReferenceCycle(3)))
                .isInstanceOfSatisfying(BatteryAnalysisException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_OPTION))
                .hasMessageContaining("reference cycle 3 does not exist");
    }

    @Test
    void should_find_the_dqdv_peak_at_the_plateau_voltage() {
        // a two-phase-like plateau: V(x) = V0 + a·ln(x/(1−x)) for x from 0.01 to 0.99 of the step, with a = 25 mV;
        // dQ/dV = 1/(a·(1/x + 1/(1−x))) peaks at x = ½, i.e. at V0 exactly. Charge plateau at 3.45 V,
        // discharge at 3.40 V (hysteresis), 1 mA for 3600 s, points every 5 s, 1 mV Gaussian voltage noise.
        double a = 0.025;
        SyntheticCycler cycler = new SyntheticCycler(5, 0.001, 42)
                .step(1.0, 3600, x -> 3.45 + a * Math.log((0.01 + 0.98 * x) / (0.99 - 0.98 * x)))
                .step(0, 300, 3.42)
                .step(-1.0, 3600, x -> 3.40 - a * Math.log((0.01 + 0.98 * x) / (0.99 - 0.98 * x)));
        CyclerData data = cycler.data(false);

        DifferentialCapacity charge = CyclingAnalyzer.differentialCapacity(data, CyclingOptions.defaults(),
                DqDvOptions.of(1, StepKind.CHARGE));
        assertThat(charge.peakVoltageV()).isCloseTo(3.45, within(0.003));
        assertThat(charge.capacityMah()).isCloseTo(1.0, within(1e-3));
        // without noise the peak height would be 1 mAh × 0.98⁻¹… ≈ 1/(4a)·(capacity per unit x) = 10.2 mAh/V;
        // 5 mV bins, 25 mV smoothing and the noise lower it a little
        assertThat(charge.peakValue()).isBetween(8.0, 10.3);
        assertThat(charge.unit()).isEqualTo("mAh/V");

        DifferentialCapacity discharge = CyclingAnalyzer.differentialCapacity(data,
                CyclingOptions.defaults().withActiveMassG(0.01), DqDvOptions.of(1, StepKind.DISCHARGE));
        assertThat(discharge.peakVoltageV()).isCloseTo(3.40, within(0.003));
        assertThat(discharge.unit()).isEqualTo("mAh/(g·V)");
        assertThat(discharge.peakValue()).isBetween(800.0, 1030.0);
        double[] v = discharge.voltageV();
        assertThat(v[1] - v[0]).isCloseTo(0.005, within(1e-12));
    }

    @Test
    void should_refuse_dqdv_of_a_half_cycle_that_is_not_there() {
        CyclerData data = twoCycles().data(false);
        assertThatThrownBy(() -> CyclingAnalyzer.differentialCapacity(data, CyclingOptions.defaults(),
                DqDvOptions.of(3, StepKind.CHARGE))).hasMessageContaining("cycle 3 has no charge current");
        // a charge at constant voltage spans one bin only
        CyclerData flat = new SyntheticCycler(60).step(1.0, 3600, 3.5).data(false);
        assertThatThrownBy(() -> CyclingAnalyzer.differentialCapacity(flat, CyclingOptions.defaults(),
                DqDvOptions.of(1, StepKind.CHARGE)))
                .isInstanceOfSatisfying(BatteryAnalysisException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_FEW_POINTS));
    }

    @Test
    void should_refuse_bad_cycler_data_and_name_the_field() {
        double[] t = {0, 1, 2, 3};
        double[] v = {3.5, 3.5, Double.NaN, 3.5};
        double[] i = {1, 1, 1, 1};
        assertThatThrownBy(() -> CyclerData.of(t, v, i))
                .isInstanceOfSatisfying(BatteryAnalysisException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FINITE))
                .hasMessage("voltageV[2] is NaN");
        assertThatThrownBy(() -> CyclerData.of(new double[] {0, 2, 1, 3}, new double[4], i))
                .isInstanceOfSatisfying(BatteryAnalysisException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_ASCENDING))
                .hasMessageContaining("timeS[2]");
        assertThatThrownBy(() -> CyclerData.of(new double[] {0}, new double[1], new double[1]))
                .isInstanceOfSatisfying(BatteryAnalysisException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_FEW_POINTS));
        assertThatThrownBy(() -> CyclerData.of(t, new double[3], i))
                .isInstanceOfSatisfying(BatteryAnalysisException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
        assertThatThrownBy(() -> new CyclerData(t, new double[4], i, new int[] {1, 1, 2, 1}))
                .hasMessageContaining("cycleIndex[3]");
        assertThatThrownBy(() -> CyclingOptions.defaults().withActiveMassG(-0.005))
                .isInstanceOfSatisfying(BatteryAnalysisException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NON_POSITIVE))
                .hasMessageContaining("activeMassG");
        assertThatThrownBy(() -> CyclingAnalyzer.analyze(CyclerData.of(t, new double[4], new double[4]),
                CyclingOptions.defaults())).hasMessageContaining("nothing to analyse");
        assertThatThrownBy(() -> new DqDvOptions(1, StepKind.CHARGE, 0, 1)).hasMessageContaining("binWidthV");
        assertThatThrownBy(() -> CyclingAnalyzer.fadeRate(new int[] {1, 2}, new double[] {1, 0.99}))
                .hasMessageContaining("at least 3 cycles");
        assertThatThrownBy(() -> new StepRecord(1, StepKind.CHARGE, -1, 0)).hasMessageContaining("magnitudes");
    }
}
