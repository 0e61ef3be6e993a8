package org.nanoos.labhub.verticals.xrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nanoos.labhub.verticals.xrd.XrdAnalysisException.Reason;

class XrdPatternTest {

    private static double[] ramp(int n, double start, double step) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = start + i * step;
        }
        return x;
    }

    private static double[] flat(int n, double level) {
        double[] y = new double[n];
        java.util.Arrays.fill(y, level);
        return y;
    }

    @Test
    void should_refuse_a_pattern_with_too_few_points() {
        assertThatThrownBy(() -> new XrdPattern(ramp(19, 10, 0.1), flat(19, 5)))
                .isInstanceOf(XrdAnalysisException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 20 points, got 19")
                .extracting(e -> ((XrdAnalysisException) e).reason()).isEqualTo(Reason.TOO_FEW_POINTS);
    }

    @Test
    void should_refuse_nan_and_infinite_values_naming_the_index() {
        double[] y = flat(30, 5);
        y[7] = Double.NaN;
        assertThatThrownBy(() -> new XrdPattern(ramp(30, 10, 0.1), y))
                .hasMessageContaining("intensity at index 7").hasMessageContaining("NaN")
                .extracting(e -> ((XrdAnalysisException) e).reason()).isEqualTo(Reason.NOT_FINITE);
        double[] x = ramp(30, 10, 0.1);
        x[3] = Double.POSITIVE_INFINITY;
        assertThatThrownBy(() -> new XrdPattern(x, flat(30, 5)))
                .hasMessageContaining("2θ at index 3 is Infinity")
                .extracting(e -> ((XrdAnalysisException) e).reason()).isEqualTo(Reason.NOT_FINITE);
    }

    @Test
    void should_refuse_unsorted_and_duplicate_angles() {
        double[] x = ramp(30, 10, 0.1);
        double swap = x[10];
        x[10] = x[11];
        x[11] = swap;
        assertThatThrownBy(() -> new XrdPattern(x, flat(30, 5)))
                .hasMessageContaining("2θ must ascend: index 11")
                .extracting(e -> ((XrdAnalysisException) e).reason()).isEqualTo(Reason.NOT_ASCENDING);
        double[] d = ramp(30, 10, 0.1);
        d[5] = d[4];
        assertThatThrownBy(() -> new XrdPattern(d, flat(30, 5)))
                .hasMessageContaining("appears twice, at indices 4 and 5")
                .extracting(e -> ((XrdAnalysisException) e).reason()).isEqualTo(Reason.DUPLICATE_ANGLE);
    }

    @Test
    void should_refuse_irregular_steps_out_of_range_angles_and_mismatched_columns() {
        double[] x = ramp(30, 10, 0.1);
        for (int i = 20; i < 30; i++) {
            x[i] += 1.0;
        }
        assertThatThrownBy(() -> new XrdPattern(x, flat(30, 5)))
                .hasMessageContaining("resample")
                .extracting(e -> ((XrdAnalysisException) e).reason()).isEqualTo(Reason.IRREGULAR_STEP);
        assertThatThrownBy(() -> new XrdPattern(ramp(30, 179, 0.1), flat(30, 5)))
                .extracting(e -> ((XrdAnalysisException) e).reason()).isEqualTo(Reason.OUT_OF_RANGE);
        assertThatThrownBy(() -> new XrdPattern(ramp(30, 10, 0.1), flat(29, 5)))
                .hasMessageContaining("30 2θ values but 29 intensities")
                .extracting(e -> ((XrdAnalysisException) e).reason()).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void should_keep_its_own_copy_of_the_columns() {
        double[] x = ramp(30, 10, 0.1);
        double[] y = flat(30, 5);
        XrdPattern pattern = new XrdPattern(x, y);
        x[0] = 99;
        y[0] = -1;
        pattern.intensity()[1] = -1;
        assertThat(pattern.twoThetaDeg()[0]).isEqualTo(10.0);
        assertThat(pattern.intensity()).containsOnly(5.0);
        assertThat(pattern.medianStepDeg()).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
    }
}
