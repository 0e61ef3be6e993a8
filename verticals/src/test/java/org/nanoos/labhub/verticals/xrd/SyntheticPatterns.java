package org.nanoos.labhub.verticals.xrd;

import java.util.SplittableRandom;

import org.nanoos.labhub.verticals.crystallography.Background;
import org.nanoos.labhub.verticals.crystallography.CountingNoise;
import org.nanoos.labhub.verticals.crystallography.Crystal;
import org.nanoos.labhub.verticals.crystallography.PeakShape;
import org.nanoos.labhub.verticals.crystallography.PowderPattern;
import org.nanoos.labhub.verticals.crystallography.PowderProfile;
import org.nanoos.labhub.verticals.crystallography.Radiation;
import org.nanoos.labhub.verticals.crystallography.TwoThetaGrid;

/**
 * Patterns with known ground truth from the module's forward model, as the simulator's diffractometer makes them:
 * kinematic intensities, pseudo-Voigt profiles with Caglioti (and optionally Scherrer) widths, a smooth background,
 * and Poisson counting noise.
 */
final class SyntheticPatterns {

    /**
     * Caglioti U, V, W (deg²) and η of a laboratory Bragg–Brentano instrument, those of the simulator's
     * {@code XrdSettings.labDiffractometer}: FWHM 0.05–0.1° over 10–90°.
     */
    static final double U = 0.0045;
    static final double V = -0.0030;
    static final double W = 0.0030;
    static final double ETA = 0.4;
    static final PeakShape LAB = PeakShape.instrumental(U, V, W, ETA);
    /** Air scatter and a flat level, counts per step (the simulator's default at 1 s per step). */
    static final Background BACKGROUND = new Background(30, 300, 8);

    private SyntheticPatterns() {
    }

    /** Noisy counts for {@code crystal}; {@code area} is the integrated counts·degree of the strongest line. */
    static XrdPattern counts(Crystal crystal, Radiation radiation, TwoThetaGrid grid, PeakShape shape, double area,
                             long seed) {
        PowderPattern expected = PowderProfile.calculate(crystal, radiation, grid, shape, area, BACKGROUND);
        long[] counts = CountingNoise.poisson(expected.intensity(), new SplittableRandom(seed));
        return XrdPattern.ofCounts(grid.anglesDeg(), counts);
    }

    /** The lab instrument with Cu Kα1, 10–90° in 0.01° steps, 400 counts·° in the strongest line. */
    static XrdPattern lab(Crystal crystal, long seed) {
        return counts(crystal, Radiation.copperKAlpha1(), new TwoThetaGrid(10, 90, 0.01), LAB, 400, seed);
    }
}
