package org.nanoos.labhub.simulator.instruments;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nanoos.labhub.simulator.json.Parameters;
import org.nanoos.labhub.simulator.uvvis.ThinFilm;
import org.nanoos.labhub.simulator.uvvis.Transition;
import org.nanoos.labhub.simulator.uvvis.UvVisConfig;

/**
 * One UV-Vis experiment: the film in the beam, the wavelength scan, the scan speed and how much faster than real
 * time it runs. {@link #parse(Map, UvVisParameters)} reads StartExperiment's JSON, e.g.
 * <pre>{@code
 * {"material":"GaAs","thicknessNm":500,"startNm":1100,"endNm":700,"stepNm":1,"speedUp":10}
 * {"material":{"bandGapEv":2.0,"transition":"indirect"},"thicknessNm":300,"startNm":800,"endNm":400}
 * }</pre>
 * {@code material} is {@code "GaAs"} ({@link ThinFilm#galliumArsenide}), {@code "Si"} ({@link ThinFilm#silicon}) or
 * an object with {@code bandGapEv} and {@code transition} ({@code "direct"} or {@code "indirect"}) and optionally
 * {@code edgeStrength} (C of α = C (E − Eg)^p / E) and {@code urbachEnergyEv}; a custom film takes those two from
 * the GaAs (direct) or Si (indirect) calibration unless given. Optional: {@code scanSpeedNmPerMin} and an integer
 * {@code seed} of the photometric noise. What the parameters leave out comes from the defaults.
 *
 * @param film              the film in the sample beam
 * @param config            wavelength grid, baseline and photometric noise
 * @param scanSpeedNmPerMin monochromator scan speed, nm/min; each point takes {@code step / speed}
 * @param speedUp           simulated seconds per wall-clock second
 * @param seed              seed of the photometric noise, or null for a new one every run
 */
public record UvVisParameters(ThinFilm film, UvVisConfig config, double scanSpeedNmPerMin, double speedUp,
                              Long seed) {

    /** Most points a scan may have. */
    public static final int MAX_POINTS = 100_000;

    private static final List<String> MATERIALS = List.of("GaAs", "Si");
    private static final List<String> TRANSITIONS = List.of("direct", "indirect");
    private static final Set<String> NAMES = Set.of("material", "thicknessNm", "startNm", "endNm", "stepNm",
            "scanSpeedNmPerMin", "speedUp", "seed");
    private static final Set<String> CUSTOM_NAMES = Set.of("bandGapEv", "transition", "edgeStrength",
            "urbachEnergyEv");

    /** Checks that the parts are there and the numbers positive. */
    public UvVisParameters {
        Objects.requireNonNull(film, "film");
        Objects.requireNonNull(config, "config");
        if (!(scanSpeedNmPerMin > 0) || Double.isInfinite(scanSpeedNmPerMin)) {
            throw new IllegalArgumentException("scan speed must be positive and finite, was " + scanSpeedNmPerMin);
        }
        if (!(speedUp >= 1) || Double.isInfinite(speedUp)) {
            throw new IllegalArgumentException("speed-up must be at least 1 and finite, was " + speedUp);
        }
    }

    /**
     * A 500 nm GaAs film scanned across its edge, 1100 → 700 nm in 1 nm steps ({@link UvVisConfig#defaults()}), at
     * 600 nm/min, a medium scan speed of bench-top scanning spectrometers (0.1 s per point, 40 s a scan), at 10×.
     */
    public static UvVisParameters galliumArsenide() {
        return new UvVisParameters(ThinFilm.galliumArsenide(500.0), UvVisConfig.defaults(), 600.0, 10.0, null);
    }

    /**
     * Reads StartExperiment parameters; what they leave out comes from {@code defaults}.
     *
     * @throws IllegalArgumentException naming the first parameter that is unknown, missing, of the wrong type or
     *                                  out of range
     */
    public static UvVisParameters parse(Map<String, Object> values, UvVisParameters defaults) {
        Objects.requireNonNull(defaults, "defaults");
        Parameters p = Parameters.of(values, NAMES, "");
        double thickness = p.number("thicknessNm", defaults.film().thicknessNm(), 1.0, 1e6, "nm");
        ThinFilm film = p.has("material") ? material(p.raw("material"), thickness)
                : defaults.film().withThicknessNm(thickness);
        UvVisConfig base = defaults.config();
        double min = UvVisConfig.MIN_WAVELENGTH_NM;
        double max = UvVisConfig.MAX_WAVELENGTH_NM;
        double start = p.number("startNm", base.startNm(), min, max, "nm");
        double end = p.number("endNm", base.endNm(), min, max, "nm");
        double step = p.number("stepNm", base.stepNm(), 0.01, 100.0, "nm");
        if (start == end) {
            throw new IllegalArgumentException("parameters 'startNm' and 'endNm' must differ, both were " + start);
        }
        if (step > Math.abs(end - start)) {
            throw new IllegalArgumentException("parameter 'stepNm' (" + step + " nm) must not exceed the scan range "
                    + Math.abs(end - start) + " nm");
        }
        UvVisConfig config = base.withRangeNm(start, end, step);
        if (config.pointCount() > MAX_POINTS) {
            throw new IllegalArgumentException("the scan would have " + config.pointCount() + " points, more than "
                    + MAX_POINTS + "; use a larger 'stepNm'");
        }
        double speed = p.number("scanSpeedNmPerMin", defaults.scanSpeedNmPerMin(), 1.0, 30_000.0, "nm/min");
        double speedUp = p.number("speedUp", defaults.speedUp(), 1.0, 1e6, "");
        Long seed = p.has("seed") ? p.integer("seed") : defaults.seed();
        return new UvVisParameters(film, config, speed, speedUp, seed);
    }

    /** Simulated time to measure one point, s: the step at the scan speed. */
    public double pointTimeS() {
        return config.stepNm() / scanSpeedNmPerMin * 60.0;
    }

    /** Simulated duration of the scan, s. */
    public double durationS() {
        return config.pointCount() * pointTimeS();
    }

    private static ThinFilm material(Object material, double thicknessNm) {
        if (material instanceof String name) {
            if (!MATERIALS.contains(name)) {
                throw new IllegalArgumentException("parameter 'material' must be one of " + MATERIALS
                        + " or an object {\"bandGapEv\":..,\"transition\":\"direct\"|\"indirect\"}, was \"" + name
                        + "\"");
            }
            return "GaAs".equals(name) ? ThinFilm.galliumArsenide(thicknessNm) : ThinFilm.silicon(thicknessNm);
        }
        if (!(material instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("parameter 'material' must be one of " + MATERIALS
                    + " or an object {\"bandGapEv\":..,\"transition\":\"direct\"|\"indirect\"}, was " + material);
        }
        @SuppressWarnings("unchecked")
        Parameters custom = Parameters.of((Map<String, Object>) map, CUSTOM_NAMES, "material.");
        double gap = custom.number("bandGapEv", 0.2, 10.0, "eV");
        String transition = custom.choice("transition", TRANSITIONS);
        ThinFilm calibration = "direct".equals(transition) ? ThinFilm.galliumArsenide(thicknessNm)
                : ThinFilm.silicon(thicknessNm);
        double strength = custom.number("edgeStrength", calibration.edgeStrength(), 1.0, 1e8, "");
        double urbach = custom.number("urbachEnergyEv", calibration.urbachEnergyEv(), 1e-4, 1.0, "eV");
        if (urbach >= 0.1 * gap) {
            throw new IllegalArgumentException("parameter 'material.urbachEnergyEv' (" + urbach
                    + " eV) must be below a tenth of the band gap " + gap + " eV");
        }
        Transition kind = "direct".equals(transition) ? Transition.DIRECT_ALLOWED : Transition.INDIRECT_ALLOWED;
        return new ThinFilm("custom, Eg " + gap + " eV " + transition, gap, kind, strength, urbach, thicknessNm);
    }
}
