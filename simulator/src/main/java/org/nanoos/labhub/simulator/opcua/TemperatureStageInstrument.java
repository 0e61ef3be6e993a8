package org.nanoos.labhub.simulator.opcua;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated heating stage (a hot stage under a diffractometer or microscope). StartExperiment drives it to a
 * setpoint, {@code {"setpointK": 500, "rampKPerS": 2}} (the ramp is optional), and it follows
 * {@link FirstOrderThermalLag}: dT/dt = (T_set − T)/τ, limited to the ramp rate. It is {@code DONE} once within
 * the settle tolerance of the setpoint and then holds there; AbortExperiment switches the heater off, and the stage
 * relaxes toward the ambient temperature with the same τ (Newton's law of cooling).
 *
 * <p>Variables: {@code Temperature} (Double, K) every tick, {@code Progress} (the fraction of the way from the start
 * temperature to the setpoint) every tick while running, {@code Status} and {@code RunId} when they change. Each
 * value carries the instant the physics was advanced to as its source timestamp. Simulated time runs
 * {@code speedUp} times faster than the clock.
 */
public final class TemperatureStageInstrument implements SimulatedOpcUaInstrument {

    /** Name of the temperature variable. */
    public static final String TEMPERATURE = "Temperature";
    /** StartExperiment parameter: setpoint in K, required. */
    public static final String PARAM_SETPOINT_K = "setpointK";
    /** StartExperiment parameter: ramp-rate limit in K/s, optional. */
    public static final String PARAM_RAMP_K_PER_S = "rampKPerS";
    /** Lowest setpoint: liquid-nitrogen cooling. */
    public static final double MIN_SETPOINT_K = 77.0;
    /** Highest setpoint: 1200 °C, the top of common heating stages. */
    public static final double MAX_SETPOINT_K = 1473.15;

    private static final Logger LOG = LoggerFactory.getLogger(TemperatureStageInstrument.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Set<String> PARAMETERS = Set.of(PARAM_SETPOINT_K, PARAM_RAMP_K_PER_S);

    private final String id;
    private final StageSettings settings;
    private final FirstOrderThermalLag lag;
    private final Clock clock;

    private double temperatureK;
    private ExperimentStatus status = ExperimentStatus.IDLE;
    private String runId = "";
    private double progress;
    private double startTemperatureK;
    private Double setpointK;
    private double rampKPerS;
    private Instant advancedTo;
    private VariableSink sink;
    private ScheduledExecutorService scheduler;

    /** A stage with the {@link StageSettings#defaults() default settings}. */
    public TemperatureStageInstrument(String id) {
        this(id, StageSettings.defaults());
    }

    /** A stage with the given settings, starting at ambient temperature. */
    public TemperatureStageInstrument(String id, StageSettings settings) {
        this(id, settings, Clock.systemUTC());
    }

    /** A stage on the given clock (tests). */
    TemperatureStageInstrument(String id, StageSettings settings, Clock clock) {
        this.id = Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("instrument id must be letters, digits, '.', '-' or '_', was '"
                    + id + "'");
        }
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lag = new FirstOrderThermalLag(settings.timeConstantS());
        this.temperatureK = settings.ambientK();
        this.startTemperatureK = settings.ambientK();
        this.advancedTo = clock.instant();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "Simulated heating stage (first-order lag, tau = " + settings.timeConstantS()
                + " s); StartExperiment {\"setpointK\": 500, \"rampKPerS\": 2}";
    }

    @Override
    public List<InstrumentVariable> variables() {
        return List.of(InstrumentVariable.of(TEMPERATURE, VariableType.DOUBLE, settings.ambientK(),
                EngineeringUnit.KELVIN, "Stage temperature (thermocouple), K."));
    }

    /** The settings. */
    public StageSettings settings() {
        return settings;
    }

    /** The temperature, advanced to now. */
    public synchronized double temperatureK() {
        advanceTo(clock.instant());
        return temperatureK;
    }

    /** The status. */
    public synchronized ExperimentStatus status() {
        return status;
    }

    @Override
    public synchronized void attach(VariableSink variableSink) {
        Objects.requireNonNull(variableSink, "variableSink");
        stopScheduler();
        Instant now = clock.instant();
        advanceTo(now);
        this.sink = variableSink;
        variableSink.publish(TEMPERATURE, temperatureK, now);
        variableSink.publish(InstrumentVariable.STATUS, status, now);
        variableSink.publish(InstrumentVariable.PROGRESS, progress, now);
        variableSink.publish(InstrumentVariable.RUN_ID, runId, now);
        long periodNanos = settings.tickInterval().toNanos();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "opcua-instrument-" + id);
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(this::tickSafely, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void detach() {
        stopScheduler();
        sink = null;
    }

    @Override
    public synchronized void start(Map<String, Object> parameters, String newRunId) {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(newRunId, "newRunId");
        if (status == ExperimentStatus.RUNNING) {
            throw new IllegalStateException(id + " is running " + runId + "; abort it first");
        }
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "'; expected " + PARAMETERS);
            }
        }
        double setpoint = number(parameters, PARAM_SETPOINT_K, null);
        if (setpoint < MIN_SETPOINT_K || setpoint > MAX_SETPOINT_K) {
            throw new IllegalArgumentException(PARAM_SETPOINT_K + " must be " + MIN_SETPOINT_K + "-" + MAX_SETPOINT_K
                    + " K, was " + setpoint);
        }
        double ramp = number(parameters, PARAM_RAMP_K_PER_S, settings.defaultRampKPerS());
        if (!(ramp > 0) || Double.isInfinite(ramp)) {
            throw new IllegalArgumentException(PARAM_RAMP_K_PER_S + " must be positive, was " + ramp);
        }
        Instant now = clock.instant();
        advanceTo(now);
        this.setpointK = setpoint;
        this.rampKPerS = ramp;
        this.startTemperatureK = temperatureK;
        this.runId = newRunId;
        this.progress = 0.0;
        this.status = ExperimentStatus.RUNNING;
        LOG.info("{} run {}: to {} K at up to {} K/s from {} K", id, newRunId, setpoint, ramp,
                Math.round(temperatureK * 100) / 100.0);
        if (sink != null) {
            sink.publish(InstrumentVariable.RUN_ID, runId, now);
            sink.publish(InstrumentVariable.PROGRESS, progress, now);
            sink.publish(InstrumentVariable.STATUS, status, now);
            sink.publish(TEMPERATURE, temperatureK, now);
        }
    }

    @Override
    public synchronized boolean abort() {
        if (status != ExperimentStatus.RUNNING) {
            return false;
        }
        Instant now = clock.instant();
        advanceTo(now);
        setpointK = null;
        status = ExperimentStatus.ABORTED;
        LOG.info("{} run {} aborted at {} K", id, runId, Math.round(temperatureK * 100) / 100.0);
        if (sink != null) {
            sink.publish(InstrumentVariable.STATUS, status, now);
            sink.publish(TEMPERATURE, temperatureK, now);
        }
        return true;
    }

    /** Advances the physics to now and publishes; what the scheduler runs every tick. */
    synchronized void tick() {
        Instant now = clock.instant();
        advanceTo(now);
        ExperimentStatus before = status;
        if (status == ExperimentStatus.RUNNING) {
            double span = setpointK - startTemperatureK;
            progress = span == 0 ? 1.0 : Math.min(1.0, Math.max(0.0, (temperatureK - startTemperatureK) / span));
            if (Math.abs(setpointK - temperatureK) <= settings.settleToleranceK()) {
                status = ExperimentStatus.DONE;
                progress = 1.0;
                LOG.info("{} run {} done at {} K", id, runId, Math.round(temperatureK * 100) / 100.0);
            }
        }
        if (sink != null) {
            sink.publish(TEMPERATURE, temperatureK, now);
            if (before == ExperimentStatus.RUNNING) {
                sink.publish(InstrumentVariable.PROGRESS, progress, now);
            }
            if (status != before) {
                sink.publish(InstrumentVariable.STATUS, status, now);
            }
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("{}: tick failed: {}", id, e.toString(), e);
        }
    }

    private void advanceTo(Instant now) {
        long nanos = Duration.between(advancedTo, now).toNanos();
        if (nanos <= 0) {
            return;
        }
        double dtS = nanos / 1e9 * settings.speedUp();
        temperatureK = setpointK != null
                ? lag.advance(temperatureK, setpointK, rampKPerS, dtS)
                : lag.advance(temperatureK, settings.ambientK(), Double.POSITIVE_INFINITY, dtS);
        advancedTo = now;
    }

    private void stopScheduler() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    private static double number(Map<String, Object> parameters, String name, Double fallback) {
        Object value = parameters.get(name);
        if (value == null) {
            if (fallback == null) {
                throw new IllegalArgumentException("parameter '" + name + "' is required");
            }
            return fallback;
        }
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a number, was " + value);
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("parameter '" + name + "' must be finite, was " + d);
        }
        return d;
    }

    /**
     * How a {@link TemperatureStageInstrument} behaves.
     *
     * @param timeConstantS    τ of the first-order lag, s
     * @param ambientK         temperature of the surroundings, where the stage starts and cools to, K
     * @param defaultRampKPerS ramp-rate limit when StartExperiment gives none, K/s
     * @param settleToleranceK distance to the setpoint at which the run is {@code DONE}, K
     * @param tickInterval     wall-clock time between two publications
     * @param speedUp          simulated seconds per wall-clock second
     */
    public record StageSettings(double timeConstantS, double ambientK, double defaultRampKPerS,
                                double settleToleranceK, Duration tickInterval, double speedUp) {

        /** Checks that every number is positive and finite. */
        public StageSettings {
            Objects.requireNonNull(tickInterval, "tickInterval");
            positive("timeConstantS", timeConstantS);
            positive("ambientK", ambientK);
            positive("defaultRampKPerS", defaultRampKPerS);
            positive("settleToleranceK", settleToleranceK);
            positive("speedUp", speedUp);
            if (tickInterval.isNegative() || tickInterval.isZero()) {
                throw new IllegalArgumentException("tick interval must be positive, was " + tickInterval);
            }
        }

        /** τ = 20 s, ambient 295.15 K (22 °C), 1 K/s, done within 0.1 K, a tick every 250 ms, real time. */
        public static StageSettings defaults() {
            return new StageSettings(20.0, 295.15, 1.0, 0.1, Duration.ofMillis(250), 1.0);
        }

        /** These settings with another time constant. */
        public StageSettings withTimeConstantS(double value) {
            return new StageSettings(value, ambientK, defaultRampKPerS, settleToleranceK, tickInterval, speedUp);
        }

        /** These settings with another tick interval. */
        public StageSettings withTickInterval(Duration value) {
            return new StageSettings(timeConstantS, ambientK, defaultRampKPerS, settleToleranceK, value, speedUp);
        }

        /** These settings with another speed-up. */
        public StageSettings withSpeedUp(double value) {
            return new StageSettings(timeConstantS, ambientK, defaultRampKPerS, settleToleranceK, tickInterval, value);
        }

        private static void positive(String name, double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(name + " must be positive and finite, was " + value);
            }
        }
    }
}
