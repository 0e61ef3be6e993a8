package org.nanoos.labhub.simulator.instruments;

import org.nanoos.labhub.simulator.support.MovableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nanoos.labhub.simulator.opcua.ExperimentStatus;
import org.nanoos.labhub.simulator.opcua.InstrumentVariable;
import org.nanoos.labhub.simulator.uvvis.Photon;
import org.nanoos.labhub.simulator.uvvis.UvVisConfig;

/**
 * The UV-Vis instrument on a clock the test moves: consistent spectrum arrays published together at the end, the
 * band gap recovered from them by a Tauc plot, and parameter checks.
 */
class UvVisOpcUaInstrumentTest {

    private static final Map<String, Object> GAAS = Map.of("material", "GaAs", "thicknessNm", 500L,
            "startNm", 1100L, "endNm", 700L, "stepNm", 1L, "speedUp", 10L);
    private static final UvVisConfig BASELINE = UvVisParameters.galliumArsenide().config();

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final RecordingSink sink = new RecordingSink();
    private UvVisOpcUaInstrument uvvis;

    @BeforeEach
    void attach() {
        uvvis = new UvVisOpcUaInstrument("UVVIS-1", UvVisParameters.galliumArsenide(), Duration.ofHours(1), clock, 3L);
        uvvis.attach(sink);
    }

    @AfterEach
    void detach() {
        uvvis.detach();
    }

    @Test
    void should_publish_wavelength_absorbance_and_transmittance_arrays_of_one_length_with_one_source_time() {
        Instant start = clock.instant();
        uvvis.start(GAAS, "UVVIS-1-t-1");
        // 401 points of 1 nm at 600 nm/min (0.1 s each) at 10x: 4.01 s
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            uvvis.tick();
        }

        assertThat(uvvis.status()).isEqualTo(ExperimentStatus.DONE);
        double[] wavelength = sink.lastArray(UvVisOpcUaInstrument.SPECTRUM_WAVELENGTH);
        double[] absorbance = sink.lastArray(UvVisOpcUaInstrument.SPECTRUM_ABSORBANCE);
        double[] transmittance = sink.lastArray(UvVisOpcUaInstrument.SPECTRUM_TRANSMITTANCE);
        assertThat(wavelength).hasSize(401).hasSameSizeAs(absorbance).hasSameSizeAs(transmittance);
        assertThat(sink.last(UvVisOpcUaInstrument.SPECTRUM_POINTS)).isEqualTo(401);
        for (int i = 0; i < wavelength.length; i++) {
            // scan order, downwards in 1 nm steps, and T = 10^-A of the same reading
            assertThat(wavelength[i]).isCloseTo(1100.0 - i, within(1e-9));
            assertThat(transmittance[i]).isCloseTo(Math.pow(10, -absorbance[i]), within(1e-12));
        }
        Instant end = start.plusMillis(4010);
        for (String name : new String[] {UvVisOpcUaInstrument.SPECTRUM_WAVELENGTH,
                UvVisOpcUaInstrument.SPECTRUM_ABSORBANCE, UvVisOpcUaInstrument.SPECTRUM_TRANSMITTANCE,
                UvVisOpcUaInstrument.SPECTRUM_POINTS, UvVisOpcUaInstrument.LAST_RUN_ID}) {
            assertThat(sink.lastTime(name)).as(name).isEqualTo(end);
        }
        assertThat(sink.last(UvVisOpcUaInstrument.LAST_RUN_ID)).isEqualTo("UVVIS-1-t-1");
        assertThat(sink.last(UvVisOpcUaInstrument.SAMPLE_BAND_GAP)).isEqualTo(1.42);
        assertThat(sink.last(UvVisOpcUaInstrument.SAMPLE_THICKNESS)).isEqualTo(500.0);
    }

    @Test
    void should_recover_the_gaas_band_gap_from_the_published_spectrum_with_a_tauc_plot() {
        // GaAs: direct gap 1.42 eV at 300 K (Sze & Ng, Physics of Semiconductor Devices, 3rd ed., 2007)
        uvvis.start(GAAS, "UVVIS-1-t-2");
        clock.advance(Duration.ofSeconds(5));
        uvvis.tick();

        double gap = taucIntercept(sink.lastArray(UvVisOpcUaInstrument.SPECTRUM_WAVELENGTH),
                sink.lastArray(UvVisOpcUaInstrument.SPECTRUM_ABSORBANCE), 500.0, 2.0, 1.47, 1.72);
        assertThat(gap).isCloseTo(1.42, within(0.01));
    }

    @Test
    void should_measure_a_custom_indirect_film_at_its_configured_gap() {
        Map<String, Object> custom = Map.of("material", Map.of("bandGapEv", 2.0, "transition", "indirect"),
                "thicknessNm", 100_000L, "startNm", 700L, "endNm", 450L, "stepNm", 0.5, "speedUp", 100L);
        uvvis.start(custom, "UVVIS-1-t-3");
        clock.advance(Duration.ofSeconds(5));
        uvvis.tick();

        assertThat(sink.last(UvVisOpcUaInstrument.SAMPLE_BAND_GAP)).isEqualTo(2.0);
        assertThat((String) sink.last(UvVisOpcUaInstrument.SAMPLE_MATERIAL)).contains("indirect");
        double gap = taucIntercept(sink.lastArray(UvVisOpcUaInstrument.SPECTRUM_WAVELENGTH),
                sink.lastArray(UvVisOpcUaInstrument.SPECTRUM_ABSORBANCE), 100_000.0, 0.5, 2.08, 2.30);
        assertThat(gap).isCloseTo(2.0, within(0.02));
    }

    @Test
    void should_stream_the_monochromator_wavelength_while_scanning_and_stop_on_abort() {
        Instant start = clock.instant();
        uvvis.start(GAAS, "UVVIS-1-t-4");
        clock.advance(Duration.ofSeconds(1));
        uvvis.tick();

        // 1 s at 10x is 10 s of scan: 100 points, the last at 1001 nm
        assertThat((Double) sink.last(UvVisOpcUaInstrument.MONOCHROMATOR_WAVELENGTH)).isCloseTo(1001.0,
                within(1e-9));
        assertThat(sink.lastTime(UvVisOpcUaInstrument.DETECTOR_ABSORBANCE)).isEqualTo(start.plusSeconds(1));
        assertThat(uvvis.abort()).isTrue();
        clock.advance(Duration.ofSeconds(10));
        uvvis.tick();

        assertThat(sink.last(InstrumentVariable.STATUS)).isEqualTo(ExperimentStatus.ABORTED);
        assertThat(sink.lastArray(UvVisOpcUaInstrument.SPECTRUM_WAVELENGTH)).isEmpty();
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of(Map.of("material", "InP"), "parameter 'material' must be one of [GaAs, Si]"),
                Arguments.of(Map.of("material", 3L), "parameter 'material' must be one of [GaAs, Si]"),
                Arguments.of(Map.of("material", Map.of("bandGapEv", 1.5)),
                        "parameter 'material.transition' is required"),
                Arguments.of(Map.of("material", Map.of("bandGapEv", 1.5, "transition", "forbidden")),
                        "parameter 'material.transition' must be one of [direct, indirect]"),
                Arguments.of(Map.of("material", Map.of("transition", "direct")),
                        "parameter 'material.bandGapEv' is required"),
                Arguments.of(Map.of("material", Map.of("bandGapEv", 1.5, "transition", "direct", "mass", 1L)),
                        "unknown parameter 'material.mass'"),
                Arguments.of(Map.of("material", Map.of("bandGapEv", 1.5, "transition", "direct",
                        "urbachEnergyEv", 0.2)), "must be below a tenth of the band gap"),
                Arguments.of(Map.of("thicknessNm", -5L), "parameter 'thicknessNm' must be between 1 and"),
                Arguments.of(Map.of("endNm", 4000L), "parameter 'endNm' must be between 175 and 3300 nm"),
                Arguments.of(Map.of("stepNm", 0L), "parameter 'stepNm' must be between 0.01 and 100 nm"),
                Arguments.of(Map.of("startNm", 800L, "endNm", 800L), "'startNm' and 'endNm' must differ"),
                Arguments.of(Map.of("startNm", 800L, "endNm", 790L, "stepNm", 20L), "must not exceed the scan range"),
                Arguments.of(Map.of("startNm", 3300L, "endNm", 175L, "stepNm", 0.01), "more than 100000"),
                Arguments.of(Map.of("speedUp", 0.5), "parameter 'speedUp' must be between 1 and"),
                Arguments.of(Map.of("gap", 1.4), "unknown parameter 'gap'"));
    }

    @ParameterizedTest
    @MethodSource("badParameters")
    void should_reject_bad_parameters_with_a_message_naming_the_parameter(Map<String, Object> parameters,
                                                                          String message) {
        assertThatThrownBy(() -> uvvis.start(parameters, "UVVIS-1-bad"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
        assertThat(uvvis.status()).isEqualTo(ExperimentStatus.IDLE);
    }

    /**
     * The band gap from a Tauc plot: (αE)^(1/p) against E is a line above the gap (Tauc, Grigorovici &amp; Vancu,
     * phys. stat. sol. 15, 627 (1966)) that meets the axis at Eg. α = (A − A_base) ln 10 / d, with the baseline of the
     * instrument's configuration subtracted; fitted between {@code fromEv} and {@code toEv}.
     */
    private static double taucIntercept(double[] wavelengthNm, double[] absorbance, double thicknessNm,
                                        double taucPower, double fromEv, double toEv) {
        double n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < wavelengthNm.length; i++) {
            double energy = Photon.energyEv(wavelengthNm[i]);
            if (energy < fromEv || energy > toEv) {
                continue;
            }
            double alpha = (absorbance[i] - BASELINE.baselineAbsorbance(wavelengthNm[i])) * Math.log(10)
                    / (thicknessNm * 1e-7);
            double y = Math.pow(Math.max(0, alpha * energy), taucPower);
            n++;
            sx += energy;
            sy += y;
            sxx += energy * energy;
            sxy += energy * y;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double intercept = (sy - slope * sx) / n;
        return -intercept / slope;
    }
}
