package org.nanoos.labhub.verticals.crystallography;

import java.util.Objects;

/**
 * One powder diffraction line: all reflections hkl sharing the same d-spacing, seen with one emission line.
 * Intensity is m·|F|²·LP·w (w the emission line's weight), relative intensity scales it so the strongest line of the
 * pattern is 100.
 *
 * @param h                      first Miller index of a representative member
 * @param k                      second Miller index of a representative member
 * @param l                      third Miller index of a representative member
 * @param dSpacingA              the interplanar spacing, Å
 * @param twoThetaDeg            the Bragg angle 2θ, degrees
 * @param multiplicity           the number of hkl (not systematically absent) that coincide at this d
 * @param structureFactorSquared |F|² averaged over those hkl, electrons²
 * @param lorentzPolarization    the Lorentz-polarisation factor at this angle
 * @param line                   the emission line that produces it
 * @param intensity              m·|F|²·LP·w, arbitrary units
 * @param relativeIntensity      intensity on a scale where the strongest line of the pattern is 100
 */
public record Reflection(int h, int k, int l, double dSpacingA, double twoThetaDeg, int multiplicity,
                         double structureFactorSquared, double lorentzPolarization, EmissionLine line,
                         double intensity, double relativeIntensity) {

    /** Checks that the line is present and the multiplicity positive. */
    public Reflection {
        Objects.requireNonNull(line, "line");
        if (multiplicity < 1) {
            throw new IllegalArgumentException("multiplicity must be positive, was " + multiplicity);
        }
    }

    /** Whether this line is indexed by exactly (h k l) as its representative. */
    public boolean isIndexed(int h, int k, int l) {
        return this.h == h && this.k == k && this.l == l;
    }

    /** The Bragg angle θ in degrees (half of 2θ). */
    public double thetaDeg() {
        return twoThetaDeg / 2;
    }

    /** The representative Miller indices written as {@code (h k l)}. */
    public String hkl() {
        return "(" + h + " " + k + " " + l + ")";
    }
}
