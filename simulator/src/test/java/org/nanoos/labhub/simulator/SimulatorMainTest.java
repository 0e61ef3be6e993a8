package org.nanoos.labhub.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {

    @Test
    void should_read_the_command_line_options() {
        SimulatorOptions options = SimulatorMain.parse(new String[] {"--broker", "tcp://broker:1884", "--instrument",
                "cvd-2", "--speedup", "120", "--interval", "500ms", "--seed", "7"});

        assertThat(options.brokerUrl()).isEqualTo("tcp://broker:1884");
        assertThat(options.instrumentId()).isEqualTo("cvd-2");
        assertThat(options.clientId()).isEqualTo("labhub-sim-cvd-2");
        assertThat(options.speedUp()).isEqualTo(120.0);
        assertThat(options.publishInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.seed()).isEqualTo(7L);
        assertThat(options.simulatedSecondsPerPublish()).isEqualTo(60.0);
    }

    @Test
    void should_default_to_cvd_1_at_60_times_every_second() {
        SimulatorOptions options = SimulatorMain.parse(new String[0]);

        assertThat(options).isEqualTo(SimulatorOptions.defaults("tcp://localhost:1883"));
        assertThat(options.instrumentId()).isEqualTo("cvd-1");
        assertThat(options.speedUp()).isEqualTo(60.0);
        assertThat(options.publishInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void should_read_durations_in_common_notations() {
        assertThat(SimulatorMain.parseDuration("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(SimulatorMain.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(SimulatorMain.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(SimulatorMain.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(SimulatorMain.parseDuration("PT3S")).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void should_refuse_unknown_options_and_bad_values() {
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--colour", "red"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--colour");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--speedup", "fast"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--interval", "0s"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--broker"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_ask_for_help() {
        assertThat(SimulatorMain.parse(new String[] {"--help"})).isNull();
    }
}
