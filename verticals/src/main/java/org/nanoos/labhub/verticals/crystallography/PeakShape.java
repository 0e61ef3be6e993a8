package org.nanoos.labhub.verticals.crystallography;

/**
 * A pseudo-Voigt line profile whose width combines instrumental broadening (Caglioti, Paoletti &amp; Ricci, Nucl.
 * Instrum. 3 (1958) 223: H² = U tan²θ + V tan θ + W, in deg² of 2θ) with crystallite-size broadening from the
 * Scherrer equation β = Kλ/(L cos θ) (radians of 2θ, β the FWHM, K = {@value #SCHERRER_K} for spherical
 * crystallites and an FWHM-based width). The two widths are added in quadrature, H = √(H_inst² + β²), the rule for
 * convolving Gaussian-like profiles.
 *
 * @param u                 Caglioti U, deg²
 * @param v                 Caglioti V, deg²
 * @param w                 Caglioti W, deg²
 * @param eta               Lorentzian fraction η of the pseudo-Voigt, in [0, 1]
 * @param crystalliteSizeNm the volume-weighted crystallite size L, nm ({@link Double#POSITIVE_INFINITY} for none)
 */
public record PeakShape(double u, double v, double w, double eta, double crystalliteSizeNm) {

    /** Scherrer constant K for an FWHM-based width and spherical crystallites. */
    public static final double SCHERRER_K = 0.9;

    private static final double LN2 = Math.log(2);

    /** Checks finite Caglioti parameters, η in [0, 1] and a positive crystallite size. */
    public PeakShape {
        if (!Double.isFinite(u) || !Double.isFinite(v) || !Double.isFinite(w)) {
            throw new IllegalArgumentException("Caglioti U, V, W must be finite, were " + u + ", " + v + ", " + w);
        }
        if (!(eta >= 0 && eta <= 1)) {
            throw new IllegalArgumentException("η must lie in [0, 1], was " + eta);
        }
        if (!(crystalliteSizeNm > 0)) {
            throw new IllegalArgumentException("crystallite size must be positive, was " + crystalliteSizeNm);
        }
    }

    /** Instrumental broadening only (crystallites too large to broaden the lines). */
    public static PeakShape instrumental(double u, double v, double w, double eta) {
        return new PeakShape(u, v, w, eta, Double.POSITIVE_INFINITY);
    }

    /** This shape with crystallites of size {@code sizeNm}. */
    public PeakShape withCrystalliteSizeNm(double sizeNm) {
        return new PeakShape(u, v, w, eta, sizeNm);
    }

    /**
     * The instrumental FWHM at {@code twoThetaDeg}, degrees 2θ.
     *
     * @throws IllegalArgumentException if U, V, W give a negative H² at this angle
     */
    public double instrumentalFwhmDeg(double twoThetaDeg) {
        double tanTheta = Math.tan(Math.toRadians(twoThetaDeg / 2));
        double h2 = u * tanTheta * tanTheta + v * tanTheta + w;
        if (h2 < 0) {
            throw new IllegalArgumentException("Caglioti U, V, W give FWHM² = " + h2 + " deg² < 0 at 2θ = "
                    + twoThetaDeg + "°");
        }
        return Math.sqrt(h2);
    }

    /** The Scherrer size broadening β = Kλ/(L cos θ) at {@code twoThetaDeg} for wavelength λ (Å), degrees 2θ. */
    public double sizeFwhmDeg(double twoThetaDeg, double wavelengthA) {
        if (Double.isInfinite(crystalliteSizeNm)) {
            return 0;
        }
        double cosTheta = Math.cos(Math.toRadians(twoThetaDeg / 2));
        double sizeA = crystalliteSizeNm * 10;
        return Math.toDegrees(SCHERRER_K * wavelengthA / (sizeA * cosTheta));
    }

    /** The total FWHM √(H_inst² + β²) at {@code twoThetaDeg} for wavelength λ (Å), degrees 2θ. */
    public double fwhmDeg(double twoThetaDeg, double wavelengthA) {
        return Math.hypot(instrumentalFwhmDeg(twoThetaDeg), sizeFwhmDeg(twoThetaDeg, wavelengthA));
    }

    /**
     * The unit-area pseudo-Voigt η L(x) + (1 − η) G(x) at offset x = 2θ − 2θ₀ (degrees), per degree, with Lorentzian
     * L(x) = (2/πH)/(1 + 4x²/H²) and Gaussian G(x) = (2/H)√(ln2/π) exp(−4 ln2 x²/H²) of common FWHM H.
     */
    public double density(double offsetDeg, double fwhmDeg) {
        if (!(fwhmDeg > 0)) {
            throw new IllegalArgumentException("FWHM must be positive, was " + fwhmDeg);
        }
        double z = offsetDeg / fwhmDeg;
        double lorentz = 2 / (Math.PI * fwhmDeg) / (1 + 4 * z * z);
        double gauss = 2 / fwhmDeg * Math.sqrt(LN2 / Math.PI) * Math.exp(-4 * LN2 * z * z);
        return eta * lorentz + (1 - eta) * gauss;
    }
}
