package org.nanoos.labhub.simulator.uvvis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PhotonTest {

    @Test
    void should_use_hc_from_the_exact_si_defining_constants() {
        // 2019 SI (CODATA 2018): h = 6.62607015e-34 J s, c = 299 792 458 m/s, e = 1.602176634e-19 C, all exact
        double hcOverE = 6.62607015e-34 * 299_792_458.0 / 1.602176634e-19 * 1e9;

        assertThat(hcOverE).isCloseTo(1239.841984, within(1e-6));
        assertThat(Photon.HC_EV_NM).isCloseTo(hcOverE, within(1e-5));
    }

    @Test
    void should_convert_wavelength_to_energy_as_hc_over_lambda() {
        assertThat(Photon.energyEv(1239.84198)).isCloseTo(1.0, within(1e-12));
        assertThat(Photon.energyEv(500.0)).isCloseTo(2.47968396, within(1e-8));
        // GaAs gap 1.42 eV lies at 873 nm, silicon's 1.12 eV at 1107 nm
        assertThat(Photon.wavelengthNm(1.42)).isCloseTo(873.1, within(0.05));
        assertThat(Photon.wavelengthNm(1.12)).isCloseTo(1107.0, within(0.05));
        assertThat(Photon.wavelengthNm(Photon.energyEv(632.8))).isCloseTo(632.8, within(1e-9));
    }

    @Test
    void should_reject_non_physical_wavelengths() {
        assertThatThrownBy(() -> Photon.energyEv(0.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Photon.wavelengthNm(-1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
