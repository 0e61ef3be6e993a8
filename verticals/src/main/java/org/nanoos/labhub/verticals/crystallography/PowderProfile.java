package org.nanoos.labhub.verticals.crystallography;

import java.util.List;
import java.util.Objects;

/**
 * Turns reflections into a continuous powder pattern: each reflection becomes a unit-area pseudo-Voigt of
 * {@link PeakShape} width, scaled so its integrated area is proportional to its relative intensity, on top of a
 * smooth {@link Background}. Every peak is evaluated over the whole grid, so Lorentzian tails are not cut off.
 */
public final class PowderProfile {

    /** Reflections this far (degrees 2θ) beyond the end of the grid still contribute their tails. */
    public static final double TAIL_MARGIN_DEG = 5.0;

    private PowderProfile() {
    }

    /**
     * The expected intensity at every grid point: Σⱼ A·(Iⱼ/100)·pV(2θ − 2θⱼ; Hⱼ, η) + b(2θ), where Iⱼ is the relative
     * intensity of reflection j, Hⱼ its FWHM at its own angle and wavelength, and A the integrated area (intensity ×
     * degrees) of a 100 % reflection.
     *
     * @param areaOfStrongest the integrated area A of a reflection of relative intensity 100
     * @throws IllegalArgumentException if a reflection would have zero width
     */
    public static PowderPattern calculate(List<Reflection> reflections, TwoThetaGrid grid, PeakShape shape,
                                          double areaOfStrongest, Background background) {
        Objects.requireNonNull(reflections, "reflections");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(background, "background");
        if (!(areaOfStrongest >= 0) || Double.isInfinite(areaOfStrongest)) {
            throw new IllegalArgumentException("area must be non-negative and finite, was " + areaOfStrongest);
        }
        double[] angles = grid.anglesDeg();
        double[] y = new double[angles.length];
        for (int i = 0; i < angles.length; i++) {
            y[i] = background.at(angles[i]);
        }
        for (Reflection r : reflections) {
            double fwhm = shape.fwhmDeg(r.twoThetaDeg(), r.line().wavelengthA());
            if (!(fwhm > 0)) {
                throw new IllegalArgumentException("reflection " + r.hkl() + " at " + r.twoThetaDeg()
                        + "° has zero width: give Caglioti W > 0 or a finite crystallite size");
            }
            double area = areaOfStrongest * r.relativeIntensity() / 100;
            for (int i = 0; i < angles.length; i++) {
                y[i] += area * shape.density(angles[i] - r.twoThetaDeg(), fwhm);
            }
        }
        return new PowderPattern(grid, y);
    }

    /**
     * The pattern of {@code crystal}: reflections up to {@value #TAIL_MARGIN_DEG}° beyond the grid (no monochromator),
     * relative intensities normalised to the strongest of those, then {@link #calculate}.
     */
    public static PowderPattern calculate(Crystal crystal, Radiation radiation, TwoThetaGrid grid, PeakShape shape,
                                          double areaOfStrongest, Background background) {
        double reach = Math.min(grid.lastAngleDeg() + TAIL_MARGIN_DEG, 179.0);
        return calculate(PowderDiffraction.reflections(crystal, radiation, reach), grid, shape, areaOfStrongest,
                background);
    }
}
