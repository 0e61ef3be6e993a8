package org.nanoos.labhub.verticals.xrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SavitzkyGolayTest {

    @Test
    void should_give_the_published_convolution_weights() {
        // Savitzky & Golay, Anal. Chem. 36 (1964) 1627, Table I (quadratic/cubic smoothing):
        // 5 points (−3, 12, 17, 12, −3)/35; 7 points (−2, 3, 6, 7, 6, 3, −2)/21
        double[] five = SavitzkyGolay.coefficients(5, 2);
        double[] expectedFive = {-3 / 35.0, 12 / 35.0, 17 / 35.0, 12 / 35.0, -3 / 35.0};
        for (int i = 0; i < 5; i++) {
            assertThat(five[i]).isCloseTo(expectedFive[i], within(1e-12));
        }
        double[] seven = SavitzkyGolay.coefficients(7, 2);
        double[] expectedSeven = {-2 / 21.0, 3 / 21.0, 6 / 21.0, 7 / 21.0, 6 / 21.0, 3 / 21.0, -2 / 21.0};
        for (int i = 0; i < 7; i++) {
            assertThat(seven[i]).isCloseTo(expectedSeven[i], within(1e-12));
        }
    }

    @Test
    void should_reproduce_a_polynomial_of_its_order_exactly_including_the_ends() {
        double[] y = new double[40];
        for (int i = 0; i < y.length; i++) {
            y[i] = 3 - 0.5 * i + 0.02 * i * i;
        }
        double[] s = SavitzkyGolay.smooth(y, 9, 2);
        for (int i = 0; i < y.length; i++) {
            assertThat(s[i]).isCloseTo(y[i], within(1e-9));
        }
    }

    @Test
    void should_refuse_an_even_or_oversized_window() {
        assertThatThrownBy(() -> SavitzkyGolay.smooth(new double[10], 4, 2)).isInstanceOf(XrdAnalysisException.class)
                .hasMessageContaining("odd");
        assertThatThrownBy(() -> SavitzkyGolay.smooth(new double[10], 11, 2)).isInstanceOf(XrdAnalysisException.class);
    }
}
