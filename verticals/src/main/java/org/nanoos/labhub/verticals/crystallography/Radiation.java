package org.nanoos.labhub.verticals.crystallography;

import java.util.List;

/**
 * The incident X-ray spectrum as one or more characteristic lines; every Bragg reflection appears once per line,
 * weighted by the line's relative intensity.
 *
 * @param lines the emission lines, the first being the main line (an unmodifiable copy is kept)
 */
public record Radiation(List<EmissionLine> lines) {

    /** Cu Kα1 wavelength, Å (the value conventionally used in laboratory powder diffraction). */
    public static final double CU_K_ALPHA1_A = 1.5406;
    /** Cu Kα2 wavelength, Å. */
    public static final double CU_K_ALPHA2_A = 1.54443;
    /** Intensity of Cu Kα2 relative to Kα1 (the 2:1 ratio of the 2p3/2 and 2p1/2 level populations). */
    public static final double CU_K_ALPHA2_RATIO = 0.5;

    /** Requires at least one line and takes an unmodifiable copy. */
    public Radiation {
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("radiation needs at least one emission line");
        }
    }

    /** Monochromatic Cu Kα1, 1.5406 Å (a Johansson primary monochromator, or Kα2 stripped). */
    public static Radiation copperKAlpha1() {
        return new Radiation(List.of(new EmissionLine("Cu Kα1", CU_K_ALPHA1_A, 1.0)));
    }

    /** The Cu Kα1 + Kα2 doublet, 1.5406 Å and 1.54443 Å with intensity ratio 0.5, as from a Ni-filtered tube. */
    public static Radiation copperKAlpha12() {
        return new Radiation(List.of(new EmissionLine("Cu Kα1", CU_K_ALPHA1_A, 1.0),
                new EmissionLine("Cu Kα2", CU_K_ALPHA2_A, CU_K_ALPHA2_RATIO)));
    }

    /** A single line of the given wavelength (Å). */
    public static Radiation monochromatic(double wavelengthA) {
        return new Radiation(List.of(new EmissionLine(wavelengthA + " Å", wavelengthA, 1.0)));
    }

    /** The wavelength of the main (first) line, Å. */
    public double mainWavelengthA() {
        return lines.get(0).wavelengthA();
    }
}
