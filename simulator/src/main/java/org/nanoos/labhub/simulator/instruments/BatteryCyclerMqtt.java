package org.nanoos.labhub.simulator.instruments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.nanoos.labhub.simulator.battery.BatteryCycler;
import org.nanoos.labhub.simulator.battery.CycleSummary;
import org.nanoos.labhub.simulator.battery.CyclerSample;
import org.nanoos.labhub.simulator.battery.CyclingProtocol;
import org.nanoos.labhub.simulator.battery.LfpCell;
import org.nanoos.labhub.simulator.mqtt.MqttInstrumentPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated battery cycler publishing over MQTT 5: a {@link BatteryCycler} runs an {@link LfpCell} through
 * constant-current cycles in sped-up time on a scheduled thread, and every logged sample and every cycle's summary
 * goes out through a {@link MqttInstrumentPublisher} (QoS 1, the hub's JSON, UCUM units).
 *
 * <p>Topics ({@code <id>} = instrument id, {@value #DEFAULT_INSTRUMENT_ID} by default): per sample
 * {@code lab/<id>/cell/voltage} ({@code V}), {@code lab/<id>/cell/current} ({@code mA}, positive on charge) and
 * {@code lab/<id>/cell/capacity} ({@code mA.h}, charge passed since the step began); per cycle, after its discharge,
 * {@code lab/<id>/cycle/discharge_capacity} and {@code lab/<id>/cycle/charge_capacity} ({@code mA.h}),
 * {@code lab/<id>/cycle/coulombic_efficiency} ({@code %}) and {@code lab/<id>/cycle/discharge_energy}
 * ({@code W.h}). A reading's time is the wall-clock instant of its simulated time, {@code start + t / speedUp}, so
 * the stream is a time-lapse of the test. It stops after the configured number of cycles.
 *
 * <pre>{@code
 * try (var cycler = new BatteryCyclerMqtt(BatteryCyclerMqtt.Options.defaults("tcp://localhost:1883")).start()) {
 *     // mosquitto_sub -t 'lab/CYCLER-1/#' -v
 * }
 * }</pre>
 */
public final class BatteryCyclerMqtt implements AutoCloseable {

    /** Instrument id of the default options. */
    public static final String DEFAULT_INSTRUMENT_ID = "CYCLER-1";
    /** Quantity path of the cell voltage. */
    public static final String CELL_VOLTAGE = "cell/voltage";
    /** Quantity path of the cell current. */
    public static final String CELL_CURRENT = "cell/current";
    /** Quantity path of the charge passed since the step began. */
    public static final String CELL_CAPACITY = "cell/capacity";
    /** Quantity path of a cycle's discharge capacity. */
    public static final String CYCLE_DISCHARGE_CAPACITY = "cycle/discharge_capacity";
    /** Quantity path of a cycle's charge capacity. */
    public static final String CYCLE_CHARGE_CAPACITY = "cycle/charge_capacity";
    /** Quantity path of a cycle's coulombic efficiency. */
    public static final String CYCLE_COULOMBIC_EFFICIENCY = "cycle/coulombic_efficiency";
    /** Quantity path of a cycle's discharge energy. */
    public static final String CYCLE_DISCHARGE_ENERGY = "cycle/discharge_energy";
    /** UCUM code of volt. */
    public static final String UNIT_VOLT = "V";
    /** UCUM code of milliampere. */
    public static final String UNIT_MILLIAMPERE = "mA";
    /** UCUM code of milliampere hour. */
    public static final String UNIT_MILLIAMPERE_HOUR = "mA.h";
    /** UCUM code of watt hour. */
    public static final String UNIT_WATT_HOUR = "W.h";
    /** UCUM code of percent. */
    public static final String UNIT_PERCENT = "%";

    private static final Logger LOG = LoggerFactory.getLogger(BatteryCyclerMqtt.class);
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(5);

    private final Options options;
    private final BatteryCycler cycler;
    private final MqttInstrumentPublisher publisher;
    private final Clock clock = Clock.systemUTC();
    private final String idPrefix;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private ScheduledExecutorService scheduler;
    private Instant startedAt;
    private CyclerSample pending;
    private volatile int cyclesCompleted;
    private volatile boolean finished;
    private volatile boolean closed;

    /**
     * A cycler about to start cycle 1; nothing runs or connects until {@link #start()}.
     *
     * @throws IllegalArgumentException if the broker URL or instrument id is malformed, or the protocol's charge
     *                                  current cannot overcome the cell's parasitic current
     */
    public BatteryCyclerMqtt(Options options) {
        this.options = Objects.requireNonNull(options, "options");
        this.cycler = BatteryCycler.create(options.cell(), options.protocol(), options.seed());
        this.publisher = new MqttInstrumentPublisher(options.brokerUrl(), options.clientId(), options.instrumentId());
        this.idPrefix = options.instrumentId() + "-" + Long.toString(clock.millis(), 36) + "-";
    }

    /**
     * Connects to the broker (waiting up to 5 s, then retrying in the background) and starts cycling.
     *
     * @return this cycler
     * @throws IllegalStateException if already started or closed
     */
    public synchronized BatteryCyclerMqtt start() {
        if (closed || scheduler != null) {
            throw new IllegalStateException("cycler " + options.instrumentId() + " was already "
                    + (closed ? "closed" : "started"));
        }
        publisher.connectInBackground();
        try {
            if (!publisher.awaitConnected(CONNECT_WAIT)) {
                LOG.warn("MQTT broker {} not reachable yet; cycler '{}' runs and keeps trying", options.brokerUrl(),
                        options.instrumentId());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        startedAt = clock.instant();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cycler-" + options.instrumentId());
            t.setDaemon(true);
            return t;
        });
        long periodNanos = options.tickInterval().toNanos();
        scheduler.scheduleAtFixedRate(this::tickSafely, 0, periodNanos, TimeUnit.NANOSECONDS);
        LOG.info("simulated battery cycler '{}' started: {} cycles at {} C / {} C, {}x speed-up, to {}",
                options.instrumentId(), options.cycles(), options.protocol().chargeCRate(),
                options.protocol().dischargeCRate(), options.speedUp(), options.brokerUrl());
        return this;
    }

    /** The options it runs with. */
    public Options options() {
        return options;
    }

    /** Cycles completed and their summaries published so far. */
    public int cyclesCompleted() {
        return cyclesCompleted;
    }

    /** Samples published so far (each as voltage, current and capacity). */
    public long samplesPublished() {
        return samples.get();
    }

    /** Whether all configured cycles are done. */
    public boolean isFinished() {
        return finished;
    }

    /** Whether the MQTT client is connected right now. */
    public boolean isConnected() {
        return publisher.isConnected();
    }

    /** Stops cycling, waits for a tick in progress, and disconnects from the broker. Idempotent. */
    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = scheduler;
        }
        if (running != null) {
            running.shutdown();
            try {
                if (!running.awaitTermination(5, TimeUnit.SECONDS)) {
                    running.shutdownNow();
                }
            } catch (InterruptedException e) {
                running.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        publisher.close();
        LOG.info("simulated battery cycler '{}' stopped after {} cycles", options.instrumentId(), cyclesCompleted);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // keep the schedule alive: an exception escaping a scheduled task would cancel all later ticks
            LOG.error("cycler '{}' tick failed", options.instrumentId(), e);
        }
    }

    /** Publishes every sample whose simulated time has come, and the summaries of the cycles they complete. */
    private void tick() {
        if (closed || finished) {
            return;
        }
        double target = Duration.between(startedAt, clock.instant()).toNanos() / 1e9 * options.speedUp();
        while (!closed) {
            if (pending == null) {
                pending = cycler.next();
            }
            if (pending.timeS() > target) {
                return;
            }
            publishSample(pending);
            pending = null;
            for (CycleSummary summary : cycler.takeCompletedCycles()) {
                publishSummary(summary);
                cyclesCompleted = summary.cycle();
                if (summary.cycle() >= options.cycles()) {
                    finished = true;
                    LOG.info("cycler '{}' finished {} cycles: last discharge {} mAh, coulombic efficiency {} %",
                            options.instrumentId(), summary.cycle(), significant(summary.dischargeCapacityMah(), 4),
                            significant(100 * summary.coulombicEfficiency(), 6));
                    scheduler.shutdown();
                    return;
                }
            }
        }
    }

    private void publishSample(CyclerSample s) {
        Instant time = instantAt(s.timeS());
        int cycle = s.cycle();
        publisher.publishScalar(CELL_VOLTAGE, nextId(cycle), time, significant(s.voltageV(), 7), UNIT_VOLT);
        publisher.publishScalar(CELL_CURRENT, nextId(cycle), time, significant(s.currentMa(), 6), UNIT_MILLIAMPERE);
        publisher.publishScalar(CELL_CAPACITY, nextId(cycle), time, significant(s.stepCapacityMah(), 6),
                UNIT_MILLIAMPERE_HOUR);
        samples.incrementAndGet();
    }

    private void publishSummary(CycleSummary s) {
        Instant time = instantAt(s.endTimeS());
        int cycle = s.cycle();
        publisher.publishScalar(CYCLE_DISCHARGE_CAPACITY, nextId(cycle), time, significant(s.dischargeCapacityMah(), 6),
                UNIT_MILLIAMPERE_HOUR);
        publisher.publishScalar(CYCLE_CHARGE_CAPACITY, nextId(cycle), time, significant(s.chargeCapacityMah(), 6),
                UNIT_MILLIAMPERE_HOUR);
        if (Double.isFinite(s.coulombicEfficiency())) {
            publisher.publishScalar(CYCLE_COULOMBIC_EFFICIENCY, nextId(cycle), time,
                    significant(100 * s.coulombicEfficiency(), 6), UNIT_PERCENT);
        }
        publisher.publishScalar(CYCLE_DISCHARGE_ENERGY, nextId(cycle), time, significant(s.dischargeEnergyWh(), 6),
                UNIT_WATT_HOUR);
    }

    private Instant instantAt(double simulatedS) {
        return startedAt.plusNanos(Math.round(simulatedS / options.speedUp() * 1e9));
    }

    private String nextId(int cycle) {
        return idPrefix + cycle + "-" + sequence.incrementAndGet();
    }

    /** Rounds to a number of significant digits, the resolution a cycler's log would show. */
    static double significant(double value, int digits) {
        if (value == 0 || !Double.isFinite(value)) {
            return value;
        }
        int magnitude = (int) Math.floor(Math.log10(Math.abs(value)));
        int decimals = digits - 1 - magnitude;
        if (decimals >= 0) {
            double scale = Math.pow(10, decimals);
            return Math.round(value * scale) / scale;
        }
        double scale = Math.pow(10, -decimals);
        return Math.round(value / scale) * scale;
    }

    /**
     * How to run the simulated cycler. Start from {@link #defaults(String)} or {@link #builder(String)}.
     *
     * @param brokerUrl    MQTT broker, e.g. {@code tcp://localhost:1883}
     * @param instrumentId second topic level and reading-id prefix
     * @param clientId     MQTT client id
     * @param cycles       number of charge/discharge cycles to run, at least 1
     * @param speedUp      simulated seconds per wall-clock second, at least 1
     * @param tickInterval wall-clock time between two publications of the samples that fell due
     * @param cell         the cell under test
     * @param protocol     the cycling protocol
     * @param seed         seed of the measurement noise
     */
    public record Options(String brokerUrl, String instrumentId, String clientId, int cycles, double speedUp,
                          Duration tickInterval, LfpCell cell, CyclingProtocol protocol, long seed) {

        /** Cycles of the default options. */
        public static final int DEFAULT_CYCLES = 100;
        /** Speed-up of the default options: a C/10 cycle of about 20 h takes 2 minutes. */
        public static final double DEFAULT_SPEED_UP = 600.0;

        /** Checks that nothing is missing and that cycles, speed-up and interval are positive. */
        public Options {
            Objects.requireNonNull(brokerUrl, "brokerUrl");
            Objects.requireNonNull(instrumentId, "instrumentId");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(tickInterval, "tickInterval");
            Objects.requireNonNull(cell, "cell");
            Objects.requireNonNull(protocol, "protocol");
            if (cycles < 1) {
                throw new IllegalArgumentException("cycles must be at least 1, was " + cycles);
            }
            if (!(speedUp >= 1) || Double.isInfinite(speedUp)) {
                throw new IllegalArgumentException("speed-up must be at least 1 and finite, was " + speedUp);
            }
            if (tickInterval.isNegative() || tickInterval.isZero()) {
                throw new IllegalArgumentException("tick interval must be positive, was " + tickInterval);
            }
            if (clientId.isBlank()) {
                throw new IllegalArgumentException("client id must not be blank");
            }
        }

        /**
         * Defaults: {@value BatteryCyclerMqtt#DEFAULT_INSTRUMENT_ID}, client id {@code labhub-sim-CYCLER-1},
         * {@value #DEFAULT_CYCLES} cycles at 600×, a tick a second, a {@link LfpCell#coinCell() coin cell} under
         * {@link CyclingProtocol#defaults()} (C/10 between 2.5 and 4.0 V, a sample every 30 s), seed 42.
         */
        public static Options defaults(String brokerUrl) {
            return builder(brokerUrl).build();
        }

        /** A builder starting from the defaults. */
        public static Builder builder(String brokerUrl) {
            return new Builder(brokerUrl);
        }

        /** Builds {@link Options}; the client id follows the instrument id unless set explicitly. */
        public static final class Builder {
            private final String brokerUrl;
            private String instrumentId = DEFAULT_INSTRUMENT_ID;
            private String clientId;
            private int cycles = DEFAULT_CYCLES;
            private double speedUp = DEFAULT_SPEED_UP;
            private Duration tickInterval = Duration.ofSeconds(1);
            private LfpCell cell = LfpCell.coinCell();
            private CyclingProtocol protocol = CyclingProtocol.defaults();
            private long seed = 42L;

            private Builder(String brokerUrl) {
                this.brokerUrl = Objects.requireNonNull(brokerUrl, "brokerUrl");
            }

            /** Instrument id, e.g. {@code CYCLER-2}. */
            public Builder instrumentId(String value) {
                this.instrumentId = value;
                return this;
            }

            /** MQTT client id; default {@code labhub-sim-<instrumentId>}. */
            public Builder clientId(String value) {
                this.clientId = value;
                return this;
            }

            /** Number of cycles to run. */
            public Builder cycles(int value) {
                this.cycles = value;
                return this;
            }

            /** Simulated seconds per wall-clock second. */
            public Builder speedUp(double value) {
                this.speedUp = value;
                return this;
            }

            /** Wall-clock time between two publications. */
            public Builder tickInterval(Duration value) {
                this.tickInterval = value;
                return this;
            }

            /** The cell under test. */
            public Builder cell(LfpCell value) {
                this.cell = value;
                return this;
            }

            /** The cycling protocol. */
            public Builder protocol(CyclingProtocol value) {
                this.protocol = value;
                return this;
            }

            /** Seed of the measurement noise. */
            public Builder seed(long value) {
                this.seed = value;
                return this;
            }

            /** The options. */
            public Options build() {
                String id = clientId != null ? clientId : "labhub-sim-" + instrumentId;
                return new Options(brokerUrl, instrumentId, id, cycles, speedUp, tickInterval, cell, protocol, seed);
            }
        }
    }
}
