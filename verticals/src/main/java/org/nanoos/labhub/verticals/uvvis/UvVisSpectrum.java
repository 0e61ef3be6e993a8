package org.nanoos.labhub.verticals.uvvis;

import java.util.Arrays;
import java.util.Objects;

import org.nanoos.labhub.verticals.uvvis.UvVisAnalysisException.Reason;

/**
 * A measured UV-Vis spectrum: wavelengths and one ordinate (absorbance or transmittance), in scan order — rising or
 * falling, since instruments scan either way. The constructor refuses what no analysis can use and says where: fewer
 * than {@value #MIN_POINTS} points, NaN or infinite values, non-positive wavelengths, wavelengths that do not run one
 * way or repeat, and transmittances ≤ 0 (absorbance undefined).
 *
 * @param wavelengthNm vacuum wavelengths, nm (a defensive copy is kept and returned)
 * @param values       the ordinate at each wavelength, as {@code ordinate} says (copied likewise)
 * @param ordinate     what {@code values} hold
 */
public record UvVisSpectrum(double[] wavelengthNm, double[] values, Ordinate ordinate) {

    /** The fewest points accepted. */
    public static final int MIN_POINTS = 10;

    /**
     * Validates and copies the columns.
     *
     * @throws UvVisAnalysisException with the reason and the first offending index
     */
    public UvVisSpectrum {
        if (wavelengthNm == null || values == null || ordinate == null) {
            throw new UvVisAnalysisException(Reason.MALFORMED, "wavelengths, values and ordinate are all required");
        }
        if (wavelengthNm.length != values.length) {
            throw new UvVisAnalysisException(Reason.MALFORMED, wavelengthNm.length + " wavelengths but "
                    + values.length + " values");
        }
        if (wavelengthNm.length < MIN_POINTS) {
            throw new UvVisAnalysisException(Reason.TOO_FEW_POINTS, "a spectrum needs at least " + MIN_POINTS
                    + " points, got " + wavelengthNm.length);
        }
        wavelengthNm = wavelengthNm.clone();
        values = values.clone();
        int direction = 0;
        for (int i = 0; i < wavelengthNm.length; i++) {
            if (!Double.isFinite(wavelengthNm[i])) {
                throw new UvVisAnalysisException(Reason.NOT_FINITE, "wavelength at index " + i + " is "
                        + wavelengthNm[i]);
            }
            if (!Double.isFinite(values[i])) {
                throw new UvVisAnalysisException(Reason.NOT_FINITE, ordinate + " at index " + i + " ("
                        + wavelengthNm[i] + " nm) is " + values[i]);
            }
            if (!(wavelengthNm[i] > 0)) {
                throw new UvVisAnalysisException(Reason.NON_POSITIVE_WAVELENGTH, "wavelength at index " + i
                        + " is " + wavelengthNm[i] + " nm; wavelengths must be positive");
            }
            if (ordinate != Ordinate.ABSORBANCE && !(values[i] > 0)) {
                throw new UvVisAnalysisException(Reason.NON_POSITIVE_TRANSMITTANCE, "transmittance at index " + i
                        + " (" + wavelengthNm[i] + " nm) is " + values[i] + "; its absorbance is undefined");
            }
            if (i > 0) {
                double step = wavelengthNm[i] - wavelengthNm[i - 1];
                if (step == 0) {
                    throw new UvVisAnalysisException(Reason.DUPLICATE_WAVELENGTH, wavelengthNm[i]
                            + " nm appears twice, at indices " + (i - 1) + " and " + i);
                }
                int sign = step > 0 ? 1 : -1;
                if (direction != 0 && sign != direction) {
                    throw new UvVisAnalysisException(Reason.NOT_MONOTONIC, "wavelengths must run one way: index "
                            + i + " (" + wavelengthNm[i] + " nm) turns back after " + wavelengthNm[i - 1] + " nm");
                }
                direction = sign;
            }
        }
    }

    /** An absorbance spectrum. */
    public static UvVisSpectrum absorbance(double[] wavelengthNm, double[] absorbance) {
        return new UvVisSpectrum(wavelengthNm, absorbance, Ordinate.ABSORBANCE);
    }

    /** A transmittance spectrum, T as a fraction. */
    public static UvVisSpectrum transmittance(double[] wavelengthNm, double[] transmittance) {
        return new UvVisSpectrum(wavelengthNm, transmittance, Ordinate.TRANSMITTANCE);
    }

    @Override
    public double[] wavelengthNm() {
        return wavelengthNm.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** The number of points. */
    public int size() {
        return wavelengthNm.length;
    }

    /** Decadic absorbance at every point, in scan order. */
    public double[] absorbance() {
        double[] a = new double[values.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = switch (ordinate) {
                case ABSORBANCE -> values[i];
                case TRANSMITTANCE -> Optics.absorbanceFromTransmittance(values[i]);
                case TRANSMITTANCE_PERCENT -> Optics.absorbanceFromTransmittance(values[i] / 100);
            };
        }
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UvVisSpectrum s && ordinate == s.ordinate && Arrays.equals(wavelengthNm, s.wavelengthNm)
                && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ordinate, Arrays.hashCode(wavelengthNm), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "UvVisSpectrum[" + wavelengthNm.length + " points, " + wavelengthNm[0] + " to "
                + wavelengthNm[wavelengthNm.length - 1] + " nm, " + ordinate + "]";
    }
}
