package org.nanoos.labhub.simulator.instruments;

import org.nanoos.labhub.simulator.support.MovableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nanoos.labhub.simulator.opcua.EngineeringUnit;
import org.nanoos.labhub.simulator.opcua.ExperimentStatus;
import org.nanoos.labhub.simulator.opcua.InstrumentVariable;
import org.nanoos.labhub.verticals.crystallography.Radiation;

/**
 * The XRD instrument on a clock the test moves: what it publishes while scanning and at the end, that the pattern
 * is the diffraction physics of the configured crystal, parameter checks and abort.
 */
class XrdOpcUaInstrumentTest {

    /** The StartExperiment JSON of the brief, as the server parses it (integers as Long). */
    private static final Map<String, Object> SILICON = Map.of("structure", "diamond", "element", "Si", "a", 5.431,
            "start", 20L, "stop", 90L, "step", 0.02, "countTimeS", 1L, "crystalliteSizeNm", 50L, "speedUp", 20L);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final RecordingSink sink = new RecordingSink();
    private XrdOpcUaInstrument xrd;

    @BeforeEach
    void attach() {
        // the scheduler's first tick is an hour away: the test ticks by hand
        xrd = new XrdOpcUaInstrument("XRD-1", XrdParameters.silicon(), Duration.ofHours(1), clock, 7L);
        xrd.attach(sink);
    }

    @AfterEach
    void detach() {
        xrd.detach();
    }

    @Test
    void should_put_the_strongest_peak_of_silicon_at_28_44_degrees_within_one_step() {
        xrd.start(SILICON, "XRD-1-t-1");
        // 3501 steps of 1 s at 20x: 175.05 s of wall clock
        runFor(Duration.ofMillis(175_050), 10);

        assertThat(xrd.status()).isEqualTo(ExperimentStatus.DONE);
        double[] twoTheta = sink.lastArray(XrdOpcUaInstrument.PATTERN_TWO_THETA);
        double[] intensity = sink.lastArray(XrdOpcUaInstrument.PATTERN_INTENSITY);
        assertThat(twoTheta).hasSize(3501).hasSameSizeAs(intensity);
        assertThat(sink.last(XrdOpcUaInstrument.PATTERN_POINTS)).isEqualTo(3501);
        assertThat(twoTheta[0]).isEqualTo(20.0);
        assertThat(twoTheta[3500]).isCloseTo(90.0, within(1e-9));
        // Si with Cu Kα1: 111 is the strongest line, at 2θ = 28.443° (ICDD PDF 27-1402)
        assertThat(Peaks.strongestPeak(twoTheta, intensity)).isCloseTo(28.443, within(0.02));
        assertThat(Arrays.stream(intensity).allMatch(c -> c >= 0 && c == Math.rint(c))).as("whole counts").isTrue();
    }

    @Test
    void should_publish_the_pattern_arrays_and_their_run_id_with_one_source_timestamp_at_the_end_of_the_scan() {
        Instant start = clock.instant();
        xrd.start(SILICON, "XRD-1-t-1");
        runFor(Duration.ofMillis(175_050), 7);

        Instant end = start.plusMillis(175_050);
        assertThat(sink.lastTime(XrdOpcUaInstrument.PATTERN_TWO_THETA)).isEqualTo(end);
        assertThat(sink.lastTime(XrdOpcUaInstrument.PATTERN_INTENSITY)).isEqualTo(end);
        assertThat(sink.lastTime(XrdOpcUaInstrument.PATTERN_POINTS)).isEqualTo(end);
        assertThat(sink.lastTime(XrdOpcUaInstrument.LAST_RUN_ID)).isEqualTo(end);
        assertThat(sink.last(XrdOpcUaInstrument.LAST_RUN_ID)).isEqualTo("XRD-1-t-1");
        assertThat(sink.last(InstrumentVariable.RUN_ID)).isEqualTo("XRD-1-t-1");
        assertThat(sink.last(InstrumentVariable.STATUS)).isEqualTo(ExperimentStatus.DONE);
        assertThat(sink.last(InstrumentVariable.PROGRESS)).isEqualTo(1.0);
        // published once, at the end, not piecemeal
        assertThat(sink.of(XrdOpcUaInstrument.PATTERN_TWO_THETA)).hasSize(2);
    }

    @Test
    void should_stream_progress_and_the_goniometer_angle_while_scanning() {
        Instant start = clock.instant();
        xrd.start(SILICON, "XRD-1-t-1");
        clock.advance(Duration.ofMillis(87_525));
        xrd.tick();

        // half the scan time: 1750 of 3501 steps of 0.02° from 20°
        assertThat((Double) sink.last(InstrumentVariable.PROGRESS)).isCloseTo(0.5, within(1e-9));
        assertThat((Double) sink.last(XrdOpcUaInstrument.GONIOMETER_TWO_THETA)).isCloseTo(20 + 1749 * 0.02,
                within(1e-9));
        assertThat(sink.lastTime(XrdOpcUaInstrument.GONIOMETER_TWO_THETA)).isEqualTo(start.plusMillis(87_500));
        assertThat(sink.last(InstrumentVariable.STATUS)).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(sink.lastArray(XrdOpcUaInstrument.PATTERN_TWO_THETA)).isEmpty();
    }

    @Test
    void should_publish_the_configured_lattice_constant_in_angstrom() {
        assertThat(xrd.variables()).filteredOn(v -> v.name().equals(XrdOpcUaInstrument.SAMPLE_LATTICE_CONSTANT))
                .singleElement().satisfies(v -> {
                    assertThat(v.unit().code()).isEqualTo("A11");
                    assertThat(v.unit().symbol()).isEqualTo("Å");
                });
        Map<String, Object> copper = Map.of("structure", "fcc", "element", "Cu", "a", 3.615, "speedUp", 1000L);
        xrd.start(copper, "XRD-1-t-2");

        assertThat(sink.last(XrdOpcUaInstrument.SAMPLE_LATTICE_CONSTANT)).isEqualTo(3.615);
        assertThat(sink.last(XrdOpcUaInstrument.SAMPLE_LATTICE_CONSTANT_C)).isEqualTo(3.615);
        assertThat(sink.last(XrdOpcUaInstrument.SAMPLE_STRUCTURE)).isEqualTo("Cu (fcc)");
        assertThat(sink.lastTime(XrdOpcUaInstrument.SAMPLE_LATTICE_CONSTANT)).isEqualTo(clock.instant());
    }

    @Test
    void should_measure_the_strongest_line_of_magnesium_hcp_where_bragg_puts_101() {
        // Mg, a = 3.2094 Å, c = 5.2108 Å: (101) is its strongest line, near 36.62° with Cu Kα1 (ICDD PDF 35-0821)
        double a = 3.2094;
        double c = 5.2108;
        xrd.start(Map.of("structure", "hcp", "element", "Mg", "a", a, "c", c, "start", 30L, "stop", 60L,
                "step", 0.02, "countTimeS", 0.5, "speedUp", 1000L), "XRD-1-t-3");
        // 1501 steps of 0.5 s at 1000x: 0.7505 s
        runFor(Duration.ofSeconds(1), 2);

        double d101 = 1 / Math.sqrt(4.0 / (3 * a * a) + 1 / (c * c));
        double bragg = 2 * Math.toDegrees(Math.asin(Radiation.CU_K_ALPHA1_A / (2 * d101)));
        double[] twoTheta = sink.lastArray(XrdOpcUaInstrument.PATTERN_TWO_THETA);
        double[] intensity = sink.lastArray(XrdOpcUaInstrument.PATTERN_INTENSITY);
        assertThat(bragg).isCloseTo(36.62, within(0.01));
        assertThat(Peaks.strongestPeak(twoTheta, intensity)).isCloseTo(bragg, within(0.02));
        assertThat(sink.last(XrdOpcUaInstrument.SAMPLE_LATTICE_CONSTANT_C)).isEqualTo(c);
    }

    @Test
    void should_measure_the_strongest_line_of_rock_salt_at_200() {
        // halite NaCl, a = 5.6402 Å: (200) is its strongest line (ICDD PDF 05-0628); Bragg's law with d = a/2 and
        // Cu Kα1 puts it at 31.70°
        double a = 5.6402;
        xrd.start(Map.of("structure", "rockSalt", "cation", "Na", "anion", "Cl", "a", a, "start", 20L,
                "stop", 60L, "step", 0.02, "countTimeS", 0.5, "speedUp", 1000L), "XRD-1-t-4");
        // 2001 steps of 0.5 s at 1000x: 1.0005 s
        runFor(Duration.ofSeconds(2), 2);

        double bragg = 2 * Math.toDegrees(Math.asin(Radiation.CU_K_ALPHA1_A / (2 * (a / 2))));
        double[] twoTheta = sink.lastArray(XrdOpcUaInstrument.PATTERN_TWO_THETA);
        double[] intensity = sink.lastArray(XrdOpcUaInstrument.PATTERN_INTENSITY);
        assertThat(bragg).isCloseTo(31.70, within(0.01));
        assertThat(Peaks.strongestPeak(twoTheta, intensity)).isCloseTo(bragg, within(0.02));
    }

    @Test
    void should_stop_the_scan_on_abort_and_publish_no_pattern() {
        xrd.start(SILICON, "XRD-1-t-5");
        clock.advance(Duration.ofSeconds(30));
        xrd.tick();
        clock.advance(Duration.ofSeconds(10));

        assertThat(xrd.abort()).isTrue();

        assertThat(xrd.status()).isEqualTo(ExperimentStatus.ABORTED);
        assertThat(sink.last(InstrumentVariable.STATUS)).isEqualTo(ExperimentStatus.ABORTED);
        // the steps counted until the abort (40 s × 20 = 800 of them) were still reported
        assertThat((Double) sink.last(XrdOpcUaInstrument.GONIOMETER_TWO_THETA)).isCloseTo(20 + 799 * 0.02,
                within(1e-9));
        int published = sink.of(XrdOpcUaInstrument.GONIOMETER_TWO_THETA).size();
        clock.advance(Duration.ofMinutes(10));
        xrd.tick();
        assertThat(sink.of(XrdOpcUaInstrument.GONIOMETER_TWO_THETA)).hasSize(published);
        assertThat(sink.lastArray(XrdOpcUaInstrument.PATTERN_TWO_THETA)).isEmpty();
        assertThat(sink.last(XrdOpcUaInstrument.LAST_RUN_ID)).isEqualTo("");
        assertThat(xrd.abort()).isFalse();

        xrd.start(SILICON, "XRD-1-t-6");
        assertThat(xrd.status()).isEqualTo(ExperimentStatus.RUNNING);
    }

    @Test
    void should_complete_a_scan_whose_time_is_up_when_the_abort_comes_before_the_last_tick() {
        xrd.start(SILICON, "XRD-1-t-10");
        clock.advance(Duration.ofSeconds(200));

        assertThat(xrd.abort()).isFalse();

        assertThat(xrd.status()).isEqualTo(ExperimentStatus.DONE);
        assertThat(sink.lastArray(XrdOpcUaInstrument.PATTERN_TWO_THETA)).hasSize(3501);
        assertThat(sink.last(XrdOpcUaInstrument.LAST_RUN_ID)).isEqualTo("XRD-1-t-10");
    }

    @Test
    void should_refuse_a_second_start_while_scanning() {
        xrd.start(SILICON, "XRD-1-t-7");

        assertThatThrownBy(() -> xrd.start(SILICON, "XRD-1-t-8"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("XRD-1-t-7").hasMessageContaining("abort it first");
        assertThat(xrd.runId()).isEqualTo("XRD-1-t-7");
    }

    @Test
    void should_measure_the_default_silicon_sample_when_no_sample_is_given() {
        xrd.start(Map.of("countTimeS", 0.1, "speedUp", 10_000L), "XRD-1-t-9");
        runFor(Duration.ofMillis(100), 1);

        assertThat(sink.last(XrdOpcUaInstrument.SAMPLE_STRUCTURE)).isEqualTo("Si (diamond)");
        double[] twoTheta = sink.lastArray(XrdOpcUaInstrument.PATTERN_TWO_THETA);
        assertThat(Peaks.strongestPeak(twoTheta, sink.lastArray(XrdOpcUaInstrument.PATTERN_INTENSITY)))
                .isCloseTo(28.443, within(0.02));
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of(Map.of("wavelength", 1.54), "unknown parameter 'wavelength'"),
                Arguments.of(Map.of("structure", "perovskite", "element", "Ca", "a", 3.8),
                        "parameter 'structure' must be one of [fcc, bcc, diamond, hcp, rockSalt, zincBlende]"),
                Arguments.of(Map.of("structure", "fcc", "element", "Xx", "a", 3.6),
                        "no scattering factors for element \"Xx\""),
                Arguments.of(Map.of("structure", "fcc", "element", "Cu"), "parameter 'a' is required"),
                Arguments.of(Map.of("structure", "hcp", "element", "Mg", "a", 3.21), "parameter 'c' is required"),
                Arguments.of(Map.of("structure", "fcc", "element", "Cu", "a", 3.615, "c", 3.615),
                        "parameter 'c' does not apply"),
                Arguments.of(Map.of("structure", "rockSalt", "element", "Na", "a", 5.64),
                        "parameter 'element' does not apply"),
                Arguments.of(Map.of("structure", "rockSalt", "cation", "Na", "a", 5.64),
                        "parameter 'anion' is required"),
                Arguments.of(Map.of("element", "Cu", "a", 3.615),
                        "parameter 'structure' is required when the sample is given"),
                Arguments.of(Map.of("structure", "diamond", "element", "Si", "a", "five"),
                        "parameter 'a' must be a number, was \"five\""),
                Arguments.of(Map.of("structure", "diamond", "element", "Si", "a", 0.5),
                        "parameter 'a' must be between 1 and 50 Å, was 0.5"),
                Arguments.of(Map.of("step", 0L), "parameter 'step' must be between 0.001 and 5 °, was 0"),
                Arguments.of(Map.of("start", 60L, "stop", 40L), "parameter 'start' (60.0°) must be below 'stop'"),
                Arguments.of(Map.of("stop", 170L), "parameter 'stop' must be between 2 and 160 °"),
                Arguments.of(Map.of("start", 20L, "stop", 21L, "step", 2L), "must not exceed the scan range"),
                Arguments.of(Map.of("countTimeS", -1L), "parameter 'countTimeS' must be between 0.001 and 100 s"),
                Arguments.of(Map.of("crystalliteSizeNm", 0L), "parameter 'crystalliteSizeNm' must be between 1"),
                Arguments.of(Map.of("speedUp", 0L), "parameter 'speedUp' must be between 1 and 1000000, was 0"),
                Arguments.of(Map.of("seed", 1.5), "parameter 'seed' must be an integer, was 1.5"),
                Arguments.of(withNull("a"), "parameter 'a' must be a number, was null"));
    }

    @ParameterizedTest
    @MethodSource("badParameters")
    void should_reject_bad_parameters_with_a_message_naming_the_parameter_and_change_nothing(
            Map<String, Object> parameters, String message) {
        sink.clear();

        assertThatThrownBy(() -> xrd.start(parameters, "XRD-1-bad"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
        assertThat(xrd.status()).isEqualTo(ExperimentStatus.IDLE);
        assertThat(xrd.runId()).isEmpty();
        assertThat(sink.of(InstrumentVariable.RUN_ID)).isEmpty();
    }

    @Test
    void should_declare_pattern_arrays_in_degrees_and_counts() {
        List<InstrumentVariable> variables = xrd.variables();
        assertThat(variables).filteredOn(v -> v.name().equals(XrdOpcUaInstrument.PATTERN_TWO_THETA)).singleElement()
                .satisfies(v -> assertThat(v.unit()).isEqualTo(EngineeringUnit.DEGREE));
        assertThat(variables).filteredOn(v -> v.name().equals(XrdOpcUaInstrument.PATTERN_INTENSITY)).singleElement()
                .satisfies(v -> assertThat(v.unit()).isEqualTo(EngineeringUnit.COUNTS));
    }

    /** Moves the clock over {@code total} in {@code ticks} equal steps, ticking after each. */
    private void runFor(Duration total, int ticks) {
        Duration step = total.dividedBy(ticks);
        for (int i = 0; i < ticks; i++) {
            clock.advance(i == ticks - 1 ? total.minus(step.multipliedBy(ticks - 1)) : step);
            xrd.tick();
        }
    }

    private static Map<String, Object> withNull(String name) {
        Map<String, Object> map = new HashMap<>(Map.of("structure", "diamond", "element", "Si"));
        map.put(name, null);
        return map;
    }
}
