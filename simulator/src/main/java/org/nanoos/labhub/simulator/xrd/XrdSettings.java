package org.nanoos.labhub.simulator.xrd;

import java.util.Objects;
import org.nanoos.labhub.verticals.crystallography.Background;
import org.nanoos.labhub.verticals.crystallography.Crystal;
import org.nanoos.labhub.verticals.crystallography.PeakShape;
import org.nanoos.labhub.verticals.crystallography.Radiation;
import org.nanoos.labhub.verticals.crystallography.TwoThetaGrid;

/**
 * What the operator of a powder diffractometer sets up for one measurement: the sample, the tube and optics, the
 * step scan and the counting time, plus the seed that fixes the counting noise.
 *
 * @param crystal                  the powder sample
 * @param radiation                the tube's emission lines reaching the sample
 * @param scan                     the 2θ step scan
 * @param countTimePerStepS        counting time at each step, s; expected counts are proportional to it
 * @param peakShape                instrumental Caglioti U, V, W (deg²), pseudo-Voigt η and the crystallite size
 * @param backgroundCps            the diffuse background, counts per second
 * @param strongestLineRate        integrated count rate of a line of relative intensity 100, counts·degree/s (set
 *                                 by tube power, slits, sample volume and detector efficiency)
 * @param monochromatorTwoThetaDeg 2θ_M of a diffracted-beam monochromator for the polarisation factor, 0 for none
 * @param seed                     seed of the counting-noise generator
 */
public record XrdSettings(Crystal crystal, Radiation radiation, TwoThetaGrid scan, double countTimePerStepS,
                          PeakShape peakShape, Background backgroundCps, double strongestLineRate,
                          double monochromatorTwoThetaDeg, long seed) {

    /** Checks the components are present, the counting time positive and the line rate non-negative. */
    public XrdSettings {
        Objects.requireNonNull(crystal, "crystal");
        Objects.requireNonNull(radiation, "radiation");
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(peakShape, "peakShape");
        Objects.requireNonNull(backgroundCps, "backgroundCps");
        if (!(countTimePerStepS > 0) || Double.isInfinite(countTimePerStepS)) {
            throw new IllegalArgumentException("counting time must be positive and finite, was " + countTimePerStepS);
        }
        if (!(strongestLineRate >= 0) || Double.isInfinite(strongestLineRate)) {
            throw new IllegalArgumentException("line rate must be non-negative and finite, was " + strongestLineRate);
        }
        if (!(monochromatorTwoThetaDeg >= 0 && monochromatorTwoThetaDeg < 180)) {
            throw new IllegalArgumentException("monochromator 2θ must lie in [0, 180)°, was " + monochromatorTwoThetaDeg);
        }
    }

    /**
     * A laboratory Bragg–Brentano setup: Cu Kα1, 10–90° in 0.01° steps at 1 s per step, instrumental widths of
     * 0.05–0.1° (U = 0.0045, V = −0.0030, W = 0.0030 deg², η = 0.4), well-crystallised powder, a background of
     * 30 cps plus air scatter falling off from low angles, 400 counts·°/s in the strongest line, no monochromator.
     */
    public static XrdSettings labDiffractometer(Crystal crystal) {
        return new XrdSettings(crystal, Radiation.copperKAlpha1(), new TwoThetaGrid(10, 90, 0.01), 1.0,
                PeakShape.instrumental(0.0045, -0.0030, 0.0030, 0.4), new Background(30, 300, 8), 400, 0.0, 1L);
    }

    /** The same setup with another tube spectrum. */
    public XrdSettings withRadiation(Radiation value) {
        return new XrdSettings(crystal, value, scan, countTimePerStepS, peakShape, backgroundCps, strongestLineRate,
                monochromatorTwoThetaDeg, seed);
    }

    /** The same setup scanning from {@code startDeg} to {@code stopDeg} in steps of {@code stepDeg}. */
    public XrdSettings withScan(double startDeg, double stopDeg, double stepDeg) {
        return new XrdSettings(crystal, radiation, new TwoThetaGrid(startDeg, stopDeg, stepDeg), countTimePerStepS,
                peakShape, backgroundCps, strongestLineRate, monochromatorTwoThetaDeg, seed);
    }

    /** The same setup counting {@code seconds} at each step. */
    public XrdSettings withCountTimePerStepS(double seconds) {
        return new XrdSettings(crystal, radiation, scan, seconds, peakShape, backgroundCps, strongestLineRate,
                monochromatorTwoThetaDeg, seed);
    }

    /** The same setup with another instrumental broadening (Caglioti U, V, W in deg², pseudo-Voigt η). */
    public XrdSettings withInstrumentBroadening(double u, double v, double w, double eta) {
        return new XrdSettings(crystal, radiation, scan, countTimePerStepS,
                new PeakShape(u, v, w, eta, peakShape.crystalliteSizeNm()), backgroundCps, strongestLineRate,
                monochromatorTwoThetaDeg, seed);
    }

    /** The same setup measuring a powder of crystallites of {@code sizeNm} (Scherrer broadening). */
    public XrdSettings withCrystalliteSizeNm(double sizeNm) {
        return new XrdSettings(crystal, radiation, scan, countTimePerStepS, peakShape.withCrystalliteSizeNm(sizeNm),
                backgroundCps, strongestLineRate, monochromatorTwoThetaDeg, seed);
    }

    /** The same setup with another background, counts per second. */
    public XrdSettings withBackgroundCps(Background value) {
        return new XrdSettings(crystal, radiation, scan, countTimePerStepS, peakShape, value, strongestLineRate,
                monochromatorTwoThetaDeg, seed);
    }

    /** The same setup with another integrated rate of the strongest line, counts·degree/s. */
    public XrdSettings withStrongestLineRate(double value) {
        return new XrdSettings(crystal, radiation, scan, countTimePerStepS, peakShape, backgroundCps, value,
                monochromatorTwoThetaDeg, seed);
    }

    /** The same setup with a diffracted-beam monochromator at 2θ_M (e.g. 26.6° for graphite (002) and Cu Kα). */
    public XrdSettings withMonochromatorTwoThetaDeg(double value) {
        return new XrdSettings(crystal, radiation, scan, countTimePerStepS, peakShape, backgroundCps,
                strongestLineRate, value, seed);
    }

    /** The same setup with another counting-noise seed. */
    public XrdSettings withSeed(long value) {
        return new XrdSettings(crystal, radiation, scan, countTimePerStepS, peakShape, backgroundCps,
                strongestLineRate, monochromatorTwoThetaDeg, value);
    }
}
