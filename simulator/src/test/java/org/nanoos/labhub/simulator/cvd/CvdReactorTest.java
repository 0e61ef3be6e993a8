package org.nanoos.labhub.simulator.cvd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CvdReactorTest {

    private static final CvdRecipe RECIPE = CvdRecipe.polysilicon620();
    private static final CvdHardware HARDWARE = CvdHardware.singleWaferLpcvd();
    private static final PolysiliconKinetics KINETICS = PolysiliconKinetics.silaneInNitrogen();

    @Test
    void should_reach_setpoint_temperature_during_heat_up() {
        List<ProcessSample> run = oneRun(CvdReactor.create(RECIPE, 7), 1.0);
        double setpoint = RECIPE.setpointTemperatureK();

        ProcessSample firstDeposition = first(run, Phase.DEPOSITION);
        assertThat(firstDeposition.temperatureK()).isCloseTo(setpoint, within(HARDWARE.stabiliseToleranceK() + 1.5));
        double meanDuringDeposition = during(run, Phase.DEPOSITION).stream()
                .mapToDouble(ProcessSample::thermocoupleK).average().orElseThrow();
        assertThat(meanDuringDeposition).isCloseTo(setpoint, within(0.3));
        // a first-order lag approaches the setpoint from below without overshoot (beyond the controller jitter)
        assertThat(run.stream().mapToDouble(ProcessSample::temperatureK).max().orElseThrow())
                .isLessThan(setpoint + 5 * HARDWARE.temperatureFluctuationK());
    }

    @Test
    void should_lag_the_heat_up_ramp_by_rate_times_time_constant() {
        // dT/dt = (T_ramp - T)/τ with T_ramp rising at rate r: after a few τ, T rises at r and trails by r·τ.
        CvdReactor reactor = noiseless(RECIPE);
        List<ProcessSample> run = oneRun(reactor, 0.1);
        double rate = RECIPE.rampRateKPerS();
        double tau = HARDWARE.heatingTimeConstantS();

        List<ProcessSample> heatUp = during(run, Phase.HEAT_UP);
        ProcessSample start = heatUp.get(0);
        ProcessSample a = sampleAt(heatUp, start.simulatedTimeS() + 5 * tau);
        ProcessSample b = sampleAt(heatUp, start.simulatedTimeS() + 5 * tau + 10.0);
        double slope = (b.temperatureK() - a.temperatureK()) / (b.simulatedTimeS() - a.simulatedTimeS());
        assertThat(slope).isCloseTo(rate, withinPercentage(1.0));

        ProcessSample rampEnd = first(run, Phase.STABILISE);
        assertThat(RECIPE.setpointTemperatureK() - rampEnd.temperatureK()).isCloseTo(rate * tau, within(0.5));
    }

    @Test
    void should_pump_to_base_pressure_and_hold_the_recipe_pressure() {
        List<ProcessSample> run = oneRun(CvdReactor.create(RECIPE, 11), 1.0);

        assertThat(run.get(0).pressureReadingPa()).isGreaterThan(1e4);
        ProcessSample lastPumpDown = last(run, Phase.PUMP_DOWN);
        assertThat(lastPumpDown.pressurePa()).isLessThan(HARDWARE.pumpDownEndPa() * 1.01);
        double meanDuringDeposition = during(run, Phase.DEPOSITION).stream()
                .mapToDouble(ProcessSample::pressureReadingPa).average().orElseThrow();
        assertThat(meanDuringDeposition).isCloseTo(RECIPE.pressurePa(), withinPercentage(0.5));
        assertThat(last(run, Phase.COOL_DOWN).pressurePa())
                .isCloseTo(HARDWARE.atmosphericPressurePa(), withinPercentage(1.0));
    }

    @Test
    void should_read_zero_flow_when_valves_are_closed_and_the_setpoint_when_open() {
        List<ProcessSample> run = oneRun(CvdReactor.create(RECIPE, 13), 1.0);

        assertThat(run).filteredOn(s -> s.phase() != Phase.DEPOSITION)
                .allSatisfy(s -> assertThat(s.precursorFlowReadingSccm()).isZero());
        assertThat(during(run, Phase.PUMP_DOWN)).allSatisfy(s -> assertThat(s.carrierFlowReadingSccm()).isZero());
        List<ProcessSample> deposition = during(run, Phase.DEPOSITION);
        double silane = deposition.stream().skip(10).mapToDouble(ProcessSample::precursorFlowReadingSccm)
                .average().orElseThrow();
        double nitrogen = deposition.stream().mapToDouble(ProcessSample::carrierFlowReadingSccm).average().orElseThrow();
        assertThat(silane).isCloseTo(RECIPE.precursorFlowSccm(), withinPercentage(0.5));
        assertThat(nitrogen).isCloseTo(RECIPE.carrierFlowSccm(), withinPercentage(0.5));
    }

    @Test
    void should_integrate_the_growth_rate_into_the_thickness() {
        CvdReactor reactor = CvdReactor.create(RECIPE, 17);
        List<ProcessSample> run = new ArrayList<>();
        double integral = 0.0;
        ProcessSample previous = reactor.sample();
        while (reactor.runNumber() == 1) {
            ProcessSample s = reactor.advance(0.5);
            double dtMin = (s.simulatedTimeS() - previous.simulatedTimeS()) / 60.0;
            integral += 0.5 * (previous.growthRateNmPerMin() + s.growthRateNmPerMin()) * dtMin; // trapezoid
            run.add(s);
            previous = s;
        }
        RunResult result = reactor.takeCompletedRuns().get(0);

        assertThat(result.meanThicknessNm()).isCloseTo(integral, withinPercentage(0.2));
        assertThat(last(run, Phase.DEPOSITION).meanThicknessNm()).isCloseTo(integral, withinPercentage(0.2));
        assertThat(result.depositionRateNmPerMin())
                .isCloseTo(result.meanThicknessNm() / (RECIPE.depositionDurationS() / 60.0), withinPercentage(1e-9));
        assertThat(result.depositionSeconds()).isCloseTo(RECIPE.depositionDurationS(), within(1e-6));
        assertThat(during(run, Phase.HEAT_UP)).allSatisfy(s -> assertThat(s.growthRateNmPerMin()).isZero());
    }

    @Test
    void should_follow_arrhenius_between_runs_in_the_reaction_limited_regime() {
        double t1 = 873.15;
        double t2 = 913.15;
        RunResult cooler = CvdReactor.create(RECIPE.withSetpointTemperatureK(t1), 19).runToCompletion();
        RunResult hotter = CvdReactor.create(RECIPE.withSetpointTemperatureK(t2), 19).runToCompletion();
        double expected = Math.exp(-KINETICS.activationEnergyEv() / PolysiliconKinetics.BOLTZMANN_EV_PER_K
                * (1 / t2 - 1 / t1)) * t1 / t2; // C = p/(kT) at fixed pressure adds T1/T2

        // within 2 %: the hotter film depletes the silane a little more (≈ 0.7 %) and the process fluctuates
        assertThat(hotter.depositionRateNmPerMin() / cooler.depositionRateNmPerMin())
                .isCloseTo(expected, withinPercentage(2.0));
    }

    @Test
    void should_plateau_when_mass_transport_limits_at_high_temperature() {
        // APCVD of 1 % silane on a 50 mm wafer in 10 slm: transport-limited above ~1000 K.
        CvdRecipe apcvd = new CvdRecipe("APCVD", 1273.15, PolysiliconKinetics.STANDARD_ATMOSPHERE_PA, 100.0, 9900.0,
                5.0, 60.0, 25.0);
        RunResult at1273 = CvdReactor.create(apcvd, 23).runToCompletion();
        RunResult at1373 = CvdReactor.create(apcvd.withSetpointTemperatureK(1373.15), 23).runToCompletion();
        double reactionLimited = KINETICS.surfaceRateConstant(1373.15) / KINETICS.surfaceRateConstant(1273.15);

        assertThat(reactionLimited).isGreaterThan(3.0);
        assertThat(at1373.depositionRateNmPerMin() / at1273.depositionRateNmPerMin()).isBetween(0.95, 1.1);
    }

    @Test
    void should_never_incorporate_more_silicon_than_supplied() {
        // starved: 5 sccm silane at atmosphere over a 300 mm wafer at 1300 K consumes nearly all of it
        CvdRecipe starved = new CvdRecipe("starved", 1300.0, PolysiliconKinetics.STANDARD_ATMOSPHERE_PA, 5.0, 95.0,
                5.0, 120.0, 150.0);
        RunResult nearlyAll = CvdReactor.create(starved, 29).runToCompletion();
        RunResult lpcvd = CvdReactor.create(RECIPE, 29).runToCompletion();

        assertThat(nearlyAll.yieldPercent()).isBetween(95.0, 100.0);
        assertThat(lpcvd.yieldPercent()).isBetween(0.1, 10.0);
    }

    @Test
    void should_keep_the_silicon_balance_consistent() {
        RunResult r = CvdReactor.create(RECIPE, 31).runToCompletion();
        double radiusM = RECIPE.waferRadiusMm() * 1e-3;
        double atomsFromThickness = r.meanThicknessNm() * 1e-9 * Math.PI * radiusM * radiusM
                * PolysiliconKinetics.SILICON_ATOM_DENSITY_PER_M3;
        double nominalSupply = CvdReactor.moleculesPerSecond(RECIPE.precursorFlowSccm()) * RECIPE.depositionDurationS();

        assertThat(r.siliconAtomsInFilm()).isCloseTo(atomsFromThickness, withinPercentage(1e-9));
        assertThat(r.yieldPercent()).isCloseTo(100 * r.siliconAtomsInFilm() / r.siliconAtomsSupplied(),
                withinPercentage(1e-9));
        // the MFC takes ~τ to open: the supply falls short of Q·t by about τ/t = 0.25 %
        assertThat(r.siliconAtomsSupplied()).isCloseTo(nominalSupply, withinPercentage(0.5));
        assertThat(r.siliconAtomsSupplied()).isLessThan(nominalSupply);
    }

    @Test
    void should_match_the_analytic_depletion_profile() {
        // plug flow over the wafer: h(r) ∝ exp(-a r²), a = π k_eff / Q_v, so non-uniformity = a R²/2 and
        // yield = 1 - exp(-a R²) for steady conditions
        RunResult r = noiseless(RECIPE).runToCompletion();
        double radiusM = RECIPE.waferRadiusMm() * 1e-3;
        double a = CvdReactor.depletionConstant(KINETICS, HARDWARE.boundaryLayerM(), RECIPE.setpointTemperatureK(),
                RECIPE.pressurePa(), RECIPE.precursorFlowSccm() + RECIPE.carrierFlowSccm());

        assertThat(r.nonUniformityPercent()).isCloseTo(100 * a * radiusM * radiusM / 2, withinPercentage(1.0));
        assertThat(r.yieldPercent()).isCloseTo(-100 * Math.expm1(-a * radiusM * radiusM), withinPercentage(1.0));
        List<Double> h = r.thicknessNm();
        for (int i = 1; i < h.size(); i++) {
            assertThat(h.get(i)).isLessThan(h.get(i - 1));
        }
        assertThat(r.meanThicknessNm()).isBetween(h.get(h.size() - 1), h.get(0));
        assertThat(r.radiiMm()).first().isEqualTo(0.0);
        assertThat(r.radiiMm()).last().isEqualTo(RECIPE.waferRadiusMm());
    }

    @Test
    void should_deposit_less_uniformly_on_larger_wafers() {
        RunResult wafer200 = noiseless(RECIPE).runToCompletion();
        RunResult wafer300 = noiseless(RECIPE.withWaferRadiusMm(150.0)).runToCompletion();

        // a R² / 2 grows with R²: (150/100)² = 2.25
        assertThat(wafer300.nonUniformityPercent() / wafer200.nonUniformityPercent()).isCloseTo(2.25,
                withinPercentage(1.0));
    }

    @Test
    void should_run_recipes_back_to_back() {
        CvdReactor reactor = CvdReactor.create(RECIPE, 37);
        List<RunResult> runs = new ArrayList<>();
        while (runs.size() < 3) {
            reactor.advance(60.0);
            runs.addAll(reactor.takeCompletedRuns());
        }

        assertThat(runs).extracting(RunResult::runNumber).containsExactly(1, 2, 3);
        assertThat(runs).allSatisfy(r -> assertThat(r.meanThicknessNm())
                .isCloseTo(runs.get(0).meanThicknessNm(), withinPercentage(1.0)));
        assertThat(reactor.runNumber()).isEqualTo(4);
    }

    @Test
    void should_reproduce_the_same_process_for_the_same_seed() {
        List<ProcessSample> first = oneRun(CvdReactor.create(RECIPE, 41), 7.0);
        List<ProcessSample> again = oneRun(CvdReactor.create(RECIPE, 41), 7.0);
        List<ProcessSample> other = oneRun(CvdReactor.create(RECIPE, 43), 7.0);

        assertThat(again).isEqualTo(first);
        assertThat(other.get(20).thermocoupleK()).isNotEqualTo(first.get(20).thermocoupleK());
        assertThat(CvdReactor.create(RECIPE, 41).runToCompletion())
                .isEqualTo(CvdReactor.create(RECIPE, 41).runToCompletion());
    }

    @Test
    void should_stop_at_the_unload_of_the_run_when_advancing_within_it() {
        CvdReactor reactor = CvdReactor.create(RECIPE, 5);
        double expected = CvdReactor.runDurationS(RECIPE, HARDWARE, KINETICS);
        ProcessSample last = null;
        List<RunResult> completed = List.of();
        // 7-minute ticks: the unload falls inside one of them, which must end right there
        for (int tick = 0; tick < 100 && completed.isEmpty(); tick++) {
            last = reactor.advanceWithinRun(420.0);
            completed = reactor.takeCompletedRuns();
        }

        assertThat(completed).hasSize(1);
        assertThat(completed.get(0).runNumber()).isEqualTo(1);
        // the chamber stands at unload: the wafer just below 100 °C, nothing pumped down for the next run yet
        assertThat(last.phase()).isEqualTo(Phase.PUMP_DOWN);
        assertThat(last.temperatureK()).isBetween(HARDWARE.unloadTemperatureK() - 1.0, HARDWARE.unloadTemperatureK()
                + 3 * HARDWARE.temperatureFluctuationK());
        assertThat(last.pressurePa()).isCloseTo(HARDWARE.atmosphericPressurePa(), withinPercentage(1));
        // five phase changes, each known to within an integration step
        assertThat(reactor.simulatedTimeS()).isCloseTo(expected, within(5 * HARDWARE.maxStepS()));
        // the default recipe takes about 24 minutes from pump-down to unload (see CvdRecipe.polysilicon620)
        assertThat(expected / 60).isBetween(20.0, 28.0);
        assertThat(reactor.advanceWithinRun(0.0).simulatedTimeS()).isEqualTo(reactor.simulatedTimeS());
    }

    private static CvdReactor noiseless(CvdRecipe recipe) {
        return new CvdReactor(recipe, HARDWARE.noiseless(), KINETICS, new SplittableRandom(1));
    }

    /** Samples of run 1, every {@code step} seconds, up to and including the last cool-down sample. */
    private static List<ProcessSample> oneRun(CvdReactor reactor, double step) {
        List<ProcessSample> samples = new ArrayList<>();
        while (true) {
            ProcessSample s = reactor.advance(step);
            if (s.runNumber() != 1) {
                return samples;
            }
            samples.add(s);
        }
    }

    private static List<ProcessSample> during(List<ProcessSample> run, Phase phase) {
        return run.stream().filter(s -> s.phase() == phase).toList();
    }

    private static ProcessSample first(List<ProcessSample> run, Phase phase) {
        return during(run, phase).get(0);
    }

    private static ProcessSample last(List<ProcessSample> run, Phase phase) {
        List<ProcessSample> in = during(run, phase);
        return in.get(in.size() - 1);
    }

    private static ProcessSample sampleAt(List<ProcessSample> samples, double time) {
        return samples.stream().filter(s -> s.simulatedTimeS() >= time - 1e-9).findFirst().orElseThrow();
    }
}
