package org.nanoos.labhub.verticals.uvvis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nanoos.labhub.verticals.uvvis.UvVisAnalysisException.Reason;

class UvVisSpectrumTest {

    private static double[] wavelengths(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 400 + i;
        }
        return w;
    }

    private static double[] level(int n, double value) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, value);
        return v;
    }

    private static Reason reasonOf(Throwable e) {
        return ((UvVisAnalysisException) e).reason();
    }

    @Test
    void should_convert_wavelength_to_photon_energy_with_the_exact_constants() {
        // hc/e = 6.62607015e-34 × 299792458 / 1.602176634e-19 J·m/C = 1239.841984… eV·nm (SI Brochure, 9th ed., 2019)
        assertThat(Optics.photonEnergyEv(1239.841984)).isCloseTo(1.0, within(1e-9));
        assertThat(Optics.photonEnergyEv(500)).isCloseTo(2.479683968, within(1e-8));
        assertThat(Optics.wavelengthNm(Optics.photonEnergyEv(633))).isCloseTo(633, within(1e-9));
        assertThatThrownBy(() -> Optics.photonEnergyEv(0))
                .extracting(UvVisSpectrumTest::reasonOf).isEqualTo(Reason.NON_POSITIVE_WAVELENGTH);
    }

    @Test
    void should_turn_transmittance_and_absorbance_into_an_absorption_coefficient() {
        // T = 10 % is A = 1; α = ln10 · A / t = 2.302585 / 1e-4 cm = 23 025.85 cm⁻¹ for a 1 µm film
        assertThat(Optics.absorbanceFromTransmittance(0.1)).isCloseTo(1.0, within(1e-12));
        assertThat(Optics.absorptionCoefficientPerCm(1.0, 1000)).isCloseTo(23025.850930, within(1e-6));
        assertThatThrownBy(() -> Optics.absorbanceFromTransmittance(0))
                .extracting(UvVisSpectrumTest::reasonOf).isEqualTo(Reason.NON_POSITIVE_TRANSMITTANCE);
        UvVisSpectrum t = UvVisSpectrum.transmittance(wavelengths(10), level(10, 0.01));
        assertThat(t.absorbance()).containsOnly(2.0);
    }

    @Test
    void should_refuse_too_few_points_nan_and_non_positive_wavelengths() {
        assertThatThrownBy(() -> UvVisSpectrum.absorbance(wavelengths(9), level(9, 0.1)))
                .hasMessageContaining("at least 10 points, got 9")
                .extracting(UvVisSpectrumTest::reasonOf).isEqualTo(Reason.TOO_FEW_POINTS);
        double[] a = level(20, 0.1);
        a[4] = Double.NaN;
        assertThatThrownBy(() -> UvVisSpectrum.absorbance(wavelengths(20), a))
                .hasMessageContaining("ABSORBANCE at index 4")
                .extracting(UvVisSpectrumTest::reasonOf).isEqualTo(Reason.NOT_FINITE);
        double[] w = wavelengths(20);
        w[0] = -1;
        assertThatThrownBy(() -> UvVisSpectrum.absorbance(w, level(20, 0.1)))
                .hasMessageContaining("wavelength at index 0 is -1.0 nm")
                .extracting(UvVisSpectrumTest::reasonOf).isEqualTo(Reason.NON_POSITIVE_WAVELENGTH);
        assertThatThrownBy(() -> UvVisSpectrum.transmittance(wavelengths(20), level(20, -0.01)))
                .extracting(UvVisSpectrumTest::reasonOf).isEqualTo(Reason.NON_POSITIVE_TRANSMITTANCE);
    }

    @Test
    void should_accept_either_scan_direction_but_refuse_turning_back_and_repeats() {
        double[] down = new double[20];
        for (int i = 0; i < 20; i++) {
            down[i] = 700 - i;
        }
        assertThat(UvVisSpectrum.absorbance(down, level(20, 0.1)).size()).isEqualTo(20);
        double[] zigzag = wavelengths(20);
        zigzag[10] = 395;
        assertThatThrownBy(() -> UvVisSpectrum.absorbance(zigzag, level(20, 0.1)))
                .hasMessageContaining("must run one way: index 10")
                .extracting(UvVisSpectrumTest::reasonOf).isEqualTo(Reason.NOT_MONOTONIC);
        double[] repeat = wavelengths(20);
        repeat[6] = repeat[5];
        assertThatThrownBy(() -> UvVisSpectrum.absorbance(repeat, level(20, 0.1)))
                .extracting(UvVisSpectrumTest::reasonOf).isEqualTo(Reason.DUPLICATE_WAVELENGTH);
        assertThatThrownBy(() -> UvVisSpectrum.absorbance(wavelengths(20), level(19, 0.1)))
                .extracting(UvVisSpectrumTest::reasonOf).isEqualTo(Reason.MALFORMED);
    }
}
