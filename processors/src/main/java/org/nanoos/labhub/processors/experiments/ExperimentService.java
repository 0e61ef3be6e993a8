package org.nanoos.labhub.processors.experiments;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.nanoos.labhub.processors.instruments.Instrument;
import org.nanoos.labhub.processors.instruments.InstrumentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries experiment runs through their life cycle. A submitted run is stored PENDING and handed to its
 * instrument's {@link ExperimentDriver} at once; when the instrument accepts it, it is RUNNING from the moment it
 * was sent. Every poll interval the tracker asks each running run's instrument how it is going: DONE completes it,
 * a fault or an abort nobody asked for fails it, and an instrument that has not been heard from — neither an
 * answer to a poll nor a measurement — for the run's silence timeout fails it with that reason. A pending run whose
 * instrument cannot be reached is tried again every interval until the same timeout. Cancel aborts a running run
 * on the instrument first and ends it only when the instrument has stopped.
 *
 * <p>Every change of state is a conditional update plus its event in one transaction ({@link
 * ExperimentRepository}), so a cancel racing the tracker ends a run once. Measurements are linked to a run by their
 * instrument and time (the writer does it as they arrive; the service links those that were stored before the run's
 * window was known). While a run is going its instrument is BUSY in the registry, AVAILABLE again afterwards.
 */
public final class ExperimentService implements AutoCloseable {

    /** A run's name: printable, at most 200 characters. */
    public static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,200}");
    /** The longest silence timeout a run may ask for. */
    public static final Duration MAX_SILENCE_TIMEOUT = Duration.ofDays(7);

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentService.class);

    private final ExperimentRepository runs;
    private final InstrumentRepository instruments;
    private final Map<Instrument.AdapterType, ExperimentDriver> drivers = new EnumMap<>(Instrument.AdapterType.class);
    private final Duration defaultSilenceTimeout;
    private final Duration pollInterval;
    private final Clock clock;
    private final Set<UUID> busy = ConcurrentHashMap.newKeySet();
    private final Set<UUID> cancelling = ConcurrentHashMap.newKeySet();
    private final Map<UUID, String> lastErrors = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;

    /**
     * @param defaultSilenceTimeout silence timeout of runs that do not set one
     * @param pollInterval          how often running runs' instruments are asked how they are going
     */
    public ExperimentService(ExperimentRepository runs, InstrumentRepository instruments, List<ExperimentDriver> drivers,
            Duration defaultSilenceTimeout, Duration pollInterval, Clock clock) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        for (ExperimentDriver d : drivers) {
            this.drivers.put(d.adapterType(), d);
        }
        this.defaultSilenceTimeout = requirePositive(defaultSilenceTimeout, "defaultSilenceTimeout");
        this.pollInterval = requirePositive(pollInterval, "pollInterval");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts tracking: pending and running runs left by an earlier hub are taken up again. */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "labhub-experiments");
            t.setDaemon(true);
            return t;
        });
        long period = pollInterval.toMillis();
        executor.scheduleWithFixedDelay(this::trackSafely, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    /**
     * Stores a run and sends it to its instrument (in the background; the run is returned PENDING).
     *
     * @throws ExperimentRefusedException the instrument does not exist, cannot run experiments, does not offer this
     *                                    type, its settings are incomplete, or it has a run going already
     */
    public ExperimentRun submit(SubmitRequest request, String submittedBy)
            throws ExperimentRefusedException, SQLException {
        Instrument instrument = instruments.find(request.instrumentId()).orElseThrow(() -> new ExperimentRefusedException(
                ExperimentRefusedException.Kind.INVALID, "no instrument '" + request.instrumentId()
                        + "' is registered; GET /api/instruments lists them"));
        ExperimentDriver driver = driver(instrument);
        try {
            driver.checkConfiguration(instrument);
        } catch (IllegalArgumentException e) {
            throw new ExperimentRefusedException(ExperimentRefusedException.Kind.INVALID, "instrument '"
                    + instrument.id() + "' cannot run experiments as registered: " + e.getMessage());
        }
        String type = request.type().name().toLowerCase(java.util.Locale.ROOT);
        if (!instrument.capabilities().isEmpty() && !instrument.capabilities().contains(type)) {
            throw new ExperimentRefusedException(ExperimentRefusedException.Kind.INVALID, "instrument '"
                    + instrument.id() + "' offers " + instrument.capabilities() + ", not " + type);
        }
        Duration timeout = request.silenceTimeout() == null ? defaultSilenceTimeout : request.silenceTimeout();
        Instant now = clock.instant();
        String name = request.name() != null ? request.name()
                : type + " on " + instrument.id() + " at " + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ExperimentRun run = new ExperimentRun(UUID.randomUUID(), instrument.id(), request.type(), name,
                RunStatus.PENDING, request.parameters(), null, null, null, request.material(), request.structure(),
                timeout, null, submittedBy, now, null, null, null);
        if (!runs.insert(run)) {
            String active = runs.list(instrument.id(), null, 5).stream().filter(r -> !r.status().isFinal())
                    .map(r -> r.id() + " (" + r.status() + ")").findFirst().orElse("another run");
            throw new ExperimentRefusedException(ExperimentRefusedException.Kind.CONFLICT, "instrument '"
                    + instrument.id() + "' is busy with run " + active + "; cancel it or wait for it to end");
        }
        LOG.info("Run {} submitted to {} ({})", run.id(), instrument.id(), type);
        ScheduledExecutorService ex = executor;
        if (ex != null) {
            ex.execute(() -> handle(run.id()));
        }
        return run;
    }

    public Optional<ExperimentRun> find(UUID id) throws SQLException {
        return runs.find(id);
    }

    /**
     * Cancels a run: a pending one at once, a running one after its instrument has aborted it.
     *
     * @throws ExperimentRefusedException no such run, it has ended, the instrument refused, or it could not be
     *                                    reached (the run then stays RUNNING)
     */
    public ExperimentRun cancel(UUID id, String by) throws ExperimentRefusedException, SQLException {
        ExperimentRun run = runs.find(id).orElseThrow(() -> new ExperimentRefusedException(
                ExperimentRefusedException.Kind.NOT_FOUND, "no experiment run " + id));
        String who = by == null ? "" : " by " + by;
        if (run.status() == RunStatus.PENDING
                && runs.end(id, List.of(RunStatus.PENDING), RunStatus.CANCELLED, clock.instant(), null,
                        "cancelled" + who + " before it started", clock.instant(), "cancelled" + who + " while pending")) {
            return runs.find(id).orElseThrow();
        }
        run = runs.find(id).orElseThrow();
        if (run.status().isFinal()) {
            throw new ExperimentRefusedException(ExperimentRefusedException.Kind.CONFLICT,
                    "run " + id + " has ended already: " + run.status());
        }
        Instrument instrument = instruments.find(run.instrumentId()).orElseThrow();
        cancelling.add(id);
        try {
            driver(instrument).abort(instrument, run);
        } catch (InstrumentRefusedException e) {
            cancelling.remove(id);
            throw new ExperimentRefusedException(ExperimentRefusedException.Kind.CONFLICT, "instrument '"
                    + instrument.id() + "' refused to abort run " + id + ": " + e.getMessage());
        } catch (InstrumentUnreachableException e) {
            cancelling.remove(id);
            throw new ExperimentRefusedException(ExperimentRefusedException.Kind.UNREACHABLE, "could not reach '"
                    + instrument.id() + "' to abort run " + id + " (it stays RUNNING): " + e.getMessage());
        }
        Instant now = clock.instant();
        runs.end(id, List.of(RunStatus.RUNNING), RunStatus.CANCELLED, now, null, "cancelled" + who, now,
                "aborted on " + instrument.id() + who);
        afterEnd(run, now, null);
        return runs.find(id).orElseThrow();
    }

    /** One round of the tracker: every pending and running run, each by one thread at a time. */
    void track() throws SQLException {
        for (ExperimentRun run : runs.active()) {
            ScheduledExecutorService ex = executor;
            if (ex == null) {
                return;
            }
            if (!busy.contains(run.id())) {
                ex.execute(() -> handle(run.id()));
            }
        }
    }

    private void trackSafely() {
        try {
            track();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Experiment tracker: {}", e.toString());
        }
    }

    private void handle(UUID id) {
        if (!busy.add(id)) {
            return;
        }
        try {
            ExperimentRun run = runs.find(id).orElse(null);
            if (run == null || run.status().isFinal()) {
                lastErrors.remove(id);
                cancelling.remove(id);
                return;
            }
            Instrument instrument = instruments.find(run.instrumentId()).orElse(null);
            if (instrument == null) {
                fail(run, "instrument '" + run.instrumentId() + "' was removed from the registry");
                return;
            }
            if (run.status() == RunStatus.PENDING) {
                dispatch(run, instrument);
            } else {
                follow(run, instrument);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Run {}: {}", id, e.toString(), e);
        } finally {
            busy.remove(id);
        }
    }

    private void dispatch(ExperimentRun run, Instrument instrument) throws SQLException {
        ExperimentDriver driver;
        try {
            driver = driver(instrument);
        } catch (ExperimentRefusedException e) {
            fail(run, e.getMessage());
            return;
        }
        Instant sentAt = clock.instant();
        String externalId;
        try {
            externalId = driver.start(instrument, run);
        } catch (InstrumentRefusedException e) {
            fail(run, instrument.id() + " refused the run: " + e.getMessage());
            return;
        } catch (InstrumentUnreachableException e) {
            lastErrors.put(run.id(), e.getMessage());
            Instant now = clock.instant();
            if (Duration.between(run.submittedAt(), now).compareTo(run.silenceTimeout()) > 0) {
                fail(run, "could not reach " + instrument.id() + " for " + run.silenceTimeout().toSeconds()
                        + " s to start the run: " + e.getMessage());
            } else {
                LOG.info("Run {}: {} not reachable yet, trying again: {}", run.id(), instrument.id(), e.getMessage());
            }
            return;
        }
        Instant now = clock.instant();
        lastErrors.remove(run.id());
        if (!runs.markRunning(run.id(), externalId, sentAt, now, "started on " + instrument.id() + " as "
                + externalId)) {
            LOG.info("Run {} was cancelled while {} started it; aborting it there", run.id(), instrument.id());
            try {
                driver.abort(instrument, run.withExternalId(externalId));
            } catch (InstrumentRefusedException | InstrumentUnreachableException e) {
                LOG.warn("Run {}: could not abort it on {}: {}", run.id(), instrument.id(), e.getMessage());
            }
            return;
        }
        LOG.info("Run {} running on {} as {}", run.id(), instrument.id(), externalId);
        instruments.setStatus(instrument.id(), Instrument.Status.BUSY, now);
    }

    private void follow(ExperimentRun run, Instrument instrument) throws SQLException {
        ExperimentDriver driver;
        try {
            driver = driver(instrument);
        } catch (ExperimentRefusedException e) {
            fail(run, e.getMessage());
            return;
        }
        Observation seen;
        try {
            seen = driver.poll(instrument, run);
        } catch (InstrumentUnreachableException e) {
            silent(run, instrument, e.getMessage());
            return;
        }
        Instant now = clock.instant();
        runs.heard(run.id(), seen.progress(), seen.at().isAfter(now) ? now : seen.at());
        switch (seen.state()) {
            case RUNNING -> {
                // a report of RUNNING is as fresh as the instrument's last word: a stale one is silence too
                Instant heard = seen.at().isAfter(now) ? now : seen.at();
                ExperimentRun fresh = run.lastHeardAt() == null || heard.isAfter(run.lastHeardAt())
                        ? run.withLastHeardAt(heard) : run;
                if (Duration.between(fresh.lastHeardAt(), now).compareTo(run.silenceTimeout()) > 0) {
                    silent(fresh, instrument, "no report from the instrument since " + fresh.lastHeardAt());
                } else {
                    lastErrors.remove(run.id());
                }
            }
            case DONE -> {
                lastErrors.remove(run.id());
                String detail = "completed on " + instrument.id() + (seen.message() == null ? "" : ": " + seen.message());
                if (runs.end(run.id(), List.of(RunStatus.RUNNING), RunStatus.COMPLETED, seen.at(), seen.results(),
                        null, now, detail)) {
                    LOG.info("Run {} completed on {}", run.id(), instrument.id());
                }
                afterEnd(run, now, Instrument.Status.AVAILABLE);
            }
            case ABORTED -> {
                if (cancelling.contains(run.id())) {
                    runs.end(run.id(), List.of(RunStatus.RUNNING), RunStatus.CANCELLED, seen.at(), null, "cancelled",
                            now, "aborted on " + instrument.id());
                } else {
                    String why = instrument.id() + " aborted the run without the hub asking"
                            + (seen.message() == null ? "" : ": " + seen.message());
                    runs.end(run.id(), List.of(RunStatus.RUNNING), RunStatus.FAILED, seen.at(), seen.results(), why,
                            now, why);
                }
                afterEnd(run, now, Instrument.Status.AVAILABLE);
            }
            case FAILED -> {
                String why = instrument.id() + " reported the run failed"
                        + (seen.message() == null ? "" : ": " + seen.message());
                runs.end(run.id(), List.of(RunStatus.RUNNING), RunStatus.FAILED, seen.at(), seen.results(), why, now,
                        why);
                afterEnd(run, now, Instrument.Status.ERROR);
            }
            default -> throw new IllegalStateException(seen.state().toString());
        }
    }

    private void silent(ExperimentRun run, Instrument instrument, String error) throws SQLException {
        Instant now = clock.instant();
        Instant heard = run.lastHeardAt() != null ? run.lastHeardAt() : run.startedAt();
        Instant measured = runs.lastMeasurementReceived(run.id());
        if (measured != null && measured.isAfter(heard)) {
            heard = measured;
        }
        lastErrors.put(run.id(), error);
        Duration silence = Duration.between(heard, now);
        if (silence.compareTo(run.silenceTimeout()) <= 0) {
            return;
        }
        String why = instrument.id() + " has been silent for " + silence.toSeconds() + " s (timeout "
                + run.silenceTimeout().toSeconds() + " s, last heard " + heard + "): " + error;
        if (runs.end(run.id(), List.of(RunStatus.RUNNING), RunStatus.FAILED, heard, null, why, now, why)) {
            LOG.warn("Run {} failed: {}", run.id(), why);
        }
        afterEnd(run, now, Instrument.Status.OFFLINE);
    }

    /** Fails a run from the state it was read in (a run another hub moved on meanwhile is left alone). */
    private void fail(ExperimentRun run, String why) throws SQLException {
        Instant now = clock.instant();
        if (runs.end(run.id(), List.of(run.status()), RunStatus.FAILED, now, null, why, now, why)) {
            LOG.warn("Run {} failed: {}", run.id(), why);
        }
        lastErrors.remove(run.id());
    }

    private void afterEnd(ExperimentRun run, Instant now, Instrument.Status status) throws SQLException {
        cancelling.remove(run.id());
        lastErrors.remove(run.id());
        instruments.setStatus(run.instrumentId(), status == null ? Instrument.Status.AVAILABLE : status,
                status == Instrument.Status.OFFLINE ? null : now);
    }

    /** The last reason the instrument of a pending or running run could not be reached, if any. */
    public Optional<String> lastError(UUID id) {
        return Optional.ofNullable(lastErrors.get(id));
    }

    private ExperimentDriver driver(Instrument instrument) throws ExperimentRefusedException {
        ExperimentDriver d = drivers.get(instrument.adapterType());
        if (d == null) {
            throw new ExperimentRefusedException(ExperimentRefusedException.Kind.INVALID, "instrument '"
                    + instrument.id() + "' is reached over " + instrument.adapterType()
                    + ", which cannot carry out runs; the adapters that can: " + drivers.keySet());
        }
        return d;
    }

    private static Duration requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return d;
    }
}
