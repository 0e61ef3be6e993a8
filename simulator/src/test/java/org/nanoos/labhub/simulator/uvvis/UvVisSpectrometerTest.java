package org.nanoos.labhub.simulator.uvvis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UvVisSpectrometerTest {

    private static final double LN10 = Math.log(10.0);

    @Test
    void should_extrapolate_the_direct_gap_tauc_plot_to_the_configured_gap() {
        // GaAs, direct gap 1.42 eV at 300 K (Sze & Ng, Physics of Semiconductor Devices, 3rd ed., 2007)
        ThinFilm film = ThinFilm.galliumArsenide(500.0);
        UvVisConfig config = UvVisConfig.defaults().withNoiseSigma(0.0);
        Spectrum spectrum = UvVisSpectrometer.create(film, config, 1L).scan();

        Line tauc = taucFit(spectrum, film, config, 2.0, 1.47, 1.72);

        assertThat(tauc.rSquared()).isGreaterThan(0.999_999);
        assertThat(tauc.xIntercept()).isCloseTo(1.42, within(0.01));
        assertThat(tauc.xIntercept()).isCloseTo(1.42, within(1e-6));
    }

    @Test
    void should_recover_the_direct_gap_within_10_meV_from_a_noisy_scan() {
        ThinFilm film = ThinFilm.galliumArsenide(500.0);
        UvVisConfig config = UvVisConfig.defaults();
        Spectrum spectrum = UvVisSpectrometer.create(film, config, 42L).scan();

        Line tauc = taucFit(spectrum, film, config, 2.0, 1.47, 1.72);

        assertThat(tauc.rSquared()).isGreaterThan(0.99);
        assertThat(tauc.xIntercept()).isCloseTo(1.42, within(0.01));
    }

    @Test
    void should_extrapolate_the_indirect_gap_tauc_plot_to_the_configured_gap() {
        // silicon, indirect gap 1.12 eV at 300 K (Sze & Ng); Tauc plot of (αE)^(1/2)
        ThinFilm film = ThinFilm.silicon(20_000.0);
        UvVisConfig config = UvVisConfig.defaults().withRangeNm(1400.0, 850.0, 1.0).withNoiseSigma(0.0);
        Spectrum spectrum = UvVisSpectrometer.create(film, config, 1L).scan();

        Line tauc = taucFit(spectrum, film, config, 0.5, 1.17, 1.40);

        assertThat(tauc.rSquared()).isGreaterThan(0.999_999);
        assertThat(tauc.xIntercept()).isCloseTo(1.12, within(0.01));
        assertThat(tauc.xIntercept()).isCloseTo(1.12, within(1e-6));
    }

    @Test
    void should_recover_the_indirect_gap_within_10_meV_from_a_noisy_scan() {
        ThinFilm film = ThinFilm.silicon(20_000.0);
        UvVisConfig config = UvVisConfig.defaults().withRangeNm(1400.0, 850.0, 1.0);
        Spectrum spectrum = UvVisSpectrometer.create(film, config, 7L).scan();

        Line tauc = taucFit(spectrum, film, config, 0.5, 1.17, 1.40);

        assertThat(tauc.xIntercept()).isCloseTo(1.12, within(0.01));
    }

    @Test
    void should_show_only_baseline_and_urbach_tail_below_the_gap() {
        ThinFilm film = ThinFilm.galliumArsenide(500.0);
        UvVisConfig config = UvVisConfig.defaults().withNoiseSigma(0.0);
        UvVisSpectrometer spectrometer = UvVisSpectrometer.create(film, config, 1L);
        Spectrum spectrum = spectrometer.scan();
        double[] lambda = spectrum.wavelengthNm();
        double[] absorbance = spectrum.absorbance();
        double[] energy = spectrum.photonEnergyEv();

        List<double[]> tail = new ArrayList<>();
        for (int i = 0; i < spectrum.size(); i++) {
            double film0 = absorbance[i] - config.baselineAbsorbance(lambda[i]);
            assertThat(film0).isGreaterThanOrEqualTo(0.0);
            if (energy[i] < film.bandGapEv() - 0.003 && energy[i] > film.bandGapEv() - 0.08) {
                tail.add(new double[] {energy[i], Math.log(film0)});
            }
            if (energy[i] < film.bandGapEv() - 0.15) {
                assertThat(film0).as("film absorbance at %s nm", lambda[i]).isLessThan(1e-6);
            }
        }
        // ln(A - A_base) is a straight line in E with slope 1/EU: an exponential (Urbach) tail and nothing else
        Line urbach = Line.fit(tail);
        assertThat(tail).hasSizeGreaterThan(30);
        assertThat(urbach.slope()).isCloseTo(1.0 / film.urbachEnergyEv(), withinPercentage(1e-6));
        assertThat(urbach.rSquared()).isGreaterThan(1.0 - 1e-12);
        // its extrapolation to E = Eg is α0 d / ln 10
        double alpha0 = spectrometer.absorptionEdge().urbachPrefactorPerCm();
        assertThat(Math.exp(urbach.at(film.bandGapEv())))
                .isCloseTo(alpha0 * film.thicknessNm() * 1e-7 / LN10, withinPercentage(1e-6));
    }

    @Test
    void should_scale_film_absorbance_in_proportion_to_thickness() {
        UvVisConfig config = UvVisConfig.defaults().withNoiseSigma(0.0);
        Spectrum thin = UvVisSpectrometer.create(ThinFilm.galliumArsenide(200.0), config, 1L).scan();
        Spectrum thick = UvVisSpectrometer.create(ThinFilm.galliumArsenide(600.0), config, 1L).scan();
        double[] lambda = thin.wavelengthNm();

        for (int i = 0; i < thin.size(); i += 10) {
            double base = config.baselineAbsorbance(lambda[i]);
            double thinFilm = thin.absorbance()[i] - base;
            double thickFilm = thick.absorbance()[i] - base;
            assertThat(thickFilm).as("at %s nm", lambda[i]).isCloseTo(3.0 * thinFilm, within(1e-12 + 1e-9 * thickFilm));
        }
    }

    @Test
    void should_add_photometric_noise_of_the_configured_sigma() {
        ThinFilm film = ThinFilm.galliumArsenide(500.0);
        UvVisConfig config = UvVisConfig.defaults().withRangeNm(300.0, 3000.0, 0.5).withNoiseSigma(0.002);
        UvVisSpectrometer spectrometer = UvVisSpectrometer.create(film, config, 2024L);
        Spectrum spectrum = spectrometer.scan();

        double sum = 0;
        double sumSq = 0;
        int n = spectrum.size();
        for (int i = 0; i < n; i++) {
            double residual = spectrum.absorbance()[i] - spectrometer.trueAbsorbance(spectrum.wavelengthNm()[i]);
            sum += residual;
            sumSq += residual * residual;
            assertThat(spectrum.transmittance()[i]).isCloseTo(Math.pow(10, -spectrum.absorbance()[i]), within(1e-15));
        }
        double mean = sum / n;
        double sigma = Math.sqrt(sumSq / n - mean * mean);
        assertThat(n).isEqualTo(5401);
        assertThat(sigma).isCloseTo(0.002, withinPercentage(5));
        assertThat(mean).isCloseTo(0.0, within(4 * 0.002 / Math.sqrt(n)));
    }

    @Test
    void should_scan_the_configured_grid_in_scan_order() {
        UvVisConfig config = UvVisConfig.defaults();
        Spectrum spectrum = UvVisSpectrometer.create(ThinFilm.galliumArsenide(500.0), config, 3L).scan();

        assertThat(spectrum.size()).isEqualTo(401);
        assertThat(spectrum.wavelengthNm()[0]).isEqualTo(1100.0);
        assertThat(spectrum.wavelengthNm()[400]).isEqualTo(700.0);
        assertThat(spectrum.wavelengthNm()[1]).isEqualTo(1099.0);
    }

    @Test
    void should_stream_point_by_point_exactly_what_a_scan_returns() {
        ThinFilm film = ThinFilm.galliumArsenide(500.0);
        UvVisConfig config = UvVisConfig.defaults();
        Spectrum whole = UvVisSpectrometer.create(film, config, 99L).scan();
        UvVisSpectrometer streaming = UvVisSpectrometer.create(film, config, 99L);

        for (int i = 0; i < streaming.pointCount(); i++) {
            SpectrumPoint point = streaming.measurePoint(i);
            assertThat(point.index()).isEqualTo(i);
            assertThat(point.wavelengthNm()).isEqualTo(whole.wavelengthNm()[i]);
            assertThat(point.absorbance()).isEqualTo(whole.absorbance()[i]);
            assertThat(point.photonEnergyEv()).isEqualTo(Photon.energyEv(point.wavelengthNm()));
        }
    }

    @Test
    void should_be_deterministic_for_a_seed() {
        ThinFilm film = ThinFilm.silicon(20_000.0);
        UvVisConfig config = UvVisConfig.defaults().withRangeNm(1300.0, 900.0, 2.0);

        assertThat(UvVisSpectrometer.create(film, config, 5L).scan())
                .isEqualTo(UvVisSpectrometer.create(film, config, 5L).scan())
                .isNotEqualTo(UvVisSpectrometer.create(film, config, 6L).scan());
    }

    /**
     * Tauc analysis as an experimenter would do it: subtract the blank (substrate) baseline, convert to α, plot
     * (αE)^power against E and fit a straight line over [eMin, eMax].
     */
    private static Line taucFit(Spectrum spectrum, ThinFilm film, UvVisConfig blank, double power, double eMin,
                                double eMax) {
        double[] lambda = spectrum.wavelengthNm();
        double[] absorbance = spectrum.absorbance();
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < spectrum.size(); i++) {
            double energy = Photon.energyEv(lambda[i]);
            if (energy >= eMin && energy <= eMax) {
                double alpha = (absorbance[i] - blank.baselineAbsorbance(lambda[i])) * LN10
                        / (film.thicknessNm() * 1e-7);
                points.add(new double[] {energy, Math.pow(Math.max(alpha * energy, 0.0), power)});
            }
        }
        assertThat(points).hasSizeGreaterThan(50);
        return Line.fit(points);
    }

    /** Ordinary least-squares straight line {@code y = intercept + slope x}. */
    private record Line(double slope, double intercept, double rSquared) {

        static Line fit(List<double[]> points) {
            int n = points.size();
            double sx = 0;
            double sy = 0;
            for (double[] p : points) {
                sx += p[0];
                sy += p[1];
            }
            double mx = sx / n;
            double my = sy / n;
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

        double at(double x) {
            return intercept + slope * x;
        }

        double xIntercept() {
            return -intercept / slope;
        }
    }
}
