package org.nanoos.labhub.verticals.uvvis;

import org.nanoos.labhub.verticals.units.SiDefiningConstants;
import org.nanoos.labhub.verticals.uvvis.UvVisAnalysisException.Reason;

/**
 * The conversions between what a spectrometer reports and what a band-gap analysis needs: photon energy from
 * wavelength, absorbance from transmittance, and the absorption coefficient of a film of known thickness.
 */
public final class Optics {

    private static final double LN10 = Math.log(10);

    private Optics() {
    }

    /**
     * Photon energy E = hc/λ in eV for a vacuum wavelength in nm, with the exact SI values of h, c and e
     * ({@link SiDefiningConstants#HC_EV_NM} = 1239.841984… eV·nm).
     *
     * @throws UvVisAnalysisException for a wavelength that is not positive and finite
     */
    public static double photonEnergyEv(double wavelengthNm) {
        if (!(wavelengthNm > 0) || Double.isInfinite(wavelengthNm)) {
            throw new UvVisAnalysisException(Reason.NON_POSITIVE_WAVELENGTH,
                    "wavelength must be positive and finite, was " + wavelengthNm + " nm");
        }
        return SiDefiningConstants.HC_EV_NM / wavelengthNm;
    }

    /** Vacuum wavelength in nm of a photon of energy E (eV). */
    public static double wavelengthNm(double photonEnergyEv) {
        if (!(photonEnergyEv > 0) || Double.isInfinite(photonEnergyEv)) {
            throw new UvVisAnalysisException(Reason.INVALID_OPTION,
                    "photon energy must be positive and finite, was " + photonEnergyEv + " eV");
        }
        return SiDefiningConstants.HC_EV_NM / photonEnergyEv;
    }

    /**
     * Decadic absorbance A = −log₁₀ T of a transmittance given as a fraction. T &gt; 1 (noise on a transparent
     * sample) gives a small negative A and is accepted.
     *
     * @throws UvVisAnalysisException for T ≤ 0, whose absorbance is undefined
     */
    public static double absorbanceFromTransmittance(double transmittance) {
        if (!(transmittance > 0) || Double.isInfinite(transmittance)) {
            throw new UvVisAnalysisException(Reason.NON_POSITIVE_TRANSMITTANCE,
                    "transmittance must be positive and finite, was " + transmittance);
        }
        return -Math.log10(transmittance);
    }

    /**
     * Absorption coefficient α = ln(10)·A/t ≈ 2.303·A/t of a film of thickness t, in cm⁻¹, from its decadic
     * absorbance, by the Beer–Lambert law I/I₀ = exp(−αt). Reflection and interference are not corrected.
     *
     * @param thicknessNm film thickness, nm
     * @throws UvVisAnalysisException ({@link Reason#NON_POSITIVE_THICKNESS}) for t ≤ 0 or not finite
     */
    public static double absorptionCoefficientPerCm(double absorbance, double thicknessNm) {
        requireThickness(thicknessNm);
        return LN10 * absorbance / (thicknessNm * 1e-7);
    }

    static void requireThickness(double thicknessNm) {
        if (!(thicknessNm > 0) || Double.isInfinite(thicknessNm)) {
            throw new UvVisAnalysisException(Reason.NON_POSITIVE_THICKNESS,
                    "film thickness must be positive and finite, was " + thicknessNm + " nm");
        }
    }
}
