package org.nanoos.labhub.simulator.opcua;

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
 * A simulated pulse counter, the test signal for lossless ingestion: StartExperiment {@code {"count": 200}} makes
 * {@code Count} (Int32) go 1, 2, …, 200, one step every tick, each with its own source timestamp, then the run is
 * {@code DONE}. Whoever stores the node's values has lost some exactly where the stored counts have a gap.
 *
 * <p>{@code Count} {@linkplain InstrumentVariable#reportingEveryValue() reports every value} to subscribers, as a
 * counter that pushes its readings does, so that a node changing much faster than a client's publishing interval
 * loses nothing on the server's side: every step reaches the client's monitored item queue. {@code Progress} is the
 * fraction counted; AbortExperiment stops counting ({@code ABORTED}).
 */
public final class CounterInstrument implements SimulatedOpcUaInstrument {

    /** Name of the counter variable. */
    public static final String COUNT = "Count";
    /** StartExperiment parameter: how many steps to count, 1 to {@value #MAX_COUNT}. */
    public static final String PARAM_COUNT = "count";
    /** Most steps one run may count. */
    public static final int MAX_COUNT = 1_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(CounterInstrument.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");

    private final String id;
    private final Duration tickInterval;

    private int count;
    private int target;
    private ExperimentStatus status = ExperimentStatus.IDLE;
    private String runId = "";
    private VariableSink sink;
    private ScheduledExecutorService scheduler;

    /**
     * @param tickInterval time between two steps of a run
     */
    public CounterInstrument(String id, Duration tickInterval) {
        this.id = Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("instrument id must be letters, digits, '.', '-' or '_', was '"
                    + id + "'");
        }
        this.tickInterval = Objects.requireNonNull(tickInterval, "tickInterval");
        if (tickInterval.isNegative() || tickInterval.isZero()) {
            throw new IllegalArgumentException("tick interval must be positive, was " + tickInterval);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "Simulated pulse counter, one step every " + tickInterval.toMillis()
                + " ms; StartExperiment {\"count\": 200}";
    }

    @Override
    public List<InstrumentVariable> variables() {
        return List.of(InstrumentVariable.of(COUNT, VariableType.INT32, 0,
                "Steps counted in the current or last run; every step is reported.").reportingEveryValue());
    }

    /** The count so far. */
    public synchronized int count() {
        return count;
    }

    /** The status. */
    public synchronized ExperimentStatus status() {
        return status;
    }

    @Override
    public synchronized void attach(VariableSink variableSink) {
        Objects.requireNonNull(variableSink, "variableSink");
        stopScheduler();
        sink = variableSink;
        Instant now = Instant.now();
        variableSink.publish(COUNT, count, now);
        variableSink.publish(InstrumentVariable.STATUS, status, now);
        variableSink.publish(InstrumentVariable.PROGRESS, progress(), now);
        variableSink.publish(InstrumentVariable.RUN_ID, runId, now);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "opcua-instrument-" + id);
            t.setDaemon(true);
            return t;
        });
        long period = tickInterval.toNanos();
        scheduler.scheduleAtFixedRate(this::tickSafely, period, period, TimeUnit.NANOSECONDS);
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
            throw new IllegalStateException(id + " is counting for " + runId + "; abort it first");
        }
        if (!Set.of(PARAM_COUNT).containsAll(parameters.keySet())) {
            throw new IllegalArgumentException("unknown parameter in " + parameters.keySet() + "; expected "
                    + PARAM_COUNT);
        }
        if (!(parameters.get(PARAM_COUNT) instanceof Long steps) || steps < 1 || steps > MAX_COUNT) {
            throw new IllegalArgumentException("parameter '" + PARAM_COUNT + "' must be a whole number from 1 to "
                    + MAX_COUNT + ", was " + parameters.get(PARAM_COUNT));
        }
        target = steps.intValue();
        count = 0;
        runId = newRunId;
        status = ExperimentStatus.RUNNING;
        LOG.info("{} run {}: counting to {}", id, runId, target);
        if (sink != null) {
            Instant now = Instant.now();
            sink.publish(InstrumentVariable.RUN_ID, runId, now);
            sink.publish(InstrumentVariable.PROGRESS, 0.0, now);
            sink.publish(InstrumentVariable.STATUS, status, now);
        }
    }

    @Override
    public synchronized boolean abort() {
        if (status != ExperimentStatus.RUNNING) {
            return false;
        }
        status = ExperimentStatus.ABORTED;
        LOG.info("{} run {} aborted at {}", id, runId, count);
        if (sink != null) {
            sink.publish(InstrumentVariable.STATUS, status, Instant.now());
        }
        return true;
    }

    /** One step of a running count; what the scheduler runs every tick. */
    synchronized void tick() {
        if (status != ExperimentStatus.RUNNING) {
            return;
        }
        count++;
        if (count == target) {
            status = ExperimentStatus.DONE;
        }
        if (sink != null) {
            Instant now = Instant.now();
            sink.publish(COUNT, count, now);
            sink.publish(InstrumentVariable.PROGRESS, progress(), now);
            if (status == ExperimentStatus.DONE) {
                sink.publish(InstrumentVariable.STATUS, status, now);
            }
        }
    }

    private double progress() {
        return target == 0 ? 0.0 : (double) count / target;
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
}
