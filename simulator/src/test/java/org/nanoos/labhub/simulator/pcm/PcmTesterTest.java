package org.nanoos.labhub.simulator.pcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PcmTesterTest {

    private static final double KB = PhaseChangeFilm.BOLTZMANN_EV_PER_K;
    private static final PhaseChangeFilm GST = PhaseChangeFilm.ge2Sb2Te5();

    @Test
    void should_follow_an_arrhenius_law_with_half_the_gap_before_crystallization() {
        RampResult run = PcmTester.create(GST, HeatingRamp.defaults().withNoise(0.0), 1L).ramp();

        Line arrhenius = arrheniusFit(run, 300.0, 370.0);

        // slope Eg/(2 k_B): with the 0.74 eV optical gap of amorphous GST (Kato & Tanaka, Jpn. J. Appl. Phys. 44, 7340
        // (2005)) an activation energy of 0.37 eV, between the thermopower (0.3 eV) and conductivity (0.45 eV)
        // activation energies they measured
        assertThat(arrhenius.slope()).isCloseTo(GST.mobilityGapEv() / (2 * KB), withinPercentage(0.01));
        assertThat(arrhenius.slope() * KB).isCloseTo(0.37, within(0.001));
        assertThat(arrhenius.rSquared()).isGreaterThan(1 - 1e-12);
    }

    @Test
    void should_recover_the_activation_energy_from_a_noisy_run() {
        RampResult run = PcmTester.create(GST, HeatingRamp.defaults(), 11L).ramp();

        assertThat(arrheniusFit(run, 300.0, 370.0).slope()).isCloseTo(GST.mobilityGapEv() / (2 * KB), withinPercentage(1));
    }

    @Test
    void should_drop_most_steeply_within_a_few_kelvin_of_the_peak_crystallization_rate() {
        RampResult run = PcmTester.create(GST, fineRamp(10.0), 1L).ramp();

        double steepestDrop = steepestResistanceDropK(run);
        double ratePeak = crystallizationRatePeakK(run);

        assertThat(steepestDrop).isCloseTo(ratePeak, within(3.0));
        // the drop comes first, when the crystalline grains percolate (x = 1/3 in the Bruggeman medium)
        assertThat(steepestDrop).isLessThan(ratePeak);
        assertThat(interpolate(run.temperatureK(), run.crystallineFraction(), steepestDrop)).isBetween(0.3, 0.45);
    }

    @Test
    void should_crystallize_near_150_celsius_at_10_kelvin_per_minute() {
        // GST films crystallize at about 140-150 °C at such rates (Friedrich et al., J. Appl. Phys. 87, 4130 (2000))
        RampResult run = PcmTester.create(GST, fineRamp(10.0), 1L).ramp();

        assertThat(crystallizationRatePeakK(run)).isCloseTo(423.15, within(1.0));
        assertThat(steepestResistanceDropK(run) - 273.15).isBetween(140.0, 155.0);
    }

    @Test
    void should_shift_the_transition_with_heating_rate_as_the_kissinger_equation_predicts() {
        // Kissinger, Anal. Chem. 29, 1702 (1957): ln(β/Tp²) = -E_x/(k_B Tp) + const; the slope against 1/Tp recovers
        // the 2.24 eV that Friedrich et al. (2000) measured this way on GST
        double[] rates = {2.5, 10.0, 40.0};
        List<double[]> fromResistance = new ArrayList<>();
        List<double[]> fromRate = new ArrayList<>();
        double previous = 0;
        for (double rate : rates) {
            RampResult run = PcmTester.create(GST, fineRamp(rate), 1L).ramp();
            double tpResistance = steepestResistanceDropK(run);
            double tpRate = crystallizationRatePeakK(run);
            double beta = rate / 60.0;
            fromResistance.add(new double[] {1 / tpResistance, Math.log(beta / (tpResistance * tpResistance))});
            fromRate.add(new double[] {1 / tpRate, Math.log(beta / (tpRate * tpRate))});

            assertThat(tpResistance).as("a faster ramp crystallizes hotter").isGreaterThan(previous);
            previous = tpResistance;
            // and each peak lies where the Kissinger equation with the film's own ν and E_x puts it
            assertThat(tpRate).isCloseTo(kissingerPeakK(GST, beta), within(0.5));
        }

        assertThat(-Line.fit(fromResistance).slope() * KB).isCloseTo(2.24, withinPercentage(2));
        assertThat(-Line.fit(fromRate).slope() * KB).isCloseTo(2.24, withinPercentage(1));
        assertThat(Line.fit(fromRate).rSquared()).isGreaterThan(0.9999);
    }

    @ParameterizedTest
    @ValueSource(doubles = {100.0, 1000.0, 10_000.0})
    void should_show_the_configured_resistance_contrast_after_heating_and_cooling(double contrast) {
        PhaseChangeFilm film = GST.withResistanceContrast(contrast);
        RampResult run = PcmTester.create(film, HeatingRamp.defaults().withNoise(0.0), 1L).ramp();
        double[] t = run.temperatureK();
        double[] r = run.resistanceOhm();
        int last = run.size() - 1;

        assertThat(t[0]).isEqualTo(300.0);
        assertThat(t[last]).isCloseTo(300.0, within(1e-9));
        assertThat(run.crystallineFraction()[last]).isEqualTo(1.0);
        assertThat(r[0] / r[last]).isCloseTo(contrast, withinPercentage(1e-6));
    }

    @Test
    void should_keep_the_crystalline_resistance_weakly_activated_while_cooling() {
        RampResult run = PcmTester.create(GST, HeatingRamp.defaults().withNoise(0.0), 1L).ramp();
        double[] time = run.timeS();
        List<double[]> cooling = new ArrayList<>();
        for (int i = 0; i < run.size(); i++) {
            if (time[i] > HeatingRamp.defaults().heatingDurationS()) {
                cooling.add(new double[] {1 / run.temperatureK()[i], Math.log(run.resistanceOhm()[i])});
            }
        }

        assertThat(Line.fit(cooling).slope() * KB).isCloseTo(GST.crystallineActivationEv(), within(1e-6));
    }

    @Test
    void should_crystallize_monotonically_and_completely() {
        RampResult run = PcmTester.create(GST, HeatingRamp.defaults(), 1L).ramp();
        double[] x = run.crystallineFraction();

        for (int i = 1; i < x.length; i++) {
            assertThat(x[i]).isGreaterThanOrEqualTo(x[i - 1]);
        }
        assertThat(x[0]).isZero();
        assertThat(x[x.length - 1]).isEqualTo(1.0);
    }

    @Test
    void should_not_depend_on_the_sampling_interval() {
        HeatingRamp ramp = HeatingRamp.defaults().heatingOnly().withMaxTemperatureK(425.0).withNoise(0.0);
        PcmTester fine = PcmTester.create(GST, ramp.withSampleIntervalS(0.1), 1L);
        PcmTester coarse = PcmTester.create(GST, ramp.withSampleIntervalS(7.0), 1L);
        fine.ramp();
        coarse.ramp();

        assertThat(coarse.integratedRate()).isCloseTo(fine.integratedRate(), withinPercentage(1e-6));
    }

    @Test
    void should_stream_reading_by_reading_exactly_what_a_ramp_returns() {
        HeatingRamp ramp = HeatingRamp.defaults();
        RampResult whole = PcmTester.create(GST, ramp, 21L).ramp();
        PcmTester streaming = PcmTester.create(GST, ramp, 21L);

        int i = 0;
        while (streaming.hasNext()) {
            PcmSample sample = streaming.next();
            assertThat(sample.index()).isEqualTo(i);
            assertThat(sample.timeS()).isEqualTo(whole.timeS()[i]);
            assertThat(sample.resistanceOhm()).isEqualTo(whole.resistanceOhm()[i]);
            i++;
        }
        assertThat(i).isEqualTo(whole.size()).isEqualTo(ramp.sampleCount());
        assertThat(whole.timeS()[whole.size() - 1]).isEqualTo(ramp.durationS());
    }

    @Test
    void should_be_deterministic_for_a_seed() {
        HeatingRamp ramp = HeatingRamp.defaults();

        assertThat(PcmTester.create(GST, ramp, 5L).ramp())
                .isEqualTo(PcmTester.create(GST, ramp, 5L).ramp())
                .isNotEqualTo(PcmTester.create(GST, ramp, 6L).ramp());
    }

    /** Heating only to 480 K, noise-free, a reading every 0.05 K. */
    private static HeatingRamp fineRamp(double kelvinPerMinute) {
        return HeatingRamp.defaults().heatingOnly().withMaxTemperatureK(480.0).withNoise(0.0)
                .withHeatingRateKPerMin(kelvinPerMinute).withSampleIntervalS(0.05 / (kelvinPerMinute / 60.0));
    }

    /** Straight-line fit of ln R against 1/T over the heating readings with T in [from, to]. */
    private static Line arrheniusFit(RampResult run, double from, double to) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < run.size(); i++) {
            double t = run.temperatureK()[i];
            if (run.timeS()[i] <= HeatingRamp.defaults().heatingDurationS() && t >= from && t <= to) {
                assertThat(run.crystallineFraction()[i]).isLessThan(1e-6);
                points.add(new double[] {1 / t, Math.log(run.resistanceOhm()[i])});
            }
        }
        return Line.fit(points);
    }

    private static double steepestResistanceDropK(RampResult run) {
        double[] logR = run.resistanceOhm();
        for (int i = 0; i < logR.length; i++) {
            logR[i] = Math.log(logR[i]);
        }
        return extremumOfDerivative(run.temperatureK(), logR, -1.0);
    }

    private static double crystallizationRatePeakK(RampResult run) {
        return extremumOfDerivative(run.temperatureK(), run.crystallineFraction(), 1.0);
    }

    /**
     * Temperature where {@code sign · dy/dT} is largest: central differences, then the vertex of the parabola through
     * the largest value and its neighbours.
     */
    private static double extremumOfDerivative(double[] t, double[] y, double sign) {
        int n = t.length;
        double[] d = new double[n];
        int best = 1;
        for (int i = 1; i < n - 1; i++) {
            d[i] = sign * (y[i + 1] - y[i - 1]) / (t[i + 1] - t[i - 1]);
            if (d[i] > d[best]) {
                best = i;
            }
        }
        assertThat(best).isBetween(2, n - 3);
        double curvature = d[best - 1] - 2 * d[best] + d[best + 1];
        double offset = 0.5 * (d[best - 1] - d[best + 1]) / curvature;
        return t[best] + offset * (t[best + 1] - t[best - 1]) / 2;
    }

    /** Solves Kissinger's {@code ln(β/T²) = −E/(k_B T) + ln(ν k_B/E)} for T by Newton's method. */
    private static double kissingerPeakK(PhaseChangeFilm film, double betaKPerS) {
        double e = film.crystallizationActivationEv();
        double constant = Math.log(film.attemptFrequencyPerS() * KB / e);
        double t = 400.0;
        for (int i = 0; i < 50; i++) {
            double f = Math.log(betaKPerS / (t * t)) + e / (KB * t) - constant;
            double df = -2 / t - e / (KB * t * t);
            t -= f / df;
        }
        return t;
    }

    private static double interpolate(double[] x, double[] y, double at) {
        for (int i = 1; i < x.length; i++) {
            if (x[i] >= at) {
                return y[i - 1] + (y[i] - y[i - 1]) * (at - x[i - 1]) / (x[i] - x[i - 1]);
            }
        }
        return y[y.length - 1];
    }

    /** Ordinary least-squares straight line. */
    private record Line(double slope, double intercept, double rSquared) {

        static Line fit(List<double[]> points) {
            int n = points.size();
            double mx = 0;
            double my = 0;
            for (double[] p : points) {
                mx += p[0] / n;
                my += p[1] / n;
            }
            double sxx = 0;
            double sxy = 0;
            double syy = 0;
            for (double[] p : points) {
                sxx += (p[0] - mx) * (p[0] - mx);
                sxy += (p[0] - mx) * (p[1] - my);
                syy += (p[1] - my) * (p[1] - my);
            }
            double slope = sxy / sxx;
            return new Line(slope, my - slope * mx, sxy * sxy / (sxx * syy));
        }
    }
}
