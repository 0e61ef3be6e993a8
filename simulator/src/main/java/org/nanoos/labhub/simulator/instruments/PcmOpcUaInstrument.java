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
import org.nanoos.labhub.simulator.pcm.HeatingRamp;
import org.nanoos.labhub.simulator.pcm.PcmSample;
import org.nanoos.labhub.simulator.pcm.PcmTester;

/**
 * A simulated phase-change-material tester on the OPC UA server: StartExperiment takes the heating programme as JSON
 * (see {@link PcmParameters}), and a {@link PcmTester} (thermally activated amorphous phase, JMAK crystallization
 * along the programme, Bruggeman effective medium) reads the film's resistance in sped-up time.
 *
 * <p>Variables below {@code Lab/<id>}: every reading as it is taken, {@code Temperature} (K, UNECE {@code KEL}) and
 * {@code Resistance} (Ω, UNECE {@code OHM}), both with the source timestamp {@code start + t / speedUp} of the
 * reading's simulated time t, with {@code Progress}; at the start of a run {@code Sample/Material} and
 * {@code Sample/ResistanceContrast}; at the end the sweep, {@code Sweep/Time} (simulated s), {@code Sweep/Temperature}
 * and {@code Sweep/Resistance} as Double arrays of equal length, with {@code Sweep/Points} and {@code LastRunId}, all
 * with the same source timestamp. An aborted run publishes no sweep.
 *
 * <pre>{@code
 * var pcm = new PcmOpcUaInstrument("PCM-1");   // Ge2Sb2Te5, 300 K to 250 °C at 10 K/min unless told otherwise
 * // call Lab/PCM-1/StartExperiment with {"heatingRateKPerMin":20,"maxTemperatureK":523,"coolingRateKPerMin":20}
 * }</pre>
 */
public final class PcmOpcUaInstrument extends ExperimentInstrument {

    /** Film temperature of the last reading, K. */
    public static final String TEMPERATURE = "Temperature";
    /** Film resistance of the last reading, Ω. */
    public static final String RESISTANCE = "Resistance";
    /** Film of the current or last run. */
    public static final String SAMPLE_MATERIAL = "Sample/Material";
    /** Amorphous/crystalline resistance ratio at the reference temperature, as configured. */
    public static final String SAMPLE_RESISTANCE_CONTRAST = "Sample/ResistanceContrast";
    /** Simulated time of every reading of the last complete run, s since its start. */
    public static final String SWEEP_TIME = "Sweep/Time";
    /** Temperature of every reading of the last complete run, K. */
    public static final String SWEEP_TEMPERATURE = "Sweep/Temperature";
    /** Resistance of every reading of the last complete run, Ω. */
    public static final String SWEEP_RESISTANCE = "Sweep/Resistance";
    /** Number of readings of the last complete run. */
    public static final String SWEEP_POINTS = "Sweep/Points";
    /** Id of the run whose readings {@code Sweep/*} holds. */
    public static final String LAST_RUN_ID = "LastRunId";

    private final PcmParameters defaults;
    private final SplittableRandom seeds;

    /** A tester of a {@link PcmParameters#ge2Sb2Te5() GST film} with the default programme. */
    public PcmOpcUaInstrument(String id) {
        this(id, PcmParameters.ge2Sb2Te5());
    }

    /** A tester whose StartExperiment parameters default to {@code defaults}. */
    public PcmOpcUaInstrument(String id, PcmParameters defaults) {
        this(id, defaults, DEFAULT_TICK_INTERVAL, Clock.systemUTC(), System.nanoTime());
    }

    /** A tester with its own clock and noise seeds (tests). */
    PcmOpcUaInstrument(String id, PcmParameters defaults, Duration tickInterval, Clock clock, long seed) {
        super(id, tickInterval, clock);
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.seeds = new SplittableRandom(seed);
    }

    /** The parameters that StartExperiment's JSON overrides. */
    public PcmParameters defaults() {
        return defaults;
    }

    @Override
    public String description() {
        return "Simulated phase-change film resistance tester (" + defaults.film().name() + "); StartExperiment "
                + "{\"heatingRateKPerMin\":10,\"maxTemperatureK\":523,\"contrast\":1000,\"speedUp\":60}";
    }

    @Override
    public List<InstrumentVariable> variables() {
        double startK = defaults.ramp().startTemperatureK();
        return List.of(
                InstrumentVariable.of(TEMPERATURE, VariableType.DOUBLE, startK, EngineeringUnit.KELVIN,
                        "Film temperature of the last reading, K."),
                InstrumentVariable.of(RESISTANCE, VariableType.DOUBLE,
                        defaults.film().amorphousResistanceOhm(startK), InstrumentUnits.OHM,
                        "Film resistance of the last reading (two-probe), ohm."),
                InstrumentVariable.of(SAMPLE_MATERIAL, VariableType.STRING, defaults.film().name(),
                        "Phase-change film of the current or last run."),
                InstrumentVariable.of(SAMPLE_RESISTANCE_CONTRAST, VariableType.DOUBLE,
                        defaults.film().resistanceContrast(), EngineeringUnit.ONE,
                        "Amorphous/crystalline resistance ratio at the reference temperature, as configured."),
                InstrumentVariable.of(SWEEP_TIME, VariableType.DOUBLE_ARRAY, new double[0], EngineeringUnit.SECOND,
                        "Simulated time of every reading of the last complete run, s since its start."),
                InstrumentVariable.of(SWEEP_TEMPERATURE, VariableType.DOUBLE_ARRAY, new double[0],
                        EngineeringUnit.KELVIN, "Temperature of every reading of the last complete run, K."),
                InstrumentVariable.of(SWEEP_RESISTANCE, VariableType.DOUBLE_ARRAY, new double[0],
                        InstrumentUnits.OHM, "Resistance of every reading of the last complete run, ohm; same "
                                + "source time as Sweep/Temperature."),
                InstrumentVariable.of(SWEEP_POINTS, VariableType.INT32, 0,
                        "Number of readings of the last complete run."),
                InstrumentVariable.of(LAST_RUN_ID, VariableType.STRING, "",
                        "Run id of the last complete run, whose readings Sweep/* holds."));
    }

    @Override
    ExperimentRun prepare(Map<String, Object> parameters) {
        PcmParameters run = PcmParameters.parse(parameters, defaults);
        long seed = run.seed() != null ? run.seed() : seeds.nextLong();
        return new Ramp(run, PcmTester.create(run.film(), run.ramp(), seed));
    }

    /** One temperature programme. */
    private static final class Ramp implements ExperimentRun {

        private final PcmParameters parameters;
        private final PcmTester tester;
        private final double[] time;
        private final double[] temperature;
        private final double[] resistance;
        private int taken;

        Ramp(PcmParameters parameters, PcmTester tester) {
            this.parameters = parameters;
            this.tester = tester;
            int n = parameters.ramp().sampleCount();
            this.time = new double[n];
            this.temperature = new double[n];
            this.resistance = new double[n];
        }

        @Override
        public double durationS() {
            return parameters.ramp().durationS();
        }

        @Override
        public double speedUp() {
            return parameters.speedUp();
        }

        @Override
        public void begin(RunContext context) {
            Instant now = context.instantAt(0);
            context.publish(SAMPLE_MATERIAL, parameters.film().name(), now);
            context.publish(SAMPLE_RESISTANCE_CONTRAST, parameters.film().resistanceContrast(), now);
        }

        @Override
        public void advanceTo(double elapsedS, RunContext context) {
            HeatingRamp ramp = parameters.ramp();
            while (tester.hasNext() && ramp.sampleTimeS(taken) <= elapsedS + 1e-9) {
                PcmSample sample = tester.next();
                time[taken] = sample.timeS();
                temperature[taken] = sample.temperatureK();
                resistance[taken] = sample.resistanceOhm();
                taken++;
                Instant at = context.instantAt(sample.timeS());
                context.publish(TEMPERATURE, sample.temperatureK(), at);
                context.publish(RESISTANCE, sample.resistanceOhm(), at);
            }
        }

        @Override
        public void complete(RunContext context) {
            Instant at = context.instantAt(durationS());
            context.publish(SWEEP_TIME, Arrays.copyOf(time, taken), at);
            context.publish(SWEEP_TEMPERATURE, Arrays.copyOf(temperature, taken), at);
            context.publish(SWEEP_RESISTANCE, Arrays.copyOf(resistance, taken), at);
            context.publish(SWEEP_POINTS, taken, at);
            context.publish(LAST_RUN_ID, context.runId(), at);
        }
    }
}
