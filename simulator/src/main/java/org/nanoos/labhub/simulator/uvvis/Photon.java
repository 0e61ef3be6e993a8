package org.nanoos.labhub.simulator.uvvis;

/**
 * Conversion between photon wavelength in vacuum and photon energy, {@code E = hc/λ}.
 */
public final class Photon {

    /**
     * {@code hc/e} in eV·nm, 1239.84198 (CODATA 2018; exact to the digits given since h, c and e are fixed in the
     * 2019 SI: 6.62607015e-34 J s × 299 792 458 m/s / 1.602176634e-19 C = 1239.841984 eV nm).
     */
    public static final double HC_EV_NM = 1239.84198;

    private Photon() {
    }

    /** Photon energy in eV for a vacuum wavelength in nm. */
    public static double energyEv(double wavelengthNm) {
        if (!(wavelengthNm > 0) || Double.isInfinite(wavelengthNm)) {
            throw new IllegalArgumentException("wavelength must be positive and finite, was " + wavelengthNm + " nm");
        }
        return HC_EV_NM / wavelengthNm;
    }

    /** Vacuum wavelength in nm for a photon energy in eV. */
    public static double wavelengthNm(double energyEv) {
        if (!(energyEv > 0) || Double.isInfinite(energyEv)) {
            throw new IllegalArgumentException("photon energy must be positive and finite, was " + energyEv + " eV");
        }
        return HC_EV_NM / energyEv;
    }
}
