package org.nanoos.labhub.verticals.crystallography;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.List;
import org.junit.jupiter.api.Test;

class PowderProfileTest {

    private static final Crystal COPPER = Crystal.fcc("Cu", 3.615, 0.55);
    /** Caglioti parameters of the order found for a laboratory Bragg–Brentano diffractometer, deg². */
    private static final PeakShape LAB = PeakShape.instrumental(0.0045, -0.0030, 0.0030, 0.4);

    private static Reflection copper111() {
        return PowderDiffraction.reflections(COPPER, Radiation.copperKAlpha1(), 45).get(0);
    }

    @Test
    void should_give_each_peak_an_integrated_area_equal_to_its_intensity() {
        Reflection r = copper111();
        double centre = r.twoThetaDeg();
        double halfRange = 10;
        TwoThetaGrid grid = new TwoThetaGrid(centre - halfRange, centre + halfRange, 0.002);
        double area = 2500;

        PowderPattern p = PowderProfile.calculate(List.of(r), grid, LAB, area, Background.none());

        double integral = 0;
        for (int i = 0; i < p.size(); i++) {
            integral += p.intensityAt(i) * grid.stepDeg();
        }
        // A unit-area pseudo-Voigt loses only the Lorentzian tail beyond ±Δ: η·(1 − (2/π)·arctan(2Δ/H))
        double fwhm = LAB.fwhmDeg(centre, r.line().wavelengthA());
        double tail = LAB.eta() * (1 - 2 / Math.PI * Math.atan(2 * halfRange / fwhm));
        assertThat(integral).isCloseTo(area * (1 - tail), withinPercentage(0.05));
        assertThat(tail).isLessThan(0.002);
    }

    @Test
    void should_scale_areas_with_relative_intensity_and_keep_the_background_underneath() {
        List<Reflection> cu = PowderDiffraction.reflections(COPPER, Radiation.copperKAlpha1(), 60);
        Reflection r200 = cu.get(1);
        TwoThetaGrid grid = new TwoThetaGrid(r200.twoThetaDeg() - 3, r200.twoThetaDeg() + 3, 0.002);
        Background background = new Background(5, 40, 15);
        PeakShape gaussian = PeakShape.instrumental(0.0045, -0.0030, 0.0030, 0.0);

        PowderPattern p = PowderProfile.calculate(List.of(r200), grid, gaussian, 1000, background);
        PowderPattern bare = PowderProfile.calculate(List.of(r200), grid, gaussian, 0, background);

        double net = 0;
        for (int i = 0; i < p.size(); i++) {
            assertThat(bare.intensityAt(i)).isEqualTo(background.at(grid.angleDeg(i)));
            net += (p.intensityAt(i) - bare.intensityAt(i)) * grid.stepDeg();
        }
        assertThat(net).isCloseTo(1000 * r200.relativeIntensity() / 100, withinPercentage(0.05));
    }

    @Test
    void should_recover_the_crystallite_size_from_pure_scherrer_broadening() {
        // Scherrer (1918), K = 0.9 for FWHM: L = Kλ/(β cos θ). No instrumental width: the line width is all size.
        double sizeNm = 20;
        PeakShape sizeOnly = new PeakShape(0, 0, 0, 0.5, sizeNm);
        Reflection r = copper111();
        TwoThetaGrid grid = new TwoThetaGrid(38, 48, 0.001);

        PowderPattern p = PowderProfile.calculate(List.of(r), grid, sizeOnly, 1000, Background.none());

        double beta = Math.toRadians(measuredFwhm(p));
        double size = 0.9 * r.line().wavelengthA() / (beta * Math.cos(Math.toRadians(r.thetaDeg()))) / 10;
        assertThat(size).isCloseTo(sizeNm, withinPercentage(1));
    }

    @Test
    void should_recover_the_crystallite_size_after_removing_the_instrumental_width_of_a_standard() {
        // The usual practice: measure a well-crystallised standard on the same instrument, then subtract its width
        // from the sample's in quadrature before applying Scherrer's equation.
        double sizeNm = 35;
        Reflection r = copper111();
        TwoThetaGrid grid = new TwoThetaGrid(38, 48, 0.001);

        double standard = measuredFwhm(PowderProfile.calculate(List.of(r), grid, LAB, 1000, Background.none()));
        double sample = measuredFwhm(PowderProfile.calculate(List.of(r), grid, LAB.withCrystalliteSizeNm(sizeNm),
                1000, Background.none()));

        double beta = Math.toRadians(Math.sqrt(sample * sample - standard * standard));
        double size = 0.9 * r.line().wavelengthA() / (beta * Math.cos(Math.toRadians(r.thetaDeg()))) / 10;
        assertThat(sample).isGreaterThan(standard);
        assertThat(size).isCloseTo(sizeNm, withinPercentage(3));
    }

    @Test
    void should_widen_lines_with_angle_as_caglioti_and_scherrer_prescribe() {
        // With U > 0 the instrumental width grows at high angle; Scherrer width grows as 1/cos θ.
        assertThat(LAB.instrumentalFwhmDeg(120)).isGreaterThan(LAB.instrumentalFwhmDeg(40));
        PeakShape small = LAB.withCrystalliteSizeNm(10);
        double ratio = small.sizeFwhmDeg(120, 1.5406) / small.sizeFwhmDeg(40, 1.5406);
        assertThat(ratio).isCloseTo(Math.cos(Math.toRadians(20)) / Math.cos(Math.toRadians(60)), within(1e-12));
        // H² = U tan²θ + V tan θ + W at θ = 45°: U + V + W
        assertThat(LAB.instrumentalFwhmDeg(90)).isCloseTo(Math.sqrt(0.0045 - 0.0030 + 0.0030), within(1e-12));
    }

    @Test
    void should_refuse_a_line_without_width() {
        PeakShape none = new PeakShape(0, 0, 0, 0.5, Double.POSITIVE_INFINITY);
        TwoThetaGrid grid = new TwoThetaGrid(40, 46, 0.01);
        assertThatThrownBy(() -> PowderProfile.calculate(List.of(copper111()), grid, none, 1, Background.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero width");
        assertThatThrownBy(() -> new PeakShape(0, 0, -1, 0.5, 10).instrumentalFwhmDeg(30))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_include_the_tail_of_a_line_just_beyond_the_end_of_the_scan() {
        // Cu 111 lies at 43.32°, past a scan that stops at 43.0°: its tail must still rise above the background
        TwoThetaGrid grid = new TwoThetaGrid(40, 43, 0.01);
        PowderPattern p = PowderProfile.calculate(COPPER, Radiation.copperKAlpha1(), grid, LAB, 1000,
                Background.flat(1));
        assertThat(p.intensityAt(p.size() - 1)).isGreaterThan(2.0);
        assertThat(p.intensityAt(p.size() - 1)).isGreaterThan(p.intensityAt(p.size() - 20));
    }

    @Test
    void should_sample_a_scan_grid_inclusive_of_its_ends() {
        TwoThetaGrid grid = new TwoThetaGrid(10, 90, 0.02);
        assertThat(grid.size()).isEqualTo(4001);
        assertThat(grid.lastAngleDeg()).isCloseTo(90, within(1e-9));
        assertThat(new TwoThetaGrid(10, 10.05, 0.02).size()).isEqualTo(3);
    }

    /** FWHM of the single peak in {@code p}, from linear interpolation of the half-maximum crossings. */
    private static double measuredFwhm(PowderPattern p) {
        int top = 0;
        for (int i = 1; i < p.size(); i++) {
            if (p.intensityAt(i) > p.intensityAt(top)) {
                top = i;
            }
        }
        double half = p.intensityAt(top) / 2;
        int left = top;
        while (p.intensityAt(left - 1) > half) {
            left--;
        }
        int right = top;
        while (p.intensityAt(right + 1) > half) {
            right++;
        }
        double x1 = crossing(p, left - 1, left, half);
        double x2 = crossing(p, right, right + 1, half);
        return x2 - x1;
    }

    private static double crossing(PowderPattern p, int i, int j, double level) {
        double yi = p.intensityAt(i);
        double yj = p.intensityAt(j);
        double xi = p.twoThetaDegAt(i);
        double xj = p.twoThetaDegAt(j);
        return xi + (level - yi) * (xj - xi) / (yj - yi);
    }
}
