package org.nanoos.labhub.simulator.xrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.verticals.crystallography.Background;
import org.nanoos.labhub.verticals.crystallography.Crystal;
import org.nanoos.labhub.verticals.crystallography.Radiation;
import org.nanoos.labhub.verticals.crystallography.Reflection;

class XrdDiffractometerTest {

    /** Silicon powder, a = 5.431 Å (NIST SRM 640 silicon is 5.4312 Å), B ≈ 0.46 Å² at room temperature. */
    private static final Crystal SILICON = Crystal.diamond("Si", 5.431, 0.46);
    private static final XrdSettings LAB = XrdSettings.labDiffractometer(SILICON).withSeed(42);

    @Test
    void should_put_the_strongest_silicon_maxima_on_the_bragg_angles_within_one_step() {
        // Si with Cu Kα1 (PDF 27-1402): 111 at 28.443°, 220 at 47.303°, 311 at 56.123° are the three strongest lines
        XrdDiffractometer xrd = new XrdDiffractometer(LAB);
        XrdScan scan = xrd.scan();
        double step = LAB.scan().stepDeg();

        List<Reflection> strongest = xrd.reflections().stream()
                .sorted(Comparator.comparingDouble(Reflection::relativeIntensity).reversed()).limit(3).toList();
        assertThat(strongest).extracting(Reflection::hkl).containsExactly("(1 1 1)", "(2 2 0)", "(3 1 1)");
        assertThat(strongest.get(0).twoThetaDeg()).isCloseTo(28.443, within(0.02));

        for (Reflection r : strongest) {
            int top = argMax(scan, r.twoThetaDeg() - 0.3, r.twoThetaDeg() + 0.3);
            assertThat(scan.twoThetaDegAt(top)).as(r.hkl()).isCloseTo(r.twoThetaDeg(), within(step));
        }
    }

    @Test
    void should_record_non_negative_integer_counts_at_every_step() {
        XrdScan scan = new XrdDiffractometer(LAB).scan();

        assertThat(scan.complete()).isTrue();
        assertThat(scan.size()).isEqualTo(8001);
        assertThat(Arrays.stream(scan.counts()).min().orElseThrow()).isNotNegative();
        assertThat(scan.twoThetaDegAt(0)).isEqualTo(10.0);
        assertThat(scan.twoThetaDegAt(scan.size() - 1)).isCloseTo(90.0, within(1e-9));
    }

    @Test
    void should_repeat_the_same_scan_for_the_same_seed_and_differ_for_another() {
        XrdScan first = new XrdDiffractometer(LAB).scan();
        XrdScan again = new XrdDiffractometer(LAB).scan();
        XrdScan other = new XrdDiffractometer(LAB.withSeed(43)).scan();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(other.twoThetaDeg()).isEqualTo(first.twoThetaDeg());
    }

    @Test
    void should_scale_counts_with_counting_time() {
        XrdDiffractometer oneSecond = new XrdDiffractometer(LAB);
        XrdDiffractometer fourSeconds = new XrdDiffractometer(LAB.withCountTimePerStepS(4));

        double[] e1 = oneSecond.expectedCounts();
        double[] e4 = fourSeconds.expectedCounts();
        for (int i = 0; i < e1.length; i += 97) {
            assertThat(e4[i]).isCloseTo(4 * e1[i], withinPercentage(1e-9));
        }
        long total1 = Arrays.stream(oneSecond.scan().counts()).sum();
        long total4 = Arrays.stream(fourSeconds.scan().counts()).sum();
        assertThat((double) total4 / total1).isCloseTo(4, within(0.01));
        assertThat(fourSeconds.scanDurationS()).isEqualTo(4 * 8001.0);
    }

    @Test
    void should_scatter_counts_about_the_expectation_with_poisson_statistics() {
        // Counting statistics: (N − μ)/√μ has mean 0 and variance 1 over the scan.
        XrdDiffractometer xrd = new XrdDiffractometer(LAB);
        double[] mu = xrd.expectedCounts();
        long[] n = xrd.scan().counts();
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n.length; i++) {
            double z = (n[i] - mu[i]) / Math.sqrt(mu[i]);
            sum += z;
            sumSq += z * z;
        }
        double mean = sum / n.length;
        assertThat(mean).isCloseTo(0, within(0.05));
        assertThat(sumSq / n.length - mean * mean).isCloseTo(1, within(0.05));
    }

    @Test
    void should_show_the_background_away_from_the_lines() {
        // Between Si 111 (28.4°) and 220 (47.3°) nothing diffracts: counts there are the background (plus line tails)
        XrdSettings settings = LAB.withBackgroundCps(Background.flat(50)).withCountTimePerStepS(2);
        XrdDiffractometer xrd = new XrdDiffractometer(settings);
        XrdScan scan = xrd.scan();
        double[] mu = xrd.expectedCounts();
        int i = (int) Math.round((38.0 - 10.0) / 0.01);
        assertThat(scan.twoThetaDegAt(i)).isCloseTo(38.0, within(1e-9));
        assertThat(mu[i]).isCloseTo(100, within(3.0));
    }

    @Test
    void should_stream_a_scan_in_chunks_that_add_up_to_the_whole_scan() {
        XrdDiffractometer xrd = new XrdDiffractometer(LAB);
        XrdScan whole = xrd.scan();

        List<Long> streamed = new ArrayList<>();
        int reported = 0;
        for (int tick = 1; tick <= 7; tick++) {
            XrdScan sofar = xrd.scanProgress(tick / 7.0);
            XrdScan chunk = sofar.slice(reported, sofar.size());
            for (long c : chunk.counts()) {
                streamed.add(c);
            }
            reported = sofar.size();
        }
        assertThat(streamed).hasSize(whole.size());
        assertThat(streamed).containsExactlyElementsOf(Arrays.stream(whole.counts()).boxed().toList());
        assertThat(xrd.scanProgress(0)).extracting(XrdScan::size).isEqualTo(0);
        assertThat(xrd.scanProgress(0.5).size()).isEqualTo(4000);
        assertThat(xrd.scanProgress(0.5).complete()).isFalse();
        // one step per second of counting
        assertThat(xrd.scanAfter(123.5).size()).isEqualTo(123);
        assertThat(xrd.scanAfter(1e9)).isEqualTo(whole);
        assertThatThrownBy(() -> xrd.scanProgress(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_resolve_the_k_alpha_doublet_at_high_angle() {
        // Si 331 at 76.38° (Kα1) and 76.60° (Kα2, Δ2θ = 2 tan θ Δλ/λ ≈ 0.22°): resolved lines about 2 : 1 in height
        XrdSettings doublet = LAB.withRadiation(Radiation.copperKAlpha12()).withScan(75.5, 77.5, 0.005)
                .withCountTimePerStepS(20);
        XrdDiffractometer xrd = new XrdDiffractometer(doublet);
        double[] mu = xrd.expectedCounts();
        XrdScan scan = xrd.scan();
        List<Reflection> lines = xrd.reflections();
        assertThat(lines).hasSize(2);

        int a1 = argMax(scan, lines.get(0).twoThetaDeg() - 0.05, lines.get(0).twoThetaDeg() + 0.05);
        int a2 = argMax(scan, lines.get(1).twoThetaDeg() - 0.05, lines.get(1).twoThetaDeg() + 0.05);
        assertThat(scan.twoThetaDegAt(a2) - scan.twoThetaDegAt(a1)).isCloseTo(0.225, within(0.015));
        double background = mu[0];
        double ratio = (mu[a2] - background) / (mu[a1] - background);
        assertThat(ratio).isCloseTo(0.5, within(0.05));
    }

    @Test
    void should_broaden_the_lines_of_a_nanocrystalline_powder_without_changing_their_area() {
        // Scherrer: 15 nm crystallites add β = 0.9λ/(L cos θ) ≈ 0.55° at Si 111; the integrated line is unchanged.
        // Gaussian lines (η = 0) and no background, so the ±6° window holds the whole 111 line and nothing else.
        XrdSettings gaussian = LAB.withScan(22.5, 34.5, 0.002).withInstrumentBroadening(0.0045, -0.0030, 0.0030, 0)
                .withBackgroundCps(Background.none());
        double[] coarse = new XrdDiffractometer(gaussian).expectedCounts();
        double[] nano = new XrdDiffractometer(gaussian.withCrystalliteSizeNm(15)).expectedCounts();

        assertThat(Arrays.stream(nano).max().orElseThrow()).isLessThan(0.2 * Arrays.stream(coarse).max().orElseThrow());
        assertThat(Arrays.stream(nano).sum()).isCloseTo(Arrays.stream(coarse).sum(), withinPercentage(0.1));
        // area = strongest-line rate × counting time / step: 400 counts·°/s × 1 s / 0.002°
        assertThat(Arrays.stream(coarse).sum()).isCloseTo(400 / 0.002, withinPercentage(0.1));
    }

    private static int argMax(XrdScan scan, double fromDeg, double toDeg) {
        int best = -1;
        for (int i = 0; i < scan.size(); i++) {
            double x = scan.twoThetaDegAt(i);
            if (x >= fromDeg && x <= toDeg && (best < 0 || scan.countsAt(i) > scan.countsAt(best))) {
                best = i;
            }
        }
        if (best < 0) {
            throw new AssertionError("no step between " + fromDeg + "° and " + toDeg + "°");
        }
        return best;
    }
}
