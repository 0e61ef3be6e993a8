package org.nanoos.labhub.verticals.xrd;

/**
 * The pseudo-Voigt line profile of the peak fits, a mixture of a Lorentzian and a Gaussian of the same FWHM w, each of
 * unit area, weighted by the Lorentzian fraction η of the area (P. Thompson, D. E. Cox and J. B. Hastings, J. Appl.
 * Cryst. 20 (1987) 79; the same convention as the forward model's
 * {@link org.nanoos.labhub.verticals.crystallography.PeakShape#density}):
 * f(x) = A [η L(x) + (1 − η) G(x)], L = (2/(πw)) / (1 + 4z²), G = (2/w)√(ln 2/π) exp(−4 ln 2 z²), z = (x − x₀)/w.
 * The peak height is A·h(η)/w with h(η) = 2η/π + 2(1 − η)√(ln 2/π).
 */
public final class PseudoVoigt {

    private static final double FOUR_LN2 = 4 * Math.log(2);
    /** Peak value of the unit-area Lorentzian times w: 2/π. */
    private static final double LORENTZ_PEAK = 2 / Math.PI;
    /** Peak value of the unit-area Gaussian times w: 2√(ln 2/π). */
    private static final double GAUSS_PEAK = 2 * Math.sqrt(Math.log(2) / Math.PI);

    private PseudoVoigt() {
    }

    /** The profile value at x (units of A per unit of x). */
    public static double value(double x, double x0, double area, double fwhm, double eta) {
        double z = (x - x0) / fwhm;
        return area / fwhm * (eta * LORENTZ_PEAK / (1 + 4 * z * z) + (1 - eta) * GAUSS_PEAK * Math.exp(-FOUR_LN2 * z * z));
    }

    /** The peak height A·h(η)/w (units of A per unit of x). */
    public static double height(double area, double fwhm, double eta) {
        return area * heightFactor(eta) / fwhm;
    }

    /** h(η) = 2η/π + 2(1 − η)√(ln 2/π), the height of a unit-area, unit-width profile. */
    static double heightFactor(double eta) {
        return eta * LORENTZ_PEAK + (1 - eta) * GAUSS_PEAK;
    }

    /** dh/dη. */
    static double heightFactorDerivative() {
        return LORENTZ_PEAK - GAUSS_PEAK;
    }

    /** The value and its partial derivatives with respect to x₀, A, w and η, written into {@code out[0..4]}. */
    static void evaluate(double x, double x0, double area, double fwhm, double eta, double[] out) {
        double z = (x - x0) / fwhm;
        double q = 1 + 4 * z * z;
        double l = LORENTZ_PEAK / q;
        double g = GAUSS_PEAK * Math.exp(-FOUR_LN2 * z * z);
        double shape = eta * l + (1 - eta) * g;
        // d(shape)/dz
        double slope = eta * l * (-8 * z / q) + (1 - eta) * g * (-2 * FOUR_LN2 * z);
        double perWidth = area / fwhm;
        out[0] = perWidth * shape;
        out[1] = -perWidth * slope / fwhm;
        out[2] = shape / fwhm;
        out[3] = -perWidth / fwhm * (shape + z * slope);
        out[4] = perWidth * (l - g);
    }
}
