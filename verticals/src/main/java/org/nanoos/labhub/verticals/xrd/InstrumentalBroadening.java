package org.nanoos.labhub.verticals.xrd;

/**
 * The diffractometer's own peak width as a function of angle, in the form of G. Caglioti, A. Paoletti and F. P. Ricci
 * (Nucl. Instrum. 3 (1958) 223): b² = U tan²θ + V tan θ + W, b the FWHM in degrees 2θ. It is usually found by fitting
 * the peaks of a line-profile standard such as NIST SRM 660 (LaB₆). {@link #none()} means no instrumental width is
 * subtracted; {@link #constant(double)} a width independent of angle.
 *
 * @param uDeg2 Caglioti U, deg²
 * @param vDeg2 Caglioti V, deg²
 * @param wDeg2 Caglioti W, deg²
 */
public record InstrumentalBroadening(double uDeg2, double vDeg2, double wDeg2) {

    /** Checks the parameters are finite. */
    public InstrumentalBroadening {
        if (!Double.isFinite(uDeg2) || !Double.isFinite(vDeg2) || !Double.isFinite(wDeg2)) {
            throw new XrdAnalysisException(XrdAnalysisException.Reason.INVALID_OPTION,
                    "Caglioti U, V, W must be finite, were " + uDeg2 + ", " + vDeg2 + ", " + wDeg2);
        }
    }

    /** No instrumental broadening: the whole observed width is attributed to the sample. */
    public static InstrumentalBroadening none() {
        return new InstrumentalBroadening(0, 0, 0);
    }

    /** The same FWHM (degrees 2θ) at every angle. */
    public static InstrumentalBroadening constant(double fwhmDeg) {
        if (!(fwhmDeg >= 0) || Double.isInfinite(fwhmDeg)) {
            throw new XrdAnalysisException(XrdAnalysisException.Reason.INVALID_OPTION,
                    "instrumental FWHM must be non-negative and finite, was " + fwhmDeg);
        }
        return new InstrumentalBroadening(0, 0, fwhmDeg * fwhmDeg);
    }

    /**
     * The instrumental FWHM at {@code twoThetaDeg}, degrees 2θ.
     *
     * @throws XrdAnalysisException ({@link XrdAnalysisException.Reason#INVALID_INSTRUMENT}) where U, V, W give b² &lt; 0
     */
    public double fwhmDeg(double twoThetaDeg) {
        double t = Math.tan(Math.toRadians(twoThetaDeg / 2));
        double b2 = uDeg2 * t * t + vDeg2 * t + wDeg2;
        if (b2 < 0) {
            throw new XrdAnalysisException(XrdAnalysisException.Reason.INVALID_INSTRUMENT,
                    "Caglioti U, V, W = " + uDeg2 + ", " + vDeg2 + ", " + wDeg2 + " give FWHM² = " + b2
                            + " deg² < 0 at 2θ = " + twoThetaDeg + "°");
        }
        return Math.sqrt(b2);
    }
}
