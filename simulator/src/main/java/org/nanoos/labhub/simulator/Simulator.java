package org.nanoos.labhub.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.nanoos.labhub.simulator.cvd.CvdReactor;
import org.nanoos.labhub.simulator.cvd.ProcessSample;
import org.nanoos.labhub.simulator.cvd.RunResult;
import org.nanoos.labhub.simulator.mqtt.MqttInstrumentPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running simulated CVD reactor: on a scheduled thread it advances a {@link CvdReactor} by
 * {@code interval × speed-up} of simulated time per tick, running its recipe back to back, and publishes the process
 * variables every tick and the film results after every run over MQTT 5.
 *
 * <p>Topics ({@code <id>} = instrument id) and UCUM units: {@code lab/<id>/chamber/temperature} (Cel),
 * {@code lab/<id>/chamber/pressure} (Pa), {@code lab/<id>/mfc/sih4/flow} and {@code lab/<id>/mfc/n2/flow}
 * (cm3/min, i.e. sccm); per run {@code lab/<id>/film/thickness} (nm), {@code film/deposition_rate} (nm/min),
 * {@code film/uniformity} (%, half-range non-uniformity (max − min)/(2·mean)), {@code film/yield} (%) and the
 * series {@code film/thickness_profile} (x: radius in mm, y: thickness in nm). Reading ids are
 * {@code <id>-<session>-<run>-<seq>}, the session being the start time in base 36 so that ids stay unique across
 * restarts. Timestamps are the wall-clock time of publication: the data is a time-lapse of the simulated process.
 * The topics and payloads are those of {@link CvdReadings}, which the commanded reactor of {@code cvdtool} shares.
 *
 * <pre>{@code
 * try (Simulator simulator = Simulator.start(SimulatorOptions.defaults("tcp://localhost:1883"))) {
 *     // mosquitto_sub -t 'lab/cvd-1/#' -v
 * }
 * }</pre>
 */
public final class Simulator implements AutoCloseable {

    /** UCUM code of degrees Celsius. */
    public static final String UNIT_CELSIUS = "Cel";
    /** UCUM code of pascal. */
    public static final String UNIT_PASCAL = "Pa";
    /** UCUM code of sccm (standard cm³ per minute). */
    public static final String UNIT_SCCM = "cm3/min";
    /** UCUM code of nanometre. */
    public static final String UNIT_NANOMETRE = "nm";
    /** UCUM code of nanometre per minute. */
    public static final String UNIT_NM_PER_MIN = "nm/min";
    /** UCUM code of percent. */
    public static final String UNIT_PERCENT = "%";
    /** UCUM code of millimetre. */
    public static final String UNIT_MILLIMETRE = "mm";

    /** Celsius zero in kelvin; exact by the definition of the Celsius scale. */
    static final double CELSIUS_ZERO_K = 273.15;

    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(5);

    private final SimulatorOptions options;
    private final CvdReactor reactor;
    private final MqttInstrumentPublisher publisher;
    private final ScheduledExecutorService scheduler;
    private final Clock clock = Clock.systemUTC();
    private final CvdReadings readings;
    private final AtomicInteger runsCompleted = new AtomicInteger();
    private volatile boolean closed;

    private Simulator(SimulatorOptions options) {
        this.options = options;
        this.reactor = CvdReactor.create(options.recipe(), options.seed());
        this.publisher = new MqttInstrumentPublisher(options.brokerUrl(), options.clientId(), options.instrumentId());
        this.readings = new CvdReadings(publisher, Long.toString(clock.millis(), 36));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulator-" + options.instrumentId());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the simulator: connects to the broker (waiting up to 5 s, then retrying in the background) and begins
     * publishing at once.
     *
     * @throws IllegalArgumentException if the broker URL or instrument id is malformed
     */
    public static Simulator start(SimulatorOptions options) {
        Simulator simulator = new Simulator(options);
        simulator.publisher.connectInBackground();
        try {
            if (!simulator.publisher.awaitConnected(CONNECT_WAIT)) {
                LOG.warn("MQTT broker {} not reachable yet; the simulator runs and keeps trying", options.brokerUrl());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long periodNanos = options.publishInterval().toNanos();
        simulator.scheduler.scheduleAtFixedRate(simulator::tick, 0, periodNanos, TimeUnit.NANOSECONDS);
        LOG.info("simulated CVD reactor '{}' started: recipe '{}', {}x speed-up, publishing every {} to {}",
                options.instrumentId(), options.recipe().name(), options.speedUp(), options.publishInterval(),
                options.brokerUrl());
        return simulator;
    }

    /** The options it runs with. */
    public SimulatorOptions options() {
        return options;
    }

    /** Readings handed to the MQTT client so far. */
    public long readingsPublished() {
        return publisher.publishedCount();
    }

    /** Runs completed (and their film results published) so far. */
    public int runsCompleted() {
        return runsCompleted.get();
    }

    /** Whether the MQTT client is connected right now. */
    public boolean isConnected() {
        return publisher.isConnected();
    }

    /** Stops the schedule, waits for a tick in progress, and disconnects from the broker. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
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
        LOG.info("simulated CVD reactor '{}' stopped after {} runs", options.instrumentId(), runsCompleted.get());
    }

    private void tick() {
        if (closed) {
            return;
        }
        try {
            ProcessSample sample = reactor.advance(options.simulatedSecondsPerPublish());
            List<RunResult> runs = reactor.takeCompletedRuns();
            Instant now = clock.instant();
            for (RunResult run : runs) {
                publishRun(run, now);
            }
            readings.publishSample(sample, sample.runNumber(), now);
        } catch (RuntimeException e) {
            // keep the schedule alive: an exception escaping a scheduled task would cancel all later ticks
            LOG.error("simulator tick failed", e);
        }
    }

    private void publishRun(RunResult r, Instant now) {
        FilmResults film = readings.publishRun(r, r.runNumber(), now);
        runsCompleted.incrementAndGet();
        LOG.info("run {} of '{}' done: {} nm at {} nm/min, non-uniformity {} %, yield {} %", r.runNumber(),
                options.instrumentId(), film.thicknessNm(), film.depositionRateNmPerMin(), film.uniformityPercent(),
                film.yieldPercent());
    }
}
