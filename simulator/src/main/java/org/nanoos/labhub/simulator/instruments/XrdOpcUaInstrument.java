package org.nanoos.labhub.simulator.instruments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nanoos.labhub.simulator.opcua.EngineeringUnit;
import org.nanoos.labhub.simulator.opcua.InstrumentVariable;
import org.nanoos.labhub.simulator.opcua.VariableType;
import org.nanoos.labhub.simulator.xrd.XrdDiffractometer;
import org.nanoos.labhub.simulator.xrd.XrdScan;
import org.nanoos.labhub.verticals.crystallography.Crystal;

/**
 * A simulated X-ray powder diffractometer on the OPC UA server: StartExperiment takes the sample and scan as JSON
 * (see {@link XrdParameters}), and an {@link XrdDiffractometer} (Cu Kα1, Bragg–Brentano lab setup, Poisson counting
 * noise) measures the θ–2θ step scan in sped-up time.
 *
 * <p>Variables below {@code Lab/<id>}: while scanning, {@code Goniometer/TwoTheta} (°) and {@code Detector/Counts}
 * of the last step, with {@code Progress}; at the start of a run {@code Sample/Structure},
 * {@code Sample/LatticeConstant} and {@code Sample/LatticeConstantC} (Å, UNECE {@code A11}); at the end the pattern,
 * {@code Pattern/TwoTheta} (°, UNECE {@code DD}) and {@code Pattern/Intensity} (counts) as Double arrays of equal
 * length, with {@code Pattern/Points}, {@code Pattern/CountTime} (s) and {@code LastRunId}, all five with the same
 * source timestamp so that a client can pair them. An aborted scan publishes no pattern.
 *
 * <pre>{@code
 * var xrd = new XrdOpcUaInstrument("XRD-1");   // silicon unless StartExperiment says otherwise
 * // call Lab/XRD-1/StartExperiment with {"structure":"fcc","element":"Cu","a":3.615,"speedUp":100}
 * }</pre>
 */
public final class XrdOpcUaInstrument extends ExperimentInstrument {

    /** Current 2θ of the goniometer, degrees. */
    public static final String GONIOMETER_TWO_THETA = "Goniometer/TwoTheta";
    /** Counts of the last completed step. */
    public static final String DETECTOR_COUNTS = "Detector/Counts";
    /** Name of the sample's structure, e.g. {@code Si (diamond)}. */
    public static final String SAMPLE_STRUCTURE = "Sample/Structure";
    /** Lattice constant a of the sample, Å. */
    public static final String SAMPLE_LATTICE_CONSTANT = "Sample/LatticeConstant";
    /** Lattice constant c of the sample, Å (equal to a for cubic crystals). */
    public static final String SAMPLE_LATTICE_CONSTANT_C = "Sample/LatticeConstantC";
    /** 2θ of every step of the last complete scan, degrees. */
    public static final String PATTERN_TWO_THETA = "Pattern/TwoTheta";
    /** Counts of every step of the last complete scan. */
    public static final String PATTERN_INTENSITY = "Pattern/Intensity";
    /** Number of steps of the last complete scan. */
    public static final String PATTERN_POINTS = "Pattern/Points";
    /** Counting time per step of the last complete scan, s. */
    public static final String PATTERN_COUNT_TIME = "Pattern/CountTime";
    /** Id of the run that measured the pattern in {@code Pattern/*}. */
    public static final String LAST_RUN_ID = "LastRunId";

    private final XrdParameters defaults;
    private final SplittableRandom seeds;

    /** A diffractometer measuring {@link XrdParameters#silicon() silicon} unless told otherwise. */
    public XrdOpcUaInstrument(String id) {
        this(id, XrdParameters.silicon());
    }

    /** A diffractometer whose StartExperiment parameters default to {@code defaults}. */
    public XrdOpcUaInstrument(String id, XrdParameters defaults) {
        this(id, defaults, DEFAULT_TICK_INTERVAL, Clock.systemUTC(), System.nanoTime());
    }

    /** A diffractometer with its own clock and noise seeds (tests). */
    XrdOpcUaInstrument(String id, XrdParameters defaults, Duration tickInterval, Clock clock, long seed) {
        super(id, tickInterval, clock);
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.seeds = new SplittableRandom(seed);
    }

    /** The parameters that StartExperiment's JSON overrides. */
    public XrdParameters defaults() {
        return defaults;
    }

    @Override
    public String description() {
        return "Simulated X-ray powder diffractometer (Cu Ka1, theta-2theta step scan); StartExperiment "
                + "{\"structure\":\"diamond\",\"element\":\"Si\",\"a\":5.431,\"start\":20,\"stop\":90,\"step\":0.02,"
                + "\"countTimeS\":1,\"speedUp\":20}";
    }

    @Override
    public List<InstrumentVariable> variables() {
        Crystal sample = defaults.crystal();
        return List.of(
                InstrumentVariable.of(GONIOMETER_TWO_THETA, VariableType.DOUBLE, defaults.scan().startDeg(),
                        EngineeringUnit.DEGREE, "Current diffraction angle 2θ of the goniometer, degrees."),
                InstrumentVariable.of(DETECTOR_COUNTS, VariableType.DOUBLE, 0.0, EngineeringUnit.COUNTS,
                        "Counts of the last completed step."),
                InstrumentVariable.of(SAMPLE_STRUCTURE, VariableType.STRING, sample.name(),
                        "Sample of the current or last run: element(s) and structure."),
                InstrumentVariable.of(SAMPLE_LATTICE_CONSTANT, VariableType.DOUBLE, sample.lattice().a(),
                        InstrumentUnits.ANGSTROM, "Lattice constant a of the sample as configured, Å."),
                InstrumentVariable.of(SAMPLE_LATTICE_CONSTANT_C, VariableType.DOUBLE, sample.lattice().c(),
                        InstrumentUnits.ANGSTROM, "Lattice constant c of the sample as configured (a for cubic), Å."),
                InstrumentVariable.of(PATTERN_TWO_THETA, VariableType.DOUBLE_ARRAY, new double[0],
                        EngineeringUnit.DEGREE, "2θ of every step of the last complete scan, degrees."),
                InstrumentVariable.of(PATTERN_INTENSITY, VariableType.DOUBLE_ARRAY, new double[0],
                        EngineeringUnit.COUNTS, "Counts at every step of the last complete scan; same source time "
                                + "as Pattern/TwoTheta."),
                InstrumentVariable.of(PATTERN_POINTS, VariableType.INT32, 0,
                        "Number of steps of the last complete scan."),
                InstrumentVariable.of(PATTERN_COUNT_TIME, VariableType.DOUBLE, defaults.countTimeS(),
                        EngineeringUnit.SECOND, "Counting time per step of the last complete scan, s."),
                InstrumentVariable.of(LAST_RUN_ID, VariableType.STRING, "",
                        "Run id of the last complete scan, whose pattern Pattern/* holds."));
    }

    @Override
    ExperimentRun prepare(Map<String, Object> parameters) {
        XrdParameters run = XrdParameters.parse(parameters, defaults);
        long seed = run.seed() != null ? run.seed() : seeds.nextLong();
        return new Scan(run, new XrdDiffractometer(run.settings(seed)));
    }

    /** One θ–2θ scan. */
    private static final class Scan implements ExperimentRun {

        private final XrdParameters parameters;
        private final XrdDiffractometer diffractometer;
        private int reported;

        Scan(XrdParameters parameters, XrdDiffractometer diffractometer) {
            this.parameters = parameters;
            this.diffractometer = diffractometer;
        }

        @Override
        public double durationS() {
            return diffractometer.scanDurationS();
        }

        @Override
        public double speedUp() {
            return parameters.speedUp();
        }

        @Override
        public void begin(RunContext context) {
            Instant now = context.instantAt(0);
            Crystal crystal = parameters.crystal();
            context.publish(SAMPLE_STRUCTURE, crystal.name(), now);
            context.publish(SAMPLE_LATTICE_CONSTANT, crystal.lattice().a(), now);
            context.publish(SAMPLE_LATTICE_CONSTANT_C, crystal.lattice().c(), now);
            context.publish(GONIOMETER_TWO_THETA, parameters.scan().startDeg(), now);
        }

        @Override
        public void advanceTo(double elapsedS, RunContext context) {
            XrdScan sofar = diffractometer.scanAfter(elapsedS);
            int n = sofar.size();
            if (n > reported) {
                reported = n;
                Instant at = context.instantAt(n * parameters.countTimeS());
                context.publish(GONIOMETER_TWO_THETA, sofar.twoThetaDegAt(n - 1), at);
                context.publish(DETECTOR_COUNTS, (double) sofar.countsAt(n - 1), at);
            }
        }

        @Override
        public void complete(RunContext context) {
            XrdScan scan = diffractometer.scan();
            Instant at = context.instantAt(durationS());
            context.publish(PATTERN_TWO_THETA, scan.twoThetaDeg(), at);
            context.publish(PATTERN_INTENSITY, Arrays.stream(scan.counts()).asDoubleStream().toArray(), at);
            context.publish(PATTERN_POINTS, scan.size(), at);
            context.publish(PATTERN_COUNT_TIME, scan.countTimePerStepS(), at);
            context.publish(LAST_RUN_ID, context.runId(), at);
        }
    }
}
