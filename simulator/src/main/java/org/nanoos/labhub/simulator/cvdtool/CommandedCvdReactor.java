package org.nanoos.labhub.simulator.cvdtool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.nanoos.labhub.simulator.CvdReadings;
import org.nanoos.labhub.simulator.FilmResults;
import org.nanoos.labhub.simulator.RunState;
import org.nanoos.labhub.simulator.SimulatorOptions;
import org.nanoos.labhub.simulator.cvd.CvdReactor;
import org.nanoos.labhub.simulator.cvd.Phase;
import org.nanoos.labhub.simulator.cvd.ProcessSample;
import org.nanoos.labhub.simulator.cvd.RunResult;
import org.nanoos.labhub.simulator.mqtt.MqttInstrumentPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated CVD tool that runs one recipe per request, as a production tool is driven, instead of the
 * {@link org.nanoos.labhub.simulator.Simulator}'s recipe back to back. Each run loads a wafer into the vented chamber
 * at room temperature (a {@link CvdReactor} at power-on, noise seed {@code seed + n − 1} for run n) and goes through
 * pump-down, heat-up, stabilise, deposition and cool-down to unload in sped-up time; while it runs, the process
 * variables go out every publish interval and, at unload, the film results, on exactly the topics and in the payloads
 * of the continuous simulator ({@link CvdReadings}). Between runs the tool is idle and publishes nothing.
 *
 * <p>An abort first publishes the process variables up to that instant, then ends the run {@code ABORTED} without
 * film results; an abort that arrives after the run's time is up completes it instead. Runs are remembered (the last
 * {@value #HISTORY}) for status queries. Thread-safe. {@link CvdToolServer} puts a REST API in front of it.
 *
 * <pre>{@code
 * try (var tool = CommandedCvdReactor.start(SimulatorOptions.defaults("tcp://localhost:1883"))) {
 *     CvdRunStatus run = tool.startRun("hub-run-1", tool.defaults());
 *     // mosquitto_sub -t 'lab/cvd-1/#' -v ; tool.run(run.id()) until DONE
 * }
 * }</pre>
 */
public final class CommandedCvdReactor implements AutoCloseable {

    /** Runs remembered for status queries; the oldest finished ones are forgotten beyond this. */
    public static final int HISTORY = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(CommandedCvdReactor.class);
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(5);

    private final SimulatorOptions options;
    private final MqttInstrumentPublisher publisher;
    private final CvdReadings readings;
    private final ScheduledExecutorService scheduler;
    private final Clock clock = Clock.systemUTC();
    private final String idPrefix;
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private Run current;
    private int runsStarted;
    private boolean closed;

    private CommandedCvdReactor(SimulatorOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.publisher = new MqttInstrumentPublisher(options.brokerUrl(), options.clientId(), options.instrumentId());
        String session = Long.toString(clock.millis(), 36);
        this.readings = new CvdReadings(publisher, session);
        this.idPrefix = options.instrumentId() + "-" + session + "-";
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cvd-tool-" + options.instrumentId());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects to the broker (waiting up to 5 s, then retrying in the background) and waits, idle, for runs. The
     * options' recipe and speed-up are the {@link #defaults()} of a run; their publish interval is the wall-clock
     * time between two publications of the process variables; the seed is that of run 1.
     *
     * @throws IllegalArgumentException if the broker URL or instrument id is malformed
     */
    public static CommandedCvdReactor start(SimulatorOptions options) {
        CommandedCvdReactor tool = new CommandedCvdReactor(options);
        tool.publisher.connectInBackground();
        try {
            if (!tool.publisher.awaitConnected(CONNECT_WAIT)) {
                LOG.warn("MQTT broker {} not reachable yet; CVD tool '{}' waits for runs and keeps trying",
                        options.brokerUrl(), options.instrumentId());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("simulated CVD tool '{}' idle, publishing to {} while a run goes", options.instrumentId(),
                options.brokerUrl());
        return tool;
    }

    /** The options it runs with. */
    public SimulatorOptions options() {
        return options;
    }

    /** What a run request leaves out: the options' recipe and speed-up. */
    public CvdRunRequest defaults() {
        return new CvdRunRequest(options.recipe(), options.speedUp());
    }

    /** Whether the MQTT client is connected right now. */
    public boolean isConnected() {
        return publisher.isConnected();
    }

    /**
     * Starts a run of the requested recipe.
     *
     * @param hubRun the hub's id of the run, echoed in the status
     * @return the new run, {@code RUNNING}
     * @throws InstrumentBusyException if a run is going
     * @throws IllegalStateException   if the tool is closed
     */
    public synchronized CvdRunStatus startRun(String hubRun, CvdRunRequest request) {
        Objects.requireNonNull(request, "request");
        if (closed) {
            throw new IllegalStateException("CVD tool '" + options.instrumentId() + "' is closed");
        }
        if (current != null && current.state == RunState.RUNNING) {
            throw new InstrumentBusyException("busy: running " + current.id);
        }
        CvdReactor reactor = CvdReactor.create(request.recipe(), options.seed() + runsStarted);
        double durationS = CvdReactor.runDurationS(request.recipe(), reactor.hardware(), reactor.kinetics());
        runsStarted++;
        Run run = new Run(idPrefix + runsStarted, hubRun, runsStarted, request, reactor, durationS, clock.instant());
        current = run;
        remember(run);
        long periodNanos = options.publishInterval().toNanos();
        run.ticks = scheduler.scheduleAtFixedRate(() -> tick(run), 0, periodNanos, TimeUnit.NANOSECONDS);
        LOG.info("CVD tool '{}' run {}{} started: {}, {} Pa, {} sccm SiH4 + {} sccm N2, {} s deposition; about {} min"
                        + " to unload at {}x", options.instrumentId(), run.id,
                hubRun == null ? "" : " (hub run " + hubRun + ")", request.recipe().name(),
                request.recipe().pressurePa(), request.recipe().precursorFlowSccm(),
                request.recipe().carrierFlowSccm(), request.recipe().depositionDurationS(),
                Math.round(durationS / 6.0) / 10.0, request.speedUp());
        return run.status();
    }

    /** The run with this id, if remembered. */
    public synchronized Optional<CvdRunStatus> run(String id) {
        Run run = runs.get(id);
        return run == null ? Optional.empty() : Optional.of(run.status());
    }

    /** The run going now, if any. */
    public synchronized Optional<CvdRunStatus> currentRun() {
        return current != null && current.state == RunState.RUNNING ? Optional.of(current.status())
                : Optional.empty();
    }

    /**
     * Aborts the run with this id if it is going, after publishing its process variables up to now; a run that has
     * already ended is left as it is.
     *
     * @return the run in its final state, or empty if no run has this id
     */
    public synchronized Optional<CvdRunStatus> abort(String id) {
        Run run = runs.get(id);
        if (run == null) {
            return Optional.empty();
        }
        if (run.state == RunState.RUNNING) {
            advanceSafely(run);
            if (run.state == RunState.RUNNING) {
                end(run, RunState.ABORTED, "aborted on request during " + run.phase + " after "
                        + minutes(run.reactor.simulatedTimeS()) + " of " + minutes(run.durationS) + " min");
            }
        }
        return Optional.of(run.status());
    }

    /** Aborts a run in progress ({@code tool shut down}), stops the schedule and disconnects. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (current != null && current.state == RunState.RUNNING) {
                end(current, RunState.ABORTED, "tool shut down");
            }
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        publisher.close();
        LOG.info("simulated CVD tool '{}' stopped after {} runs", options.instrumentId(), runsStarted);
    }

    private synchronized void tick(Run run) {
        if (run.state == RunState.RUNNING && !closed) {
            advanceSafely(run);
        }
    }

    private void advanceSafely(Run run) {
        try {
            advance(run);
        } catch (RuntimeException e) {
            LOG.error("CVD tool '{}' run {} failed", options.instrumentId(), run.id, e);
            end(run, RunState.FAILED, "simulation failed: " + e);
        }
    }

    /** Advances the run's reactor to now, publishes the process variables, and at unload the film. */
    private void advance(Run run) {
        double target = Duration.between(run.startedAt, clock.instant()).toNanos() / 1e9 * run.request.speedUp();
        double before = run.reactor.simulatedTimeS();
        Phase phase = run.reactor.phase();
        ProcessSample sample = run.reactor.advanceWithinRun(Math.max(0.0, target - before));
        List<RunResult> unloaded = run.reactor.takeCompletedRuns();
        Instant now = clock.instant();
        readings.publishSample(sample, run.number, now);
        if (unloaded.isEmpty()) {
            run.phase = sample.phase();
            run.progress = Math.min(0.999, run.reactor.simulatedTimeS() / run.durationS);
            return;
        }
        run.phase = phase;
        run.results = readings.publishRun(unloaded.get(0), run.number, now);
        end(run, RunState.DONE, null);
        LOG.info("CVD tool '{}' run {} done: {} nm at {} nm/min, non-uniformity {} %, yield {} %",
                options.instrumentId(), run.id, run.results.thicknessNm(), run.results.depositionRateNmPerMin(),
                run.results.uniformityPercent(), run.results.yieldPercent());
    }

    private void end(Run run, RunState state, String message) {
        run.state = state;
        run.message = message;
        run.endedAt = clock.instant();
        if (state == RunState.DONE) {
            run.progress = 1.0;
        } else {
            LOG.info("CVD tool '{}' run {} {}: {}", options.instrumentId(), run.id, state, message);
        }
        if (run.ticks != null) {
            run.ticks.cancel(false);
        }
    }

    private void remember(Run run) {
        runs.put(run.id, run);
        Iterator<Run> oldest = runs.values().iterator();
        while (runs.size() > HISTORY && oldest.hasNext()) {
            if (oldest.next().state.isFinal()) {
                oldest.remove();
            }
        }
    }

    private static double minutes(double seconds) {
        return Math.round(seconds / 6.0) / 10.0;
    }

    /** One run: its reactor and how far it has got. Guarded by the tool's lock. */
    private static final class Run {
        final String id;
        final String hubRun;
        final int number;
        final CvdRunRequest request;
        final CvdReactor reactor;
        final double durationS;
        final Instant startedAt;
        RunState state = RunState.RUNNING;
        Phase phase = Phase.PUMP_DOWN;
        double progress;
        Instant endedAt;
        FilmResults results;
        String message;
        ScheduledFuture<?> ticks;

        Run(String id, String hubRun, int number, CvdRunRequest request, CvdReactor reactor, double durationS,
            Instant startedAt) {
            this.id = id;
            this.hubRun = hubRun;
            this.number = number;
            this.request = request;
            this.reactor = reactor;
            this.durationS = durationS;
            this.startedAt = startedAt;
        }

        CvdRunStatus status() {
            return new CvdRunStatus(id, hubRun, state, Math.round(progress * 1e4) / 1e4, startedAt, endedAt, results,
                    message, request);
        }
    }
}
