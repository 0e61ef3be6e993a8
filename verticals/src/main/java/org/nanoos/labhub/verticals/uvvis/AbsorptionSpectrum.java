package org.nanoos.labhub.verticals.uvvis;

import java.util.Arrays;

/**
 * A spectrum converted for band-gap work: photon energies in ascending order and the absorption coefficient at each.
 *
 * @param photonEnergyEv photon energies hν, eV, ascending (a defensive copy is kept and returned)
 * @param alphaPerCm     absorption coefficient α, cm⁻¹ (copied likewise)
 * @param thicknessNm    the film thickness used, nm
 */
public record AbsorptionSpectrum(double[] photonEnergyEv, double[] alphaPerCm, double thicknessNm) {

    /** Copies the arrays. */
    public AbsorptionSpectrum {
        photonEnergyEv = photonEnergyEv.clone();
        alphaPerCm = alphaPerCm.clone();
        if (photonEnergyEv.length != alphaPerCm.length) {
            throw new UvVisAnalysisException(UvVisAnalysisException.Reason.MALFORMED,
                    photonEnergyEv.length + " energies but " + alphaPerCm.length + " absorption coefficients");
        }
    }

    @Override
    public double[] photonEnergyEv() {
        return photonEnergyEv.clone();
    }

    @Override
    public double[] alphaPerCm() {
        return alphaPerCm.clone();
    }

    /** The number of points. */
    public int size() {
        return photonEnergyEv.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AbsorptionSpectrum s && thicknessNm == s.thicknessNm
                && Arrays.equals(photonEnergyEv, s.photonEnergyEv) && Arrays.equals(alphaPerCm, s.alphaPerCm);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(photonEnergyEv) + Arrays.hashCode(alphaPerCm)) + Double.hashCode(thicknessNm);
    }

    @Override
    public String toString() {
        return "AbsorptionSpectrum[" + photonEnergyEv.length + " points, t = " + thicknessNm + " nm]";
    }
}
