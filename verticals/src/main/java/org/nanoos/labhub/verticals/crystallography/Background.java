package org.nanoos.labhub.verticals.crystallography;

/**
 * A smooth diffuse background b(2θ) = constant + amplitude·exp(−2θ/decay): a flat part (fluorescence, detector
 * noise, incoherent scattering) plus air and sample-holder scatter falling off from low angles.
 *
 * @param constant  the flat level, intensity units (per degree in a profile, per second in an instrument)
 * @param amplitude the low-angle term extrapolated to 2θ = 0, same units
 * @param decayDeg  the 2θ over which the low-angle term falls by 1/e, degrees
 */
public record Background(double constant, double amplitude, double decayDeg) {

    /** Checks non-negative finite levels and a positive decay angle. */
    public Background {
        if (!(constant >= 0) || !(amplitude >= 0) || Double.isInfinite(constant) || Double.isInfinite(amplitude)) {
            throw new IllegalArgumentException("background levels must be non-negative and finite, were "
                    + constant + ", " + amplitude);
        }
        if (!(decayDeg > 0) || Double.isInfinite(decayDeg)) {
            throw new IllegalArgumentException("decay must be positive and finite, was " + decayDeg);
        }
    }

    /** No background at all. */
    public static Background none() {
        return new Background(0, 0, 1);
    }

    /** A flat background. */
    public static Background flat(double level) {
        return new Background(level, 0, 1);
    }

    /** The background at {@code twoThetaDeg}. */
    public double at(double twoThetaDeg) {
        return constant + amplitude * Math.exp(-twoThetaDeg / decayDeg);
    }
}
