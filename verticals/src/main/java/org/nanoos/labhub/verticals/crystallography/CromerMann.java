package org.nanoos.labhub.verticals.crystallography;

/**
 * The nine-parameter analytic approximation to a neutral atom's X-ray scattering factor,
 * f0(s) = Σᵢ aᵢ exp(−bᵢ s²) + c with s = sin θ/λ in Å⁻¹, valid for 0 ≤ s ≤ 2 Å⁻¹.
 *
 * @param a1 first Gaussian amplitude, electrons
 * @param a2 second Gaussian amplitude, electrons
 * @param a3 third Gaussian amplitude, electrons
 * @param a4 fourth Gaussian amplitude, electrons
 * @param b1 first Gaussian width, Å²
 * @param b2 second Gaussian width, Å²
 * @param b3 third Gaussian width, Å²
 * @param b4 fourth Gaussian width, Å²
 * @param c  constant term, electrons
 */
public record CromerMann(double a1, double a2, double a3, double a4,
                         double b1, double b2, double b3, double b4, double c) {

    /** Largest sin θ/λ (Å⁻¹) for which the fit represents the tabulated factors. */
    public static final double MAX_S = 2.0;

    /**
     * The scattering factor in electrons at {@code s} = sin θ/λ.
     *
     * @throws IllegalArgumentException if s lies outside [0, {@value #MAX_S}] Å⁻¹, where the fit is not valid
     */
    public double f0(double s) {
        if (!(s >= 0 && s <= MAX_S)) {
            throw new IllegalArgumentException("sin θ/λ must lie in [0, " + MAX_S + "] Å⁻¹, was " + s);
        }
        double s2 = s * s;
        return a1 * Math.exp(-b1 * s2) + a2 * Math.exp(-b2 * s2) + a3 * Math.exp(-b3 * s2) + a4 * Math.exp(-b4 * s2)
                + c;
    }

    /** The forward-scattering value f0(0) = a1 + a2 + a3 + a4 + c, which for a neutral atom is close to Z. */
    public double forward() {
        return a1 + a2 + a3 + a4 + c;
    }
}
