package org.nanoos.labhub.verticals.uvvis;

/** What the second column of a UV-Vis spectrum holds. */
public enum Ordinate {
    /** Decadic absorbance A = −log₁₀(I/I₀). */
    ABSORBANCE,
    /** Transmittance T = I/I₀ as a fraction (1 = fully transparent). */
    TRANSMITTANCE,
    /** Transmittance in percent (100 = fully transparent). */
    TRANSMITTANCE_PERCENT
}
