package org.nanoos.labhub.verticals.xrd;

/**
 * The Scherrer crystallite size from one peak: L = Kλ/(β cos θ), β the sample's own FWHM in radians of 2θ after the
 * instrumental width is removed.
 *
 * @param twoThetaDeg            the peak position, degrees
 * @param observedFwhmDeg        the fitted FWHM B, degrees 2θ
 * @param instrumentalFwhmDeg    the instrumental FWHM b at this angle, degrees 2θ
 * @param sampleFwhmDeg          the sample FWHM β after the correction, degrees 2θ
 * @param sizeNm                 the volume-weighted column length L, nm
 * @param uSizeNm                its standard uncertainty from the fitted width only (K, λ and b taken as exact), nm
 */
public record CrystalliteSize(double twoThetaDeg, double observedFwhmDeg, double instrumentalFwhmDeg,
                              double sampleFwhmDeg, double sizeNm, double uSizeNm) {
}
