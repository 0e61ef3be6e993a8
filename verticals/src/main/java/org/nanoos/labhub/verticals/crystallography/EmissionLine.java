package org.nanoos.labhub.verticals.crystallography;

import java.util.Objects;

/**
 * One characteristic line of an X-ray tube, with its wavelength and its intensity relative to the main line.
 *
 * @param label            a name such as {@code "Cu Kα1"}
 * @param wavelengthA      the wavelength, Å
 * @param relativeWeight   its intensity relative to the main line (1 for the main line)
 */
public record EmissionLine(String label, double wavelengthA, double relativeWeight) {

    /** Checks a positive finite wavelength and a weight in (0, 1]. */
    public EmissionLine {
        Objects.requireNonNull(label, "label");
        if (!(wavelengthA > 0) || Double.isInfinite(wavelengthA)) {
            throw new IllegalArgumentException("wavelength must be positive and finite, was " + wavelengthA);
        }
        if (!(relativeWeight > 0 && relativeWeight <= 1)) {
            throw new IllegalArgumentException("relative weight must lie in (0, 1], was " + relativeWeight);
        }
    }
}
