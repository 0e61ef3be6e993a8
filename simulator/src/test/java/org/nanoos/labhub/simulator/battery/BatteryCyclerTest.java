package org.nanoos.labhub.simulator.battery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatteryCyclerTest {

    private static final LfpCell CELL = LfpCell.coinCell();
    private static final CyclingProtocol SLOW = CyclingProtocol.defaults();

    @Test
    void should_deliver_the_nominal_capacity_at_a_low_rate() {
        // 10 mg of LiFePO4 at 169.9 mAh/g = 1.699 mAh; at C/20 polarisation is a few mV and nearly all of it is used
        CycleSummary first = BatteryCycler.create(CELL, SLOW.withCRates(0.05, 0.05), 1L).runCycle().summary();

        assertThat(CELL.nominalCapacityMah()).isCloseTo(1.699, within(0.001));
        assertThat(first.dischargeCapacityMah()).isCloseTo(CELL.nominalCapacityMah(), withinPercentage(0.5));
    }

    @Test
    void should_set_the_current_from_the_c_rate_and_nominal_capacity() {
        BatteryCycler cycler = BatteryCycler.create(CELL, SLOW.withCRates(0.5, 2.0).withNoise(0, 0), 1L);
        CycleRecord cycle = cycler.runCycle();

        for (CyclerSample s : cycle.samples()) {
            double expected = s.step() == Step.CHARGE ? 0.5 * CELL.nominalCapacityMah() : -2.0 * CELL.nominalCapacityMah();
            assertThat(s.currentMa()).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void should_end_each_step_at_its_cutoff_voltage() {
        CycleRecord cycle = BatteryCycler.create(CELL, SLOW.withCRates(1.0, 1.0).withNoise(0, 0), 1L).runCycle();
        List<CyclerSample> samples = cycle.samples();
        CyclerSample lastCharge = null;
        for (CyclerSample s : samples) {
            if (s.step() == Step.CHARGE) {
                lastCharge = s;
                assertThat(s.voltageV()).isLessThanOrEqualTo(4.0 + 1e-9);
            } else {
                assertThat(s.voltageV()).isGreaterThanOrEqualTo(2.5 - 1e-9);
            }
        }
        assertThat(lastCharge.voltageV()).isCloseTo(4.0, within(1e-6));
        assertThat(samples.get(samples.size() - 1).voltageV()).isCloseTo(2.5, within(1e-6));
    }

    @Test
    void should_drop_the_voltage_by_i_times_r_when_the_current_reverses() {
        // no transport term: V = OCV(y) ± I R on either side of the reversal, at the same instant and composition
        LfpCell ohmicOnly = CELL.withResistances(20.0, 0.0);
        CycleRecord cycle = BatteryCycler.create(ohmicOnly, SLOW.withCRates(1.0, 1.0).withNoise(0, 0), 1L).runCycle();
        List<CyclerSample> samples = cycle.samples();
        int firstDischarge = indexOfFirst(samples, Step.DISCHARGE);
        CyclerSample endOfCharge = samples.get(firstDischarge - 1);
        CyclerSample startOfDischarge = samples.get(firstDischarge);
        double current = ohmicOnly.nominalCapacityMah() * 1e-3;

        assertThat(startOfDischarge.timeS()).isEqualTo(endOfCharge.timeS());
        assertThat(endOfCharge.voltageV() - startOfDischarge.voltageV()).isCloseTo(2 * current * 20.0, within(1e-9));
    }

    @Test
    void should_deliver_less_capacity_at_higher_rates_because_polarisation_reaches_the_cutoff_earlier() {
        double[] rates = {0.1, 0.5, 1.0, 2.0, 5.0};
        double[] real = dischargeCapacities(CELL, rates);
        double[] ideal = dischargeCapacities(CELL.withResistances(0.0, 0.0), rates);

        for (int i = 1; i < rates.length; i++) {
            assertThat(real[i]).as("%sC", rates[i]).isLessThan(real[i - 1]);
            // without resistance the cutoff is met only where the OCV itself diverges: no rate dependence
            assertThat(ideal[i]).as("ideal %sC", rates[i]).isCloseTo(ideal[0], withinPercentage(0.01));
        }
        assertThat(real[2] / real[0]).isBetween(0.95, 1.0);
        assertThat(real[4] / real[0]).isBetween(0.5, 0.9);
    }

    @Test
    void should_lose_capacity_per_cycle_as_the_active_material_loss_law_says() {
        int cycles = 100;
        BatteryCycler cycler = BatteryCycler.create(CELL, SLOW.withSampleIntervalS(300.0), 3L);
        List<CycleSummary> summaries = new ArrayList<>();
        for (CycleRecord record : cycler.run(cycles)) {
            summaries.add(record.summary());
        }
        double first = summaries.get(0).dischargeCapacityMah();
        double p = CELL.activeMaterialLossPerCycle();

        for (CycleSummary s : summaries) {
            double law = Math.pow(1 - p, s.cycle() - 1);
            assertThat(s.dischargeCapacityMah() / first).as("retention, cycle %s", s.cycle())
                    .isCloseTo(law, within(1e-3));
            assertThat(s.ohmicResistanceOhm()).isCloseTo(15.0 + 1.5 * Math.sqrt(s.cycle() - 1), within(1e-12));
        }
        CycleSummary last = summaries.get(cycles - 1);
        assertThat(last.dischargeCapacityMah() / first).isCloseTo(0.9517, within(1e-3));
        // rising resistance shows as a lower mean discharge voltage
        assertThat(last.meanDischargeVoltageV()).isLessThan(summaries.get(0).meanDischargeVoltageV());
    }

    @Test
    void should_report_coulombic_efficiency_as_discharge_over_charge_below_one_by_the_parasitic_charge() {
        BatteryCycler cycler = BatteryCycler.create(CELL, SLOW, 4L);
        List<CycleRecord> records = cycler.run(4);

        for (CycleRecord record : records.subList(1, records.size())) {
            CycleSummary s = record.summary();
            double chargeTimeS = stepDurationS(record.samples(), Step.CHARGE);
            double parasiticMah = CELL.parasiticCurrentMa() * chargeTimeS / 3600.0;

            assertThat(s.coulombicEfficiency()).isEqualTo(s.dischargeCapacityMah() / s.chargeCapacityMah());
            assertThat(s.coulombicEfficiency()).isBetween(0.99, 1.0);
            assertThat(s.coulombicEfficiency()).isCloseTo(1.0 - parasiticMah / s.chargeCapacityMah(), within(2e-4));
        }
    }

    @Test
    void should_approach_unit_coulombic_efficiency_without_side_reactions() {
        LfpCell noParasitic = CELL.withAgeing(0.0, 0.0, 0.0);
        List<CycleRecord> records = BatteryCycler.create(noParasitic, SLOW, 4L).run(3);

        assertThat(records.get(2).summary().coulombicEfficiency()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void should_integrate_energy_in_agreement_with_the_trapezoid_sum_of_the_logged_samples() {
        CycleRecord record = BatteryCycler.create(CELL, SLOW.withCRates(0.5, 0.5).withSampleIntervalS(10.0), 5L)
                .runCycle();
        CycleSummary s = record.summary();

        assertThat(trapezoidEnergyWh(record.samples(), Step.CHARGE)).isCloseTo(s.chargeEnergyWh(), withinPercentage(0.05));
        assertThat(trapezoidEnergyWh(record.samples(), Step.DISCHARGE))
                .isCloseTo(s.dischargeEnergyWh(), withinPercentage(0.05));
        // LFP delivers about 3.4 V x capacity; energy efficiency below one because of polarisation
        assertThat(s.meanDischargeVoltageV()).isBetween(3.2, 3.42);
        assertThat(s.energyEfficiency()).isBetween(0.9, 1.0);
    }

    @Test
    void should_count_capacity_and_throughput_from_current_and_time() {
        CycleRecord record = BatteryCycler.create(CELL, SLOW.withCRates(1.0, 1.0).withNoise(0, 0), 6L).runCycle();
        List<CyclerSample> samples = record.samples();
        double stepStart = 0;
        for (int i = 0; i < samples.size(); i++) {
            CyclerSample s = samples.get(i);
            if (i > 0 && s.step() != samples.get(i - 1).step()) {
                stepStart = s.timeS();
            }
            assertThat(s.stepCapacityMah()).isCloseTo(Math.abs(s.currentMa()) * (s.timeS() - stepStart) / 3600.0,
                    within(1e-12));
            if (i > 0) {
                assertThat(s.timeS()).isGreaterThanOrEqualTo(samples.get(i - 1).timeS());
            }
        }
        CyclerSample last = samples.get(samples.size() - 1);
        assertThat(last.throughputMah()).isCloseTo(record.summary().chargeCapacityMah()
                + record.summary().dischargeCapacityMah(), within(1e-12));
    }

    @Test
    void should_not_depend_on_the_logging_interval() {
        CycleSummary fine = BatteryCycler.create(CELL, SLOW.withCRates(1.0, 1.0).withSampleIntervalS(1.0), 1L)
                .runCycle().summary();
        CycleSummary coarse = BatteryCycler.create(CELL, SLOW.withCRates(1.0, 1.0).withSampleIntervalS(120.0), 1L)
                .runCycle().summary();

        assertThat(coarse.dischargeCapacityMah()).isCloseTo(fine.dischargeCapacityMah(), withinPercentage(1e-6));
        assertThat(coarse.dischargeEnergyWh()).isCloseTo(fine.dischargeEnergyWh(), withinPercentage(1e-3));
    }

    @Test
    void should_stream_sample_by_sample_exactly_what_a_cycle_run_returns() {
        CyclingProtocol protocol = SLOW.withCRates(1.0, 2.0);
        List<CycleRecord> whole = BatteryCycler.create(CELL, protocol, 8L).run(2);
        BatteryCycler streaming = BatteryCycler.create(CELL, protocol, 8L);

        List<CyclerSample> streamed = new ArrayList<>();
        while (streaming.cycle() <= 2) {
            streamed.add(streaming.next());
        }
        List<CyclerSample> expected = new ArrayList<>(whole.get(0).samples());
        expected.addAll(whole.get(1).samples());
        assertThat(streamed).isEqualTo(expected);
        assertThat(streaming.takeCompletedCycles()).extracting(CycleSummary::cycle).containsExactly(1, 2);
    }

    private static double[] dischargeCapacities(LfpCell cell, double[] rates) {
        double[] capacities = new double[rates.length];
        for (int i = 0; i < rates.length; i++) {
            capacities[i] = BatteryCycler.create(cell, SLOW.withCRates(0.1, rates[i]), 1L).runCycle().summary()
                    .dischargeCapacityMah();
        }
        return capacities;
    }

    private static int indexOfFirst(List<CyclerSample> samples, Step step) {
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).step() == step) {
                return i;
            }
        }
        throw new AssertionError("no " + step + " sample");
    }

    private static double stepDurationS(List<CyclerSample> samples, Step step) {
        double first = Double.NaN;
        double last = Double.NaN;
        for (CyclerSample s : samples) {
            if (s.step() == step) {
                first = Double.isNaN(first) ? s.timeS() : first;
                last = s.timeS();
            }
        }
        return last - first;
    }

    /** Trapezoid sum of |V I| dt over the logged samples of one step, Wh. */
    private static double trapezoidEnergyWh(List<CyclerSample> samples, Step step) {
        double milliJoule = 0;
        CyclerSample previous = null;
        for (CyclerSample s : samples) {
            if (s.step() != step) {
                continue;
            }
            if (previous != null) {
                milliJoule += 0.5 * (Math.abs(previous.voltageV() * previous.currentMa())
                        + Math.abs(s.voltageV() * s.currentMa())) * (s.timeS() - previous.timeS());
            }
            previous = s;
        }
        return milliJoule / 3.6e6;
    }
}
