package org.nanoos.labhub.simulator.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The heating stage's physics against the analytic solutions of dT/dt = clamp((T_set − T)/τ, −r, r): the first-order
 * step response (63.2 % of the step after one τ, i.e. 1 − 1/e) and the linear ramp that joins it at |T_set − T| = r·τ.
 */
class FirstOrderThermalLagTest {

    private static final double T0 = 295.15;
    private final FirstOrderThermalLag lag = new FirstOrderThermalLag(20.0);

    @Test
    void should_cover_one_minus_one_over_e_of_the_step_after_one_time_constant() {
        double t = lag.advance(T0, 500.0, Double.POSITIVE_INFINITY, 20.0);

        // step response of a first-order system: 1 − exp(−1) = 0.632120558828558
        assertThat((t - T0) / (500.0 - T0)).isCloseTo(0.632120558828558, within(1e-12));
        assertThat(lag.advance(T0, 500.0, Double.POSITIVE_INFINITY, 100.0))
                .isCloseTo(500.0 - (500.0 - T0) * Math.exp(-5.0), within(1e-9));
    }

    @Test
    void should_ramp_linearly_far_from_the_setpoint_and_join_the_exponential_at_r_tau() {
        double ramp = 2.0;
        double band = ramp * 20.0;
        double rampTime = (500.0 - T0 - band) / ramp;

        assertThat(lag.advance(T0, 500.0, ramp, 50.0)).isCloseTo(T0 + 100.0, within(1e-9));
        assertThat(lag.advance(T0, 500.0, ramp, rampTime)).isCloseTo(500.0 - band, within(1e-9));
        assertThat(lag.advance(T0, 500.0, ramp, rampTime + 20.0)).isCloseTo(500.0 - band / Math.E, within(1e-9));

        double h = 1e-3;
        double slopeBefore = (lag.advance(T0, 500.0, ramp, rampTime) - lag.advance(T0, 500.0, ramp, rampTime - h)) / h;
        double slopeAfter = (lag.advance(T0, 500.0, ramp, rampTime + h) - lag.advance(T0, 500.0, ramp, rampTime)) / h;
        assertThat(slopeBefore).isCloseTo(ramp, within(1e-6));
        assertThat(slopeAfter).isCloseTo(ramp, within(1e-3));
    }

    @Test
    void should_give_the_same_temperature_however_the_time_is_cut_into_steps() {
        Random random = new Random(7);
        double stepped = T0;
        double total = 0;
        for (int i = 0; i < 1000; i++) {
            double dt = random.nextDouble() * 0.3;
            stepped = lag.advance(stepped, 500.0, 2.0, dt);
            total += dt;
        }

        assertThat(stepped).isCloseTo(lag.advance(T0, 500.0, 2.0, total), within(1e-9));
    }

    @Test
    void should_cool_toward_a_lower_setpoint_the_same_way() {
        assertThat(lag.advance(500.0, T0, 2.0, 50.0)).isCloseTo(400.0, within(1e-9));
        assertThat(lag.advance(500.0, T0, Double.POSITIVE_INFINITY, 20.0))
                .isCloseTo(T0 + (500.0 - T0) / Math.E, within(1e-9));
        assertThat(lag.advance(T0, T0, 2.0, 10.0)).isEqualTo(T0);
    }

    @Test
    void should_reject_a_non_positive_time_constant_ramp_or_negative_step() {
        assertThatThrownBy(() -> new FirstOrderThermalLag(0.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lag.advance(T0, 500.0, 0.0, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lag.advance(T0, 500.0, 1.0, -1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
