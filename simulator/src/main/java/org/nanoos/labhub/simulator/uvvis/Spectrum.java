package org.nanoos.labhub.simulator.uvvis;

import java.util.Arrays;

/**
 * A complete scan: wavelength, absorbance and transmittance arrays of equal length, in scan order. The arrays are
 * copied in and out, so a spectrum cannot be changed after it is made.
 *
 * @param wavelengthNm   wavelengths, nm
 * @param absorbance     measured decadic absorbance
 * @param transmittance  measured transmittance {@code 10^−A}
 */
public record Spectrum(double[] wavelengthNm, double[] absorbance, double[] transmittance) {

    /** Checks the three arrays have the same length and copies them. */
    public Spectrum {
        if (wavelengthNm.length != absorbance.length || wavelengthNm.length != transmittance.length) {
            throw new IllegalArgumentException("wavelength, absorbance and transmittance need the same length");
        }
        wavelengthNm = wavelengthNm.clone();
        absorbance = absorbance.clone();
        transmittance = transmittance.clone();
    }

    @Override
    public double[] wavelengthNm() {
        return wavelengthNm.clone();
    }

    @Override
    public double[] absorbance() {
        return absorbance.clone();
    }

    @Override
    public double[] transmittance() {
        return transmittance.clone();
    }

    /** Number of points. */
    public int size() {
        return wavelengthNm.length;
    }

    /** Photon energies {@code hc/λ} of the points, eV. */
    public double[] photonEnergyEv() {
        return Arrays.stream(wavelengthNm).map(Photon::energyEv).toArray();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Spectrum that && Arrays.equals(wavelengthNm, that.wavelengthNm)
                && Arrays.equals(absorbance, that.absorbance) && Arrays.equals(transmittance, that.transmittance);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(wavelengthNm) + Arrays.hashCode(absorbance)) + Arrays.hashCode(transmittance);
    }

    @Override
    public String toString() {
        return "Spectrum[" + size() + " points" + (size() > 0
                ? ", " + wavelengthNm[0] + " to " + wavelengthNm[size() - 1] + " nm" : "") + "]";
    }
}
