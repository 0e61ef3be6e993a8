package org.nanoos.labhub.simulator.uvvis;

/**
 * Settings of a UV-Vis-NIR scan: the wavelength grid and what the instrument and substrate add to the film's own
 * absorbance. The baseline is {@code A_base(λ) = offset + s (400 nm / λ)⁴}: a constant offset (reflection losses at
 * the substrate faces not cancelled by the reference beam) plus a slow λ⁻⁴ term for scattering by surface roughness
 * and inclusions much smaller than the wavelength (Rayleigh limit). Photometric noise is white and Gaussian in
 * absorbance units.
 *
 * @param startNm                   first wavelength of the scan, nm (a scan may run downwards, start above end)
 * @param endNm                     last wavelength of the scan, nm
 * @param stepNm                    wavelength step, nm (positive)
 * @param offsetAbsorbance          constant baseline offset, absorbance units
 * @param scatteringAt400Nm         λ⁻⁴ scattering term at 400 nm, absorbance units
 * @param noiseSigmaAbsorbance      standard deviation of the photometric noise, absorbance units (0 for none)
 */
public record UvVisConfig(double startNm, double endNm, double stepNm, double offsetAbsorbance,
                          double scatteringAt400Nm, double noiseSigmaAbsorbance) {

    /** Shortest and longest wavelengths a UV-Vis-NIR instrument covers, nm. */
    public static final double MIN_WAVELENGTH_NM = 175.0;
    /** Longest wavelength, nm. */
    public static final double MAX_WAVELENGTH_NM = 3300.0;
    /** Reference wavelength of the scattering term, nm. */
    public static final double SCATTERING_REFERENCE_NM = 400.0;

    /** Checks the grid lies within the instrument's range and the baseline and noise are non-negative. */
    public UvVisConfig {
        for (double nm : new double[] {startNm, endNm}) {
            if (!(nm >= MIN_WAVELENGTH_NM && nm <= MAX_WAVELENGTH_NM)) {
                throw new IllegalArgumentException("scan limits must lie within [" + MIN_WAVELENGTH_NM + ", "
                        + MAX_WAVELENGTH_NM + "] nm, was " + nm);
            }
        }
        if (!(stepNm > 0) || Double.isInfinite(stepNm)) {
            throw new IllegalArgumentException("step must be positive and finite, was " + stepNm);
        }
        if (!(offsetAbsorbance >= 0) || !(scatteringAt400Nm >= 0) || !(noiseSigmaAbsorbance >= 0)
                || Double.isInfinite(offsetAbsorbance + scatteringAt400Nm + noiseSigmaAbsorbance)) {
            throw new IllegalArgumentException("baseline and noise must be non-negative and finite");
        }
    }

    /**
     * A scan across the GaAs edge: 1100 → 700 nm in 1 nm steps (downwards, as scanning instruments usually run),
     * offset 0.01, scattering 0.02 at 400 nm (0.002 at 700 nm), photometric noise 0.001 absorbance units, the order of
     * the specified photometric noise of bench-top double-beam instruments at unit absorbance.
     */
    public static UvVisConfig defaults() {
        return new UvVisConfig(1100.0, 700.0, 1.0, 0.01, 0.02, 0.001);
    }

    /** The same settings over another wavelength range. */
    public UvVisConfig withRangeNm(double start, double end, double step) {
        return new UvVisConfig(start, end, step, offsetAbsorbance, scatteringAt400Nm, noiseSigmaAbsorbance);
    }

    /** The same settings with another photometric noise. */
    public UvVisConfig withNoiseSigma(double absorbance) {
        return new UvVisConfig(startNm, endNm, stepNm, offsetAbsorbance, scatteringAt400Nm, absorbance);
    }

    /** The same settings with another baseline. */
    public UvVisConfig withBaseline(double offset, double scattering) {
        return new UvVisConfig(startNm, endNm, stepNm, offset, scattering, noiseSigmaAbsorbance);
    }

    /** Number of points of the grid, both ends included when the range is a whole number of steps. */
    public int pointCount() {
        return (int) Math.floor(Math.abs(endNm - startNm) / stepNm + 1e-9) + 1;
    }

    /** Wavelength of grid point {@code index} (from 0), nm. */
    public double wavelengthNm(int index) {
        if (index < 0 || index >= pointCount()) {
            throw new IndexOutOfBoundsException("grid point " + index + " of " + pointCount());
        }
        return startNm + Math.signum(endNm - startNm) * index * stepNm;
    }

    /** Baseline absorbance at a wavelength: offset plus the λ⁻⁴ scattering term. */
    public double baselineAbsorbance(double wavelengthNm) {
        double ratio = SCATTERING_REFERENCE_NM / wavelengthNm;
        return offsetAbsorbance + scatteringAt400Nm * ratio * ratio * ratio * ratio;
    }
}
