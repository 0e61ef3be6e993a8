package org.nanoos.labhub.simulator.opcua;

import org.nanoos.labhub.simulator.support.MovableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.simulator.opcua.TemperatureStageInstrument.StageSettings;

/**
 * The heating stage on a clock the test moves: what it publishes, and that its temperature follows the analytic
 * first-order response T(t) = T_set − (T_set − T₀)·exp(−t/τ) while running and Newton cooling after an abort.
 */
class TemperatureStageInstrumentTest {

    private static final double TAU = 20.0;
    private static final double AMBIENT = 295.15;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final RecordingSink sink = new RecordingSink();
    private TemperatureStageInstrument stage;

    @BeforeEach
    void attach() {
        // the scheduler's first tick is an hour away: the test ticks by hand
        stage = new TemperatureStageInstrument("TS-1", StageSettings.defaults().withTickInterval(Duration.ofHours(1)),
                clock);
        stage.attach(sink);
    }

    @AfterEach
    void detach() {
        stage.detach();
    }

    @Test
    void should_publish_every_variable_with_its_current_value_on_attach() {
        assertThat(sink.last("Temperature")).isEqualTo(AMBIENT);
        assertThat(sink.last("Status")).isEqualTo(ExperimentStatus.IDLE);
        assertThat(sink.last("Progress")).isEqualTo(0.0);
        assertThat(sink.last("RunId")).isEqualTo("");
        assertThat(stage.variables()).extracting(InstrumentVariable::name).containsExactly("Temperature");
        assertThat(stage.variables().get(0).unit()).isEqualTo(EngineeringUnit.KELVIN);
    }

    @Test
    void should_approach_the_setpoint_with_the_first_order_law_and_be_done_within_the_tolerance() {
        Instant start = clock.instant();
        stage.start(Map.of("setpointK", 320L, "rampKPerS", 100L), "TS-1-x-1");

        assertThat(sink.last("Status")).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(sink.last("RunId")).isEqualTo("TS-1-x-1");
        clock.advance(Duration.ofSeconds(20));
        stage.tick();

        double oneTau = 320.0 - (320.0 - AMBIENT) * Math.exp(-1.0);
        assertThat((Double) sink.last("Temperature")).isCloseTo(oneTau, within(1e-9));
        assertThat((Double) sink.last("Progress")).isCloseTo(1 - Math.exp(-1.0), within(1e-12));
        assertThat(sink.lastTime("Temperature")).isEqualTo(start.plusSeconds(20));
        assertThat(stage.status()).isEqualTo(ExperimentStatus.RUNNING);

        // within 0.1 K once (320 − 295.15)·exp(−t/τ) ≤ 0.1, i.e. after τ·ln(248.5) = 110.3 s
        clock.advance(Duration.ofSeconds(89));
        stage.tick();
        assertThat(stage.status()).isEqualTo(ExperimentStatus.RUNNING);
        clock.advance(Duration.ofSeconds(2));
        stage.tick();
        assertThat(sink.last("Status")).isEqualTo(ExperimentStatus.DONE);
        assertThat(sink.last("Progress")).isEqualTo(1.0);

        clock.advance(Duration.ofSeconds(600));
        stage.tick();
        assertThat((Double) sink.last("Temperature")).isCloseTo(320.0, within(1e-9));
    }

    @Test
    void should_use_the_default_ramp_of_one_kelvin_per_second_far_from_the_setpoint() {
        stage.start(Map.of("setpointK", 500.0), "r");
        clock.advance(Duration.ofSeconds(30));
        stage.tick();

        assertThat((Double) sink.last("Temperature")).isCloseTo(AMBIENT + 30.0, within(1e-9));
    }

    @Test
    void should_cool_toward_ambient_after_an_abort_and_answer_false_to_a_second_abort() {
        stage.start(Map.of("setpointK", 500L, "rampKPerS", 2L), "r1");
        clock.advance(Duration.ofSeconds(10));

        assertThat(stage.abort()).isTrue();
        assertThat(sink.last("Status")).isEqualTo(ExperimentStatus.ABORTED);
        assertThat((Double) sink.last("Temperature")).isCloseTo(AMBIENT + 20.0, within(1e-9));
        clock.advance(Duration.ofSeconds(20));
        stage.tick();
        assertThat((Double) sink.last("Temperature")).isCloseTo(AMBIENT + 20.0 / Math.E, within(1e-9));
        assertThat(stage.abort()).isFalse();
    }

    @Test
    void should_refuse_a_second_start_while_running_and_bad_parameters() {
        assertThatThrownBy(() -> stage.start(Map.of(), "r")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setpointK");
        assertThatThrownBy(() -> stage.start(Map.of("setpointK", "hot"), "r"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stage.start(Map.of("setpointK", 5000L), "r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1473.15");
        assertThatThrownBy(() -> stage.start(Map.of("setpointK", 400L, "rampKPerS", 0L), "r"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stage.start(Map.of("setpointK", 400L, "setpointC", 100L), "r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("setpointC");
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("setpointK", null);
        assertThatThrownBy(() -> stage.start(withNull, "r")).isInstanceOf(IllegalArgumentException.class);
        assertThat(stage.status()).isEqualTo(ExperimentStatus.IDLE);

        stage.start(Map.of("setpointK", 400L), "r1");

        assertThatThrownBy(() -> stage.start(Map.of("setpointK", 400L), "r2"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("r1");
    }

    @Test
    void should_keep_heating_while_detached_and_publish_the_state_again_on_attach() {
        stage.start(Map.of("setpointK", 320L, "rampKPerS", 100L), "r1");
        stage.detach();
        int published = sink.values.size();

        clock.advance(Duration.ofSeconds(20));
        stage.tick();
        assertThat(sink.values).hasSize(published);
        stage.attach(sink);

        assertThat((Double) sink.last("Temperature")).isCloseTo(320.0 - (320.0 - AMBIENT) / Math.E, within(1e-9));
        assertThat(sink.last("Status")).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(sink.last("RunId")).isEqualTo("r1");
    }

    @Test
    void should_run_simulated_time_faster_with_a_speed_up() {
        stage.detach();
        stage = new TemperatureStageInstrument("TS-2", StageSettings.defaults()
                .withTickInterval(Duration.ofHours(1)).withSpeedUp(10.0), clock);
        stage.attach(sink);
        stage.start(Map.of("setpointK", 320L, "rampKPerS", 100L), "r");

        clock.advance(Duration.ofSeconds(2));
        stage.tick();

        assertThat((Double) sink.last("Temperature")).isCloseTo(320.0 - (320.0 - AMBIENT) / Math.E, within(1e-9));
    }

    @Test
    void should_reject_an_id_that_cannot_be_a_node_path_segment() {
        assertThatThrownBy(() -> new TemperatureStageInstrument("TS/1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StageSettings.defaults().withTimeConstantS(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private record Published(String name, Object value, Instant time) {
    }

    private static final class RecordingSink implements VariableSink {
        final List<Published> values = new ArrayList<>();

        @Override
        public synchronized void publish(String name, Object value, Instant sourceTime) {
            values.add(new Published(name, value, sourceTime));
        }

        synchronized Object last(String name) {
            return values.stream().filter(p -> p.name().equals(name)).reduce((a, b) -> b).orElseThrow().value();
        }

        synchronized Instant lastTime(String name) {
            return values.stream().filter(p -> p.name().equals(name)).reduce((a, b) -> b).orElseThrow().time();
        }
    }

}
