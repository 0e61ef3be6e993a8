package org.nanoos.labhub.simulator.xrd;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nanoos.labhub.verticals.crystallography.CountingNoise;
import org.nanoos.labhub.verticals.crystallography.PowderDiffraction;
import org.nanoos.labhub.verticals.crystallography.PowderPattern;
import org.nanoos.labhub.verticals.crystallography.PowderProfile;
import org.nanoos.labhub.verticals.crystallography.Reflection;
import org.nanoos.labhub.verticals.crystallography.TwoThetaGrid;

/**
 * A simulated X-ray powder diffractometer running one θ–2θ step scan of one sample. The count rate at each 2θ is the
 * kinematic powder pattern of the crystal (structure factors, multiplicities, Lorentz-polarisation, pseudo-Voigt
 * lines with Caglioti and Scherrer widths) scaled by {@link XrdSettings#strongestLineRate()}, plus the background;
 * the expected counts are rate × counting time and the recorded counts are Poisson draws around them.
 *
 * <p>The whole scan is drawn at construction from a generator seeded with {@link XrdSettings#seed()}, step by step in
 * scan order, so a scan streamed in chunks with {@link #scanProgress(double)} or {@link #scanAfter(double)} is
 * exactly the prefix of {@link #scan()}. Immutable and thread-safe; does no I/O.
 */
public final class XrdDiffractometer {

    private final XrdSettings settings;
    private final List<Reflection> reflections;
    private final double[] angles;
    private final double[] expected;
    private final long[] counts;

    /**
     * Sets up the instrument and measures the scan.
     *
     * @throws IllegalArgumentException if the instrumental broadening gives a line of zero or imaginary width
     */
    public XrdDiffractometer(XrdSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        TwoThetaGrid grid = settings.scan();
        double reach = Math.min(grid.lastAngleDeg() + PowderProfile.TAIL_MARGIN_DEG, 179.0);
        List<Reflection> all = PowderDiffraction.reflections(settings.crystal(), settings.radiation(), reach,
                settings.monochromatorTwoThetaDeg());
        PowderPattern rate = PowderProfile.calculate(all, grid, settings.peakShape(), settings.strongestLineRate(),
                settings.backgroundCps());
        this.reflections = all.stream()
                .filter(r -> r.twoThetaDeg() >= grid.startDeg() && r.twoThetaDeg() <= grid.lastAngleDeg())
                .toList();
        this.angles = grid.anglesDeg();
        this.expected = rate.intensity();
        for (int i = 0; i < expected.length; i++) {
            expected[i] *= settings.countTimePerStepS();
        }
        this.counts = CountingNoise.poisson(expected, new SplittableRandom(settings.seed()));
    }

    /** The setup this instrument was built with. */
    public XrdSettings settings() {
        return settings;
    }

    /** The Bragg reflections (all emission lines) that fall inside the scan range, sorted by 2θ. */
    public List<Reflection> reflections() {
        return reflections;
    }

    /** The noise-free expected counts at every step (rate × counting time). */
    public double[] expectedCounts() {
        return expected.clone();
    }

    /** The number of steps in the scan. */
    public int totalSteps() {
        return counts.length;
    }

    /** The time the whole scan takes, s: steps × counting time per step (goniometer moves neglected). */
    public double scanDurationS() {
        return counts.length * settings.countTimePerStepS();
    }

    /** The complete scan. */
    public XrdScan scan() {
        return prefix(counts.length);
    }

    /**
     * The steps completed when {@code fraction} of the scan time has passed: ⌊fraction × steps⌋ of them.
     *
     * @throws IllegalArgumentException if fraction is outside [0, 1]
     */
    public XrdScan scanProgress(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must lie in [0, 1], was " + fraction);
        }
        return prefix(stepsCompleted(fraction * counts.length));
    }

    /**
     * The steps completed {@code elapsedS} seconds after the scan started; the complete scan once
     * {@link #scanDurationS()} has passed.
     *
     * @throws IllegalArgumentException for a negative or NaN time
     */
    public XrdScan scanAfter(double elapsedS) {
        if (!(elapsedS >= 0)) {
            throw new IllegalArgumentException("elapsed time must be non-negative, was " + elapsedS);
        }
        return prefix(stepsCompleted(elapsedS / settings.countTimePerStepS()));
    }

    private int stepsCompleted(double steps) {
        // a step counts as done once its counting time is over; the tolerance absorbs rounding in fraction × n
        return (int) Math.min(counts.length, Math.floor(steps + 1e-9));
    }

    private XrdScan prefix(int n) {
        return new XrdScan(Arrays.copyOf(angles, n), Arrays.copyOf(counts, n),
                settings.countTimePerStepS(), counts.length);
    }
}
