package org.nanoos.labhub.simulator.instruments;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nanoos.labhub.simulator.json.Parameters;
import org.nanoos.labhub.simulator.xrd.XrdSettings;
import org.nanoos.labhub.verticals.crystallography.AtomicScatteringFactors;
import org.nanoos.labhub.verticals.crystallography.Crystal;
import org.nanoos.labhub.verticals.crystallography.TwoThetaGrid;

/**
 * One XRD experiment: the powder sample, the θ–2θ step scan, the counting time per step, the crystallite size and
 * how much faster than real time it runs. {@link #parse(Map, XrdParameters)} reads StartExperiment's JSON, e.g.
 * <pre>{@code
 * {"structure":"diamond","element":"Si","a":5.431,"start":20,"stop":90,"step":0.02,"countTimeS":1,
 *  "crystalliteSizeNm":50,"speedUp":20}
 * }</pre>
 * Structures are {@code fcc}, {@code bcc}, {@code diamond} and {@code hcp} with {@code element} (hcp also needs
 * {@code c}), and {@code rockSalt} and {@code zincBlende} with {@code cation} and {@code anion}; lattice constants
 * are in Å, {@code bIso} (Å², optional) is the Debye–Waller B of every atom. The sample is given as a whole or not
 * at all (then the instrument's default sample is measured); the other parameters default one by one. An optional
 * integer {@code seed} fixes the counting noise.
 *
 * @param crystal           the powder sample
 * @param scan              the 2θ step scan, degrees
 * @param countTimeS        counting time per step, s
 * @param crystalliteSizeNm crystallite size for Scherrer broadening, nm; {@link Double#POSITIVE_INFINITY} for none
 * @param speedUp           simulated seconds per wall-clock second
 * @param seed              seed of the counting noise, or null for a new one every run
 */
public record XrdParameters(Crystal crystal, TwoThetaGrid scan, double countTimeS, double crystalliteSizeNm,
                            double speedUp, Long seed) {

    /** Lowest 2θ the goniometer reaches, degrees. */
    public static final double MIN_TWO_THETA_DEG = 2.0;
    /** Highest 2θ the goniometer reaches, degrees. */
    public static final double MAX_TWO_THETA_DEG = 160.0;
    /** Debye–Waller B of every atom when the parameters give none, Å² (room-temperature B of simple solids is 0.2–1 Å²). */
    public static final double DEFAULT_B_ISO = 0.5;

    private static final List<String> STRUCTURES = List.of("fcc", "bcc", "diamond", "hcp", "rockSalt", "zincBlende");
    private static final Set<String> SAMPLE = Set.of("structure", "element", "cation", "anion", "a", "c", "bIso");
    private static final Set<String> NAMES = Set.of("structure", "element", "cation", "anion", "a", "c", "bIso",
            "start", "stop", "step", "countTimeS", "crystalliteSizeNm", "speedUp", "seed");

    /** Checks that the parts are there and the numbers positive. */
    public XrdParameters {
        Objects.requireNonNull(crystal, "crystal");
        Objects.requireNonNull(scan, "scan");
        if (!(countTimeS > 0) || Double.isInfinite(countTimeS)) {
            throw new IllegalArgumentException("counting time must be positive and finite, was " + countTimeS);
        }
        if (!(crystalliteSizeNm > 0)) {
            throw new IllegalArgumentException("crystallite size must be positive, was " + crystalliteSizeNm);
        }
        if (!(speedUp >= 1) || Double.isInfinite(speedUp)) {
            throw new IllegalArgumentException("speed-up must be at least 1 and finite, was " + speedUp);
        }
    }

    /**
     * Silicon powder, diamond structure with a = 5.431 Å (NIST SRM 640 silicon: 5.4312 Å) and B = 0.46 Å², scanned
     * from 20° to 90° in 0.02° steps at 1 s per step (3501 steps, about an hour) with no size broadening, at 20×.
     */
    public static XrdParameters silicon() {
        return new XrdParameters(Crystal.diamond("Si", 5.431, 0.46), new TwoThetaGrid(20, 90, 0.02), 1.0,
                Double.POSITIVE_INFINITY, 20.0, null);
    }

    /**
     * Reads StartExperiment parameters; what they leave out comes from {@code defaults}.
     *
     * @throws IllegalArgumentException naming the first parameter that is unknown, missing, of the wrong type or
     *                                  out of range
     */
    public static XrdParameters parse(Map<String, Object> values, XrdParameters defaults) {
        Objects.requireNonNull(defaults, "defaults");
        Parameters p = Parameters.of(values, NAMES, "");
        Crystal crystal = p.hasAny(SAMPLE) ? crystal(p) : defaults.crystal();
        double start = p.number("start", defaults.scan().startDeg(), MIN_TWO_THETA_DEG, MAX_TWO_THETA_DEG, "°");
        double stop = p.number("stop", defaults.scan().stopDeg(), MIN_TWO_THETA_DEG, MAX_TWO_THETA_DEG, "°");
        if (!(start < stop)) {
            throw new IllegalArgumentException("parameter 'start' (" + start + "°) must be below 'stop' (" + stop
                    + "°)");
        }
        double step = p.number("step", defaults.scan().stepDeg(), 0.001, 5.0, "°");
        if (step > stop - start) {
            throw new IllegalArgumentException("parameter 'step' (" + step + "°) must not exceed the scan range "
                    + (stop - start) + "°");
        }
        TwoThetaGrid scan = new TwoThetaGrid(start, stop, step);
        double countTime = p.number("countTimeS", defaults.countTimeS(), 0.001, 100.0, "s");
        double size = p.number("crystalliteSizeNm", defaults.crystalliteSizeNm(), 1.0, 100_000.0, "nm");
        double speedUp = p.number("speedUp", defaults.speedUp(), 1.0, 1e6, "");
        Long seed = p.has("seed") ? p.integer("seed") : defaults.seed();
        return new XrdParameters(crystal, scan, countTime, size, speedUp, seed);
    }

    /** The diffractometer's settings for this experiment: the lab setup of {@link XrdSettings#labDiffractometer}. */
    public XrdSettings settings(long noiseSeed) {
        XrdSettings settings = XrdSettings.labDiffractometer(crystal)
                .withScan(scan.startDeg(), scan.stopDeg(), scan.stepDeg())
                .withCountTimePerStepS(countTimeS)
                .withSeed(noiseSeed);
        return Double.isInfinite(crystalliteSizeNm) ? settings : settings.withCrystalliteSizeNm(crystalliteSizeNm);
    }

    /** The simulated duration of the scan, s: steps × counting time. */
    public double durationS() {
        return scan.size() * countTimeS;
    }

    private static Crystal crystal(Parameters p) {
        if (!p.has("structure")) {
            throw new IllegalArgumentException("parameter 'structure' is required when the sample is given; one of "
                    + STRUCTURES);
        }
        String structure = p.choice("structure", STRUCTURES);
        double b = p.number("bIso", DEFAULT_B_ISO, 0.0, 10.0, "Å²");
        return switch (structure) {
            case "fcc", "bcc", "diamond" -> {
                p.forbid("cation", structure + " takes 'element'");
                p.forbid("anion", structure + " takes 'element'");
                p.forbid("c", "a cubic cell has c = a");
                String element = element(p, "element");
                double a = latticeConstant(p, "a");
                yield switch (structure) {
                    case "fcc" -> Crystal.fcc(element, a, b);
                    case "bcc" -> Crystal.bcc(element, a, b);
                    default -> Crystal.diamond(element, a, b);
                };
            }
            case "hcp" -> {
                p.forbid("cation", "hcp takes 'element'");
                p.forbid("anion", "hcp takes 'element'");
                String element = element(p, "element");
                yield Crystal.hcp(element, latticeConstant(p, "a"), latticeConstant(p, "c"), b);
            }
            default -> {
                p.forbid("element", structure + " takes 'cation' and 'anion'");
                p.forbid("c", "a cubic cell has c = a");
                String cation = element(p, "cation");
                String anion = element(p, "anion");
                double a = latticeConstant(p, "a");
                yield "rockSalt".equals(structure) ? Crystal.rockSalt(cation, anion, a, b, b)
                        : Crystal.zincBlende(cation, anion, a, b, b);
            }
        };
    }

    private static String element(Parameters p, String name) {
        String element = p.string(name);
        if (!AtomicScatteringFactors.isKnown(element)) {
            throw new IllegalArgumentException("parameter '" + name + "': no scattering factors for element \""
                    + element + "\"; known: " + AtomicScatteringFactors.elements());
        }
        return element;
    }

    private static double latticeConstant(Parameters p, String name) {
        return p.number(name, 1.0, 50.0, "Å");
    }
}
