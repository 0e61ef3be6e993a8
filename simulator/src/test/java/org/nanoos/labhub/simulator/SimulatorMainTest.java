package org.nanoos.labhub.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.simulator.cvdtool.CvdToolServer;

class SimulatorMainTest {

    @Test
    void should_read_the_command_line_options() {
        SimulatorMain.Launch launch = SimulatorMain.parse(new String[] {"--broker", "tcp://broker:1884",
                "--instrument", "cvd-2", "--speedup", "120", "--interval", "500ms", "--seed", "7"}, Map.of());
        SimulatorOptions options = launch.options();

        assertThat(options.brokerUrl()).isEqualTo("tcp://broker:1884");
        assertThat(options.instrumentId()).isEqualTo("cvd-2");
        assertThat(options.clientId()).isEqualTo("labhub-sim-cvd-2");
        assertThat(options.speedUp()).isEqualTo(120.0);
        assertThat(options.publishInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.seed()).isEqualTo(7L);
        assertThat(options.simulatedSecondsPerPublish()).isEqualTo(60.0);
        assertThat(launch.cvd()).isEqualTo(SimulatorMain.CvdMode.CONTINUOUS);
        assertThat(launch.rest()).isNull();
        assertThat(launch.cyclerId()).isNull();
    }

    @Test
    void should_default_to_cvd_1_at_60_times_every_second() {
        SimulatorOptions options = SimulatorMain.parse(new String[0], Map.of()).options();

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
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--colour", "red"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--colour");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--speedup", "fast"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--interval", "0s"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--broker"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_ask_for_help() {
        assertThat(SimulatorMain.parse(new String[] {"--help"}, Map.of())).isNull();
    }

    @Test
    void should_run_the_cvd_tool_api_with_a_token_from_the_environment_and_the_commanded_cycler() {
        SimulatorMain.Launch launch = SimulatorMain.parse(new String[] {"--cvd-rest-port", "8091",
                "--cvd-rest-bind", "0.0.0.0", "--cvd-rest-token-env", "CVD_TOKEN", "--cycler-commands", "--cycler-id",
                "CYCLER-7"}, Map.of("CVD_TOKEN", "s3cret"));

        assertThat(launch.cvd()).isEqualTo(SimulatorMain.CvdMode.REST);
        assertThat(launch.rest()).isEqualTo(new CvdToolServer.Options("0.0.0.0", 8091, "s3cret"));
        assertThat(launch.rest().toString()).doesNotContain("s3cret");
        assertThat(launch.cyclerId()).isEqualTo("CYCLER-7");
        assertThat(launch.options().instrumentId()).isEqualTo("cvd-1");

        SimulatorMain.Launch cyclerOnly = SimulatorMain.parse(new String[] {"--no-cvd", "--cycler-commands"},
                Map.of());
        assertThat(cyclerOnly.cvd()).isEqualTo(SimulatorMain.CvdMode.OFF);
        assertThat(cyclerOnly.cyclerId()).isEqualTo("CYCLER-1");
        assertThat(SimulatorMain.parse(new String[] {"--cvd-rest-port", "0"}, Map.of()).rest())
                .isEqualTo(new CvdToolServer.Options("127.0.0.1", 0, null));
    }

    @Test
    void should_refuse_a_missing_token_a_bad_port_and_contradictions() {
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--cvd-rest-port", "8091",
                "--cvd-rest-token-env", "CVD_TOKEN"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CVD_TOKEN is not set");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--cvd-rest-port", "70000"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--cvd-rest-port");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--cvd-rest-token-env", "X"}, Map.of("X", "t")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need --cvd-rest-port");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--no-cvd", "--cvd-rest-port", "1"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contradict");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--no-cvd"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing to run");
    }
}
