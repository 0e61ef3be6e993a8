package org.nanoos.labhub.simulator.uvvis;

/**
 * One reading of the spectrometer: the measured absorbance at one wavelength and the transmittance it implies.
 *
 * @param index           position in the scan grid, from 0
 * @param wavelengthNm    wavelength, nm
 * @param photonEnergyEv  photon energy {@code hc/λ}, eV
 * @param absorbance      measured decadic absorbance (film + baseline + noise)
 * @param transmittance   measured transmittance {@code 10^−A}
 */
public record SpectrumPoint(int index, double wavelengthNm, double photonEnergyEv, double absorbance,
                            double transmittance) {
}
