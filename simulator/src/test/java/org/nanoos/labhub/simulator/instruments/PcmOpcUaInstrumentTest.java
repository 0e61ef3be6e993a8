package org.nanoos.labhub.simulator.instruments;

import org.nanoos.labhub.simulator.support.MovableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nanoos.labhub.simulator.instruments.RecordingSink.Publication;
import org.nanoos.labhub.simulator.opcua.ExperimentStatus;
import org.nanoos.labhub.simulator.opcua.InstrumentVariable;

/**
 * The phase-change tester: a resistance stream whose timestamps follow the simulated time, the crystallization drop
 * of a GST film, the sweep arrays at the end, parameter checks, and a real-time run on its own scheduler.
 */
class PcmOpcUaInstrumentTest {

    private static final Map<String, Object> RAMP = Map.of("heatingRateKPerMin", 10L, "maxTemperatureK", 523L,
            "contrast", 1000L, "speedUp", 60L);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final RecordingSink sink = new RecordingSink();

    @Test
    void should_stream_a_resistance_drop_of_more_than_two_orders_of_magnitude_across_the_ramp() {
        PcmOpcUaInstrument pcm = attachedOnTestClock();
        Instant start = clock.instant();
        pcm.start(RAMP, "PCM-1-t-1");
        // 300 K to 523 K at 10 K/min is 1338 s, 22.3 s of wall clock at 60x; a tick every wall-clock second
        for (int i = 0; i < 23; i++) {
            clock.advance(Duration.ofSeconds(1));
            pcm.tick();
        }

        assertThat(pcm.status()).isEqualTo(ExperimentStatus.DONE);
        List<Publication> resistance = sink.of(PcmOpcUaInstrument.RESISTANCE).subList(1, sinkSize(
                PcmOpcUaInstrument.RESISTANCE));
        List<Publication> temperature = sink.of(PcmOpcUaInstrument.TEMPERATURE).subList(1, sinkSize(
                PcmOpcUaInstrument.TEMPERATURE));
        // a reading every simulated second, from t = 0 to 1338 s
        assertThat(resistance).hasSize(1339).hasSameSizeAs(temperature);
        double first = (Double) resistance.get(0).value();
        double last = (Double) resistance.get(resistance.size() - 1).value();
        assertThat(first / last).isGreaterThan(100.0);
        assertThat((Double) temperature.get(0).value()).isCloseTo(300.0, within(1e-9));
        assertThat((Double) temperature.get(temperature.size() - 1).value()).isCloseTo(523.0, within(1e-9));
        for (int i = 0; i < resistance.size(); i++) {
            // reading i is taken i simulated seconds in: start + i/60 s of wall clock, the same for both values
            Instant expected = start.plusNanos(Math.round(i / 60.0 * 1e9));
            assertThat(resistance.get(i).time()).isEqualTo(expected);
            assertThat(temperature.get(i).time()).isEqualTo(expected);
        }
        pcm.detach();
    }

    @Test
    void should_drop_most_steeply_where_gst_crystallizes_at_10_kelvin_per_minute() {
        // GST films crystallize at about 140-150 °C at such rates (Friedrich et al., J. Appl. Phys. 87, 4130 (2000))
        PcmOpcUaInstrument pcm = attachedOnTestClock();
        pcm.start(RAMP, "PCM-1-t-2");
        clock.advance(Duration.ofSeconds(30));
        pcm.tick();

        double[] t = sink.lastArray(PcmOpcUaInstrument.SWEEP_TEMPERATURE);
        double[] r = sink.lastArray(PcmOpcUaInstrument.SWEEP_RESISTANCE);
        int steepest = 1;
        for (int i = 1; i + 10 < t.length; i++) {
            // log-resistance slope over 10 readings (1.7 K), which averages the 0.5 % reading noise
            double slope = (Math.log(r[i + 10]) - Math.log(r[i])) / (t[i + 10] - t[i]);
            double best = (Math.log(r[steepest + 10]) - Math.log(r[steepest])) / (t[steepest + 10] - t[steepest]);
            if (slope < best) {
                steepest = i;
            }
        }
        assertThat(t[steepest] + 0.85).isCloseTo(423.15, within(10.0));
        pcm.detach();
    }

    @Test
    void should_publish_the_sweep_arrays_equal_to_the_streamed_readings_with_one_source_time() {
        PcmOpcUaInstrument pcm = attachedOnTestClock();
        Instant start = clock.instant();
        pcm.start(Map.of("heatingRateKPerMin", 20L, "maxTemperatureK", 523L, "coolingRateKPerMin", 20L,
                "speedUp", 600L), "PCM-1-t-3");
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            pcm.tick();
        }

        double[] time = sink.lastArray(PcmOpcUaInstrument.SWEEP_TIME);
        double[] temperature = sink.lastArray(PcmOpcUaInstrument.SWEEP_TEMPERATURE);
        double[] resistance = sink.lastArray(PcmOpcUaInstrument.SWEEP_RESISTANCE);
        List<Publication> streamed = sink.of(PcmOpcUaInstrument.RESISTANCE);
        // 223 K up and down at 20 K/min: 1338 s, a reading a second
        assertThat(time).hasSize(1339).hasSameSizeAs(temperature).hasSameSizeAs(resistance);
        assertThat(sink.last(PcmOpcUaInstrument.SWEEP_POINTS)).isEqualTo(1339);
        assertThat(streamed.subList(1, streamed.size())).extracting(Publication::value)
                .containsExactly(Arrays.stream(resistance).boxed().toArray());
        Instant end = start.plusNanos(Math.round(1338.0 / 600 * 1e9));
        for (String name : new String[] {PcmOpcUaInstrument.SWEEP_TIME, PcmOpcUaInstrument.SWEEP_TEMPERATURE,
                PcmOpcUaInstrument.SWEEP_RESISTANCE, PcmOpcUaInstrument.SWEEP_POINTS,
                PcmOpcUaInstrument.LAST_RUN_ID}) {
            assertThat(sink.lastTime(name)).as(name).isEqualTo(end);
        }
        // back at 300 K the film keeps its crystalline resistance: the configured 1000x contrast (0.5 % noise)
        assertThat(temperature[temperature.length - 1]).isCloseTo(300.0, within(1e-9));
        assertThat(resistance[0] / resistance[resistance.length - 1]).isCloseTo(1000.0, within(30.0));
        pcm.detach();
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of(Map.of("maxTemperatureK", 600L), "parameter 'maxTemperatureK' must be between 77 and "
                        + "573.15 K, was 600"),
                Arguments.of(Map.of("maxTemperatureK", 280L), "must be above the start temperature 300.0 K"),
                Arguments.of(Map.of("contrast", 1L), "parameter 'contrast' must exceed 1"),
                Arguments.of(Map.of("heatingRateKPerMin", 0L), "parameter 'heatingRateKPerMin' must be between"),
                Arguments.of(Map.of("coolingRateKPerMin", -1L), "parameter 'coolingRateKPerMin' must be between"),
                Arguments.of(Map.of("heatingRateKPerMin", 0.01, "sampleIntervalS", 0.01),
                        "more than 1000000; use a larger 'sampleIntervalS'"),
                Arguments.of(Map.of("speedUp", "fast"), "parameter 'speedUp' must be a number, was \"fast\""),
                Arguments.of(Map.of("rate", 10L), "unknown parameter 'rate'"));
    }

    @ParameterizedTest
    @MethodSource("badParameters")
    void should_reject_bad_parameters_with_a_message_naming_the_parameter(Map<String, Object> parameters,
                                                                          String message) {
        PcmOpcUaInstrument pcm = attachedOnTestClock();
        assertThatThrownBy(() -> pcm.start(parameters, "PCM-1-bad"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
        assertThat(pcm.status()).isEqualTo(ExperimentStatus.IDLE);
        pcm.detach();
    }

    @Test
    void should_run_a_ramp_to_the_end_on_its_own_scheduler_in_sped_up_time() {
        PcmOpcUaInstrument pcm = new PcmOpcUaInstrument("PCM-1", PcmParameters.ge2Sb2Te5(), Duration.ofMillis(20),
                Clock.systemUTC(), 5L);
        pcm.attach(sink);
        try {
            // 300 K to 523.15 K at 10 K/min, 1339 s, at 2000x: about 0.7 s
            pcm.start(Map.of("speedUp", 2000L), "PCM-1-t-4");

            await().atMost(Duration.ofSeconds(10)).until(() -> pcm.status() == ExperimentStatus.DONE);
            assertThat(sink.last(InstrumentVariable.PROGRESS)).isEqualTo(1.0);
            // a reading every second from t = 0, and one at the end (1338.9 s)
            assertThat(sink.last(PcmOpcUaInstrument.SWEEP_POINTS)).isEqualTo(1340);
            assertThat(sink.of(InstrumentVariable.PROGRESS).size()).isGreaterThan(3);
        } finally {
            pcm.detach();
        }
    }

    @Test
    void should_publish_every_variable_again_with_its_source_time_when_attached_again() {
        PcmOpcUaInstrument pcm = attachedOnTestClock();
        pcm.start(Map.of("speedUp", 1000L), "PCM-1-t-5");
        clock.advance(Duration.ofSeconds(2));
        pcm.tick();
        pcm.detach();
        Instant patternTime = sink.lastTime(PcmOpcUaInstrument.SWEEP_RESISTANCE);
        int points = (Integer) sink.last(PcmOpcUaInstrument.SWEEP_POINTS);

        RecordingSink again = new RecordingSink();
        pcm.attach(again);
        assertThat(again.lastTime(PcmOpcUaInstrument.SWEEP_RESISTANCE)).isEqualTo(patternTime);
        assertThat(again.lastArray(PcmOpcUaInstrument.SWEEP_RESISTANCE)).hasSize(points);
        assertThat(again.last(InstrumentVariable.STATUS)).isEqualTo(ExperimentStatus.DONE);
        assertThat(again.last(InstrumentVariable.RUN_ID)).isEqualTo("PCM-1-t-5");
        pcm.detach();
    }

    private PcmOpcUaInstrument attachedOnTestClock() {
        PcmOpcUaInstrument pcm = new PcmOpcUaInstrument("PCM-1", PcmParameters.ge2Sb2Te5(), Duration.ofHours(1),
                clock, 11L);
        pcm.attach(sink);
        return pcm;
    }

    private int sinkSize(String name) {
        return sink.of(name).size();
    }
}
