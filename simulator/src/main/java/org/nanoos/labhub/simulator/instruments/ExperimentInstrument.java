package org.nanoos.labhub.simulator.instruments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.nanoos.labhub.simulator.opcua.ExperimentStatus;
import org.nanoos.labhub.simulator.opcua.InstrumentVariable;
import org.nanoos.labhub.simulator.opcua.SimulatedOpcUaInstrument;
import org.nanoos.labhub.simulator.opcua.VariableSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The common life cycle of an instrument that runs one finite experiment at a time in sped-up time: StartExperiment
 * has the subclass {@link #prepare prepare} an {@link ExperimentRun} from the parameters (rejecting bad ones before
 * anything changes), a scheduled tick advances it to {@code (now − start) × speedUp} simulated seconds and publishes
 * {@code Progress}, and once the whole duration has passed the run publishes its results and the status is
 * {@code DONE}. AbortExperiment first delivers the readings taken up to that instant, then stops the run
 * ({@code ABORTED}); results of an aborted run are not published. An abort that arrives after the run's time is up,
 * before the tick that would end it, completes the run instead and answers false.
 *
 * <p>The instrument remembers the last value and source timestamp of every variable and publishes them all again on
 * {@link #attach(VariableSink)}, so a restarted server is up to date at once and values published together keep
 * their common timestamp. A run goes on while the instrument is detached; the next tick after attaching catches up.
 */
abstract class ExperimentInstrument implements SimulatedOpcUaInstrument {

    /** Wall-clock time between two ticks of the public constructors. */
    static final Duration DEFAULT_TICK_INTERVAL = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentInstrument.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");

    private final String id;
    private final Duration tickInterval;
    private final Clock clock;
    private final Instant createdAt;
    private final Map<String, Stamped> current = new LinkedHashMap<>();
    private final RunContext context = new Context();

    private ExperimentStatus status = ExperimentStatus.IDLE;
    private String runId = "";
    private ExperimentRun run;
    private Instant startedAt;
    private VariableSink sink;
    private ScheduledExecutorService scheduler;

    /**
     * @throws IllegalArgumentException for an id that is not letters, digits, {@code .}, {@code -} or {@code _}, or
     *                                  a tick interval that is not positive
     */
    ExperimentInstrument(String id, Duration tickInterval, Clock clock) {
        this.id = Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("instrument id must be letters, digits, '.', '-' or '_', was '"
                    + id + "'");
        }
        this.tickInterval = Objects.requireNonNull(tickInterval, "tickInterval");
        if (tickInterval.isNegative() || tickInterval.isZero()) {
            throw new IllegalArgumentException("tick interval must be positive, was " + tickInterval);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.createdAt = clock.instant();
    }

    /**
     * Checks the parameters and sets up the physics of one run; must not change the instrument's state.
     *
     * @throws IllegalArgumentException naming the first parameter that is missing, unknown or out of range
     */
    abstract ExperimentRun prepare(Map<String, Object> parameters);

    @Override
    public final String id() {
        return id;
    }

    /** The status: {@code IDLE}, {@code RUNNING}, {@code DONE} or {@code ABORTED}. */
    public final synchronized ExperimentStatus status() {
        return status;
    }

    /** The id of the current or last run; empty before the first. */
    public final synchronized String runId() {
        return runId;
    }

    /** The wall-clock time between two ticks. */
    public final Duration tickInterval() {
        return tickInterval;
    }

    @Override
    public final synchronized void attach(VariableSink variableSink) {
        Objects.requireNonNull(variableSink, "variableSink");
        stopScheduler();
        this.sink = variableSink;
        current().forEach((name, stamped) -> variableSink.publish(name, copy(stamped.value()), stamped.time()));
        long periodNanos = tickInterval.toNanos();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "opcua-instrument-" + id);
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(this::tickSafely, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public final synchronized void detach() {
        stopScheduler();
        sink = null;
    }

    @Override
    public final synchronized void start(Map<String, Object> parameters, String newRunId) {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(newRunId, "newRunId");
        if (status == ExperimentStatus.RUNNING) {
            throw new IllegalStateException(id + " is running " + runId + "; abort it first");
        }
        ExperimentRun prepared = prepare(parameters);
        Instant now = clock.instant();
        run = prepared;
        startedAt = now;
        runId = newRunId;
        status = ExperimentStatus.RUNNING;
        publish(InstrumentVariable.RUN_ID, runId, now);
        publish(InstrumentVariable.PROGRESS, 0.0, now);
        publish(InstrumentVariable.STATUS, status, now);
        LOG.info("{} run {} started: {} s of experiment at {}x", id, runId, round(prepared.durationS()),
                prepared.speedUp());
        prepared.begin(context);
    }

    @Override
    public final synchronized boolean abort() {
        if (status != ExperimentStatus.RUNNING) {
            return false;
        }
        Instant now = clock.instant();
        double elapsed = elapsedAt(now);
        if (elapsed >= run.durationS()) {
            advance(run.durationS());
            finish();
            return false;
        }
        advance(elapsed);
        status = ExperimentStatus.ABORTED;
        publish(InstrumentVariable.STATUS, status, context.instantAt(elapsed));
        LOG.info("{} run {} aborted after {} of {} s", id, runId, round(elapsed), round(run.durationS()));
        run = null;
        return true;
    }

    /** Advances the running experiment to now and publishes; what the scheduler runs every tick. */
    final synchronized void tick() {
        if (status != ExperimentStatus.RUNNING) {
            return;
        }
        double elapsed = Math.min(run.durationS(), elapsedAt(clock.instant()));
        advance(elapsed);
        if (elapsed >= run.durationS()) {
            finish();
        }
    }

    /** The last value and source time of every variable, the standard ones first; initial values on first use. */
    private Map<String, Stamped> current() {
        if (current.isEmpty()) {
            current.put(InstrumentVariable.STATUS, new Stamped(status, createdAt));
            current.put(InstrumentVariable.PROGRESS, new Stamped(0.0, createdAt));
            current.put(InstrumentVariable.RUN_ID, new Stamped(runId, createdAt));
            for (InstrumentVariable variable : variables()) {
                current.put(variable.name(), new Stamped(copy(variable.initialValue()), createdAt));
            }
        }
        return current;
    }

    private void advance(double elapsed) {
        run.advanceTo(elapsed, context);
        publish(InstrumentVariable.PROGRESS, Math.min(1.0, elapsed / run.durationS()), context.instantAt(elapsed));
    }

    private void finish() {
        run.complete(context);
        status = ExperimentStatus.DONE;
        publish(InstrumentVariable.STATUS, status, context.instantAt(run.durationS()));
        LOG.info("{} run {} done", id, runId);
        run = null;
    }

    private double elapsedAt(Instant now) {
        long nanos = Duration.between(startedAt, now).toNanos();
        return Math.max(0, nanos) / 1e9 * run.speedUp();
    }

    private void publish(String name, Object value, Instant time) {
        if (!current().containsKey(name)) {
            throw new IllegalArgumentException(id + " has no variable '" + name + "'");
        }
        Object stored = copy(value);
        current.put(name, new Stamped(stored, time));
        if (sink != null) {
            sink.publish(name, stored, time);
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("{}: tick failed: {}", id, e.toString(), e);
        }
    }

    private void stopScheduler() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    private static Object copy(Object value) {
        return value instanceof double[] array ? array.clone() : value;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }

    /**
     * A variable's value and the instant it was measured.
     *
     * @param value value of the declared type (arrays are copies)
     * @param time  source timestamp
     */
    record Stamped(Object value, Instant time) {
    }

    private final class Context implements RunContext {

        @Override
        public String runId() {
            return runId;
        }

        @Override
        public Instant instantAt(double elapsedS) {
            return startedAt.plusNanos(Math.round(elapsedS / run.speedUp() * 1e9));
        }

        @Override
        public void publish(String name, Object value, Instant sourceTime) {
            ExperimentInstrument.this.publish(name, value, sourceTime);
        }
    }
}
