package org.nanoos.labhub.simulator.uvvis;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A simulated UV-Vis-NIR transmission spectrometer with a thin film in the sample beam. A reading at wavelength λ is
 * {@code A = α(hc/λ) d / ln 10 + A_base(λ) + σ·g}, g standard normal: the film's Beer–Lambert absorbance from its
 * {@link AbsorptionEdge}, the {@link UvVisConfig#baselineAbsorbance baseline}, and photometric noise; the reported
 * transmittance is {@code 10^−A} of the same reading. Read point by point ({@link #measurePoint(int)}, for
 * streaming) or as a whole {@link #scan()}; deterministic for a given random generator, no I/O, not thread-safe.
 */
public final class UvVisSpectrometer {

    private final AbsorptionEdge edge;
    private final UvVisConfig config;
    private final RandomGenerator random;

    /** A spectrometer measuring {@code film} with the given settings, drawing noise from {@code random}. */
    public UvVisSpectrometer(ThinFilm film, UvVisConfig config, RandomGenerator random) {
        this.edge = new AbsorptionEdge(Objects.requireNonNull(film, "film"));
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A spectrometer with a seeded generator. */
    public static UvVisSpectrometer create(ThinFilm film, UvVisConfig config, long seed) {
        return new UvVisSpectrometer(film, config, new SplittableRandom(seed));
    }

    /** The film in the beam. */
    public ThinFilm film() {
        return edge.film();
    }

    /** The film's absorption law. */
    public AbsorptionEdge absorptionEdge() {
        return edge;
    }

    /** The scan settings. */
    public UvVisConfig config() {
        return config;
    }

    /** Number of points in a scan. */
    public int pointCount() {
        return config.pointCount();
    }

    /** Noise-free absorbance at a wavelength: film plus baseline. */
    public double trueAbsorbance(double wavelengthNm) {
        return edge.filmAbsorbance(Photon.energyEv(wavelengthNm)) + config.baselineAbsorbance(wavelengthNm);
    }

    /** One reading at any wavelength, with fresh photometric noise. */
    public SpectrumPoint measure(double wavelengthNm) {
        return reading(-1, wavelengthNm);
    }

    /** The reading at grid point {@code index} of the scan (from 0), with fresh photometric noise. */
    public SpectrumPoint measurePoint(int index) {
        return reading(index, config.wavelengthNm(index));
    }

    /** A whole scan over the configured grid, in scan order. */
    public Spectrum scan() {
        int n = pointCount();
        double[] wavelength = new double[n];
        double[] absorbance = new double[n];
        double[] transmittance = new double[n];
        for (int i = 0; i < n; i++) {
            SpectrumPoint point = measurePoint(i);
            wavelength[i] = point.wavelengthNm();
            absorbance[i] = point.absorbance();
            transmittance[i] = point.transmittance();
        }
        return new Spectrum(wavelength, absorbance, transmittance);
    }

    private SpectrumPoint reading(int index, double wavelengthNm) {
        double energy = Photon.energyEv(wavelengthNm);
        double absorbance = trueAbsorbance(wavelengthNm);
        if (config.noiseSigmaAbsorbance() > 0) {
            absorbance += config.noiseSigmaAbsorbance() * random.nextGaussian();
        }
        return new SpectrumPoint(index, wavelengthNm, energy, absorbance, Math.pow(10.0, -absorbance));
    }
}
