package org.nanoos.labhub.simulator.instruments;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.nanoos.labhub.simulator.RunState;
import org.nanoos.labhub.simulator.battery.BatteryCycler;
import org.nanoos.labhub.simulator.battery.CycleSummary;
import org.nanoos.labhub.simulator.battery.CyclerSample;
import org.nanoos.labhub.simulator.battery.CyclingProtocol;
import org.nanoos.labhub.simulator.battery.LfpCell;
import org.nanoos.labhub.simulator.battery.Step;
import org.nanoos.labhub.simulator.json.Json;
import org.nanoos.labhub.simulator.mqtt.InboundMessage;
import org.nanoos.labhub.simulator.mqtt.MqttInstrumentPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated battery cycler publishing over MQTT 5, with a command interface through which the hub starts and
 * aborts runs: a {@link BatteryCycler} runs an {@link LfpCell} through constant-current cycles in sped-up time on a
 * scheduled thread, and every logged sample and every cycle's summary goes out through a
 * {@link MqttInstrumentPublisher} (QoS 1, the hub's JSON, UCUM units).
 *
 * <p>Data topics ({@code <id>} = instrument id, {@value #DEFAULT_INSTRUMENT_ID} by default): per sample
 * {@code lab/<id>/cell/voltage} ({@code V}), {@code lab/<id>/cell/current} ({@code mA}, positive on charge) and
 * {@code lab/<id>/cell/capacity} ({@code mA.h}, charge passed since the step began), {@code lab/<id>/cell/test_time} ({@code s}, the run's own clock); per cycle, after its discharge,
 * {@code lab/<id>/cycle/discharge_capacity} and {@code lab/<id>/cycle/charge_capacity} ({@code mA.h}),
 * {@code lab/<id>/cycle/coulombic_efficiency} ({@code %}) and {@code lab/<id>/cycle/discharge_energy}
 * ({@code W.h}). A reading's time is the wall-clock instant of its simulated time, {@code start + t / speedUp}, so
 * the stream is a time-lapse of the run.
 *
 * <p>Control ({@link #commandTopic(String)}, {@link #stateTopic(String)}): the cycler subscribes at QoS 1 to
 * {@code labhub/instruments/<id>/command} and takes UTF-8 JSON commands
 * {@code {"command":"start","run":"<hub run id>","parameters":{"cycles":3,"speedUp":10000,"chargeCRate":1,
 * "dischargeCRate":1}}} (every parameter optional, defaults from the {@link Options}) and
 * {@code {"command":"abort","run":"<hub run id>"}}. It answers each on the command's MQTT 5 Response Topic with its
 * Correlation Data: {@code {"run":…,"accepted":true,"externalId":"<the cycler's run id>"}} or
 * {@code {"run":…,"accepted":false,"error":"<reason>"}}; a command without a response topic is ignored with a log
 * line. Run states go, retained, to {@code labhub/instruments/<id>/state}:
 * {@code {"run":…,"externalId":…,"state":"RUNNING"|"DONE"|"ABORTED"|"FAILED","progress":0..1,"time":"<ISO-8601>",
 * "message":…}}, with every key always present ({@code run} is null for a run started by {@link Options#autoStart()},
 * {@code message} null when there is nothing to say): at the start, every {@link Options#stateInterval()} while
 * running, and once at the end — {@code DONE} after the last cycle's summary, {@code ABORTED} after the samples taken
 * up to the abort. Progress is the cycles done plus the charge passed in the cycle in progress, over the cycles asked
 * for. Each run puts a freshly assembled cell on the channel (cycle 1, noise seed {@code seed + run number − 1});
 * the cell of an earlier run does not carry its ageing over.
 *
 * <pre>{@code
 * try (var cycler = new BatteryCyclerMqtt(BatteryCyclerMqtt.Options.builder("tcp://localhost:1883")
 *         .autoStart(false).build()).start()) {
 *     // mosquitto_pub -V mqttv5 -t labhub/instruments/CYCLER-1/command -D publish response-topic hub/replies \
 *     //     -m '{"command":"start","run":"r-1","parameters":{"cycles":2}}'
 *     // mosquitto_sub -t 'lab/CYCLER-1/#' -t 'labhub/instruments/CYCLER-1/state' -v
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
    /** Quantity path of the test time, s since the run began (the cycler's own clock, not compressed). */
    public static final String CELL_TEST_TIME = "cell/test_time";
    /** UCUM code of second. */
    public static final String UNIT_SECOND = "s";
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
    /** Start command: {@code "command":"start"}. */
    public static final String COMMAND_START = "start";
    /** Abort command: {@code "command":"abort"}. */
    public static final String COMMAND_ABORT = "abort";
    /** Longest run id a command may carry. */
    public static final int MAX_RUN_ID_LENGTH = 200;
    /** Largest command payload, bytes. */
    public static final int MAX_COMMAND_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(BatteryCyclerMqtt.class);
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(5);
    private static final Set<String> START_FIELDS = Set.of("command", "run", "parameters");
    private static final Set<String> ABORT_FIELDS = Set.of("command", "run");

    private final Options options;
    private final MqttInstrumentPublisher publisher;
    private final Clock clock = Clock.systemUTC();
    private final String session;
    private final String idPrefix;
    private final String commandTopic;
    private final String stateTopic;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean closed;
    private volatile RunStatus status;
    private volatile int cyclesCompleted;
    /** Runs started so far; touched on the scheduler thread only. */
    private int runsStarted;
    /** The run in progress or the last one; touched on the scheduler thread only. */
    private Run run;

    /**
     * A cycler about to start; nothing runs or connects until {@link #start()}.
     *
     * @throws IllegalArgumentException if the broker URL or instrument id is malformed, or the protocol's charge
     *                                  current cannot overcome the cell's parasitic current
     */
    public BatteryCyclerMqtt(Options options) {
        this.options = Objects.requireNonNull(options, "options");
        // fail now rather than at the first run: the same check the cycler of every run makes
        BatteryCycler.create(options.cell(), options.protocol(), options.seed());
        this.publisher = new MqttInstrumentPublisher(options.brokerUrl(), options.clientId(), options.instrumentId());
        this.session = Long.toString(clock.millis(), 36);
        this.idPrefix = options.instrumentId() + "-" + session + "-";
        this.commandTopic = commandTopic(options.instrumentId());
        this.stateTopic = stateTopic(options.instrumentId());
    }

    /** The topic a cycler with this id takes commands on: {@code labhub/instruments/<id>/command}. */
    public static String commandTopic(String instrumentId) {
        return "labhub/instruments/" + instrumentId + "/command";
    }

    /** The topic a cycler with this id publishes its run states on, retained: {@code labhub/instruments/<id>/state}. */
    public static String stateTopic(String instrumentId) {
        return "labhub/instruments/" + instrumentId + "/state";
    }

    /**
     * Connects to the broker and subscribes to the command topic (waiting up to 5 s for both, then retrying in the
     * background) and, if {@link Options#autoStart()}, starts one run with the options' cycles, speed-up and protocol.
     *
     * @return this cycler
     * @throws IllegalStateException if already started or closed
     */
    public synchronized BatteryCyclerMqtt start() {
        if (closed || scheduler != null) {
            throw new IllegalStateException("cycler " + options.instrumentId() + " was already "
                    + (closed ? "closed" : "started"));
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cycler-" + options.instrumentId());
            t.setDaemon(true);
            return t;
        });
        publisher.subscribe(commandTopic, this::onCommand);
        publisher.connectInBackground();
        try {
            // once subscribed, a command published after start() returns reaches the cycler
            if (!publisher.awaitSubscribed(CONNECT_WAIT)) {
                LOG.warn("MQTT broker {} not reachable yet; cycler '{}' runs and keeps trying", options.brokerUrl(),
                        options.instrumentId());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (options.autoStart()) {
            scheduler.execute(() -> {
                startRun(null, CyclerRunRequest.of(options));
                publishState(run);
            });
        }
        LOG.info("simulated battery cycler '{}' started{}, commands on {}, states on {}, to {}",
                options.instrumentId(), options.autoStart() ? " with a run of " + options.cycles() + " cycles at "
                        + options.protocol().chargeCRate() + " C / " + options.protocol().dischargeCRate() + " C, "
                        + options.speedUp() + "x speed-up" : " idle", commandTopic, stateTopic, options.brokerUrl());
        return this;
    }

    /** The options it runs with. */
    public Options options() {
        return options;
    }

    /** The topic it takes commands on. */
    public String commandTopic() {
        return commandTopic;
    }

    /** The topic it publishes run states on. */
    public String stateTopic() {
        return stateTopic;
    }

    /** The last state published, of the run in progress or the last one; empty before the first run. */
    public Optional<RunStatus> status() {
        return Optional.ofNullable(status);
    }

    /** Cycles completed, and their summaries published, in the run in progress or the last one. */
    public int cyclesCompleted() {
        return cyclesCompleted;
    }

    /** Samples published so far, over all runs (each as voltage, current and capacity). */
    public long samplesPublished() {
        return samples.get();
    }

    /** Whether the last run has ended (done, aborted or failed) and no other is going. */
    public boolean isFinished() {
        RunStatus s = status;
        return s != null && s.state().isFinal();
    }

    /** Whether the MQTT client is connected right now. */
    public boolean isConnected() {
        return publisher.isConnected();
    }

    /**
     * Aborts a run in progress (state {@code ABORTED}, message {@code cycler shut down}), waits for a tick in progress,
     * and disconnects from the broker. Idempotent.
     */
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
            try {
                running.execute(this::shutDownRun);
            } catch (RejectedExecutionException e) {
                LOG.debug("cycler '{}' scheduler already stopped", options.instrumentId());
            }
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
        LOG.info("simulated battery cycler '{}' stopped", options.instrumentId());
    }

    /** On the MQTT callback thread: hands the command to the scheduler thread, which owns all run state. */
    private void onCommand(InboundMessage message) {
        try {
            scheduler.execute(() -> handleCommand(message));
        } catch (RejectedExecutionException e) {
            LOG.info("cycler '{}' is shutting down; command on {} ignored", options.instrumentId(), message.topic());
        }
    }

    private void handleCommand(InboundMessage message) {
        String replyTo = message.responseTopic();
        if (replyTo == null || replyTo.isEmpty()) {
            LOG.warn("cycler '{}': command on {} has no MQTT 5 response topic; ignored", options.instrumentId(),
                    message.topic());
            return;
        }
        Map<String, Object> command;
        try {
            command = Json.parseObject(utf8(message.payload()));
        } catch (IllegalArgumentException e) {
            reply(message, null, null, "malformed command: " + e.getMessage());
            return;
        }
        String hubRun = command.get("run") instanceof String s && !s.isBlank() && s.length() <= MAX_RUN_ID_LENGTH
                ? s : null;
        try {
            Object name = command.get("command");
            if (name == null) {
                throw new IllegalArgumentException("missing 'command'; expected \"start\" or \"abort\"");
            }
            if (!COMMAND_START.equals(name) && !COMMAND_ABORT.equals(name)) {
                throw new IllegalArgumentException("unknown command " + Json.write(name)
                        + "; expected \"start\" or \"abort\"");
            }
            boolean start = COMMAND_START.equals(name);
            requireFields(command, start ? START_FIELDS : ABORT_FIELDS, (String) name);
            if (hubRun == null) {
                throw new IllegalArgumentException("'run' must be the hub's id of the run: a non-empty string of at "
                        + "most " + MAX_RUN_ID_LENGTH + " characters, was " + Json.write(command.get("run")));
            }
            if (start) {
                String externalId = startCommanded(hubRun, command.get("parameters"));
                reply(message, hubRun, externalId, null);
                publishState(run);
            } else {
                Run aborted = abortCommanded(hubRun);
                reply(message, hubRun, aborted.externalId, null);
                publishState(aborted);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.info("cycler '{}' rejected a command for run {}: {}", options.instrumentId(), hubRun, e.getMessage());
            reply(message, hubRun, null, e.getMessage());
        }
    }

    private String startCommanded(String hubRun, Object parameters) {
        if (run != null && run.state == RunState.RUNNING) {
            throw new IllegalStateException("busy: running " + run.externalId);
        }
        if (parameters != null && !(parameters instanceof Map)) {
            throw new IllegalArgumentException("'parameters' must be a JSON object, was " + Json.write(parameters));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = parameters == null ? Map.of() : (Map<String, Object>) parameters;
        startRun(hubRun, CyclerRunRequest.parse(values, options));
        return run.externalId;
    }

    private Run abortCommanded(String hubRun) {
        Run current = run;
        if (current == null || current.state != RunState.RUNNING) {
            throw new IllegalStateException("run '" + hubRun + "' is not the current run: the cycler is idle");
        }
        if (!hubRun.equals(current.hubRun) && !hubRun.equals(current.externalId)) {
            throw new IllegalStateException("run '" + hubRun + "' is not the current run; running "
                    + current.externalId + (current.hubRun != null ? " for run '" + current.hubRun + "'" : ""));
        }
        // deliver what was measured up to now first; the run may turn out to have ended meanwhile
        advanceSafely(current);
        if (current.state != RunState.RUNNING) {
            throw new IllegalStateException("run '" + hubRun + "' has already ended: " + current.state);
        }
        end(current, RunState.ABORTED, "aborted on request after " + current.cyclesDone + " of "
                + current.request.cycles() + " cycles");
        return current;
    }

    private void requireFields(Map<String, Object> command, Set<String> known, String name) {
        for (String field : command.keySet()) {
            if (!known.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "' in a " + name + " command; expected "
                        + new TreeSet<>(known));
            }
        }
    }

    private static String utf8(byte[] payload) {
        if (payload.length > MAX_COMMAND_BYTES) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds "
                    + MAX_COMMAND_BYTES);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("payload is not UTF-8 text", e);
        }
    }

    /** Answers a command: accepted with the external id, or rejected with the error. */
    private void reply(InboundMessage command, String hubRun, String externalId, String error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run", hubRun);
        body.put("accepted", error == null);
        if (error == null) {
            body.put("externalId", externalId);
        } else {
            body.put("error", error);
        }
        try {
            if (!publisher.publishJson(command.responseTopic(), Json.writeUtf8(body), false,
                    command.correlationData())) {
                LOG.warn("cycler '{}': reply to run {} on {} was dropped", options.instrumentId(), hubRun,
                        command.responseTopic());
            }
        } catch (IllegalArgumentException e) {
            LOG.warn("cycler '{}': cannot reply on response topic '{}': {}", options.instrumentId(),
                    command.responseTopic(), e.getMessage());
        }
    }

    /** Sets up a run with a fresh cell and starts its ticks and heartbeats; publishes nothing yet. */
    private void startRun(String hubRun, CyclerRunRequest request) {
        CyclingProtocol protocol = options.protocol().withCRates(request.chargeCRate(), request.dischargeCRate());
        BatteryCycler cycler = BatteryCycler.create(options.cell(), protocol, options.seed() + runsStarted);
        runsStarted++;
        Run started = new Run(hubRun, idPrefix + "r" + runsStarted, request, cycler, clock.instant());
        run = started;
        cyclesCompleted = 0;
        long tickNanos = options.tickInterval().toNanos();
        long stateNanos = options.stateInterval().toNanos();
        started.ticks = scheduler.scheduleAtFixedRate(() -> tick(started), 0, tickNanos, TimeUnit.NANOSECONDS);
        started.heartbeats = scheduler.scheduleAtFixedRate(() -> heartbeat(started), stateNanos, stateNanos,
                TimeUnit.NANOSECONDS);
        LOG.info("cycler '{}' run {}{} started: {} cycles at {} C / {} C, {}x speed-up", options.instrumentId(),
                started.externalId, hubRun == null ? "" : " (hub run " + hubRun + ")", request.cycles(),
                request.chargeCRate(), request.dischargeCRate(), request.speedUp());
    }

    private void tick(Run r) {
        if (r.state == RunState.RUNNING && !closed) {
            advanceSafely(r);
        }
    }

    private void heartbeat(Run r) {
        if (r.state == RunState.RUNNING) {
            publishState(r);
        }
    }

    private void shutDownRun() {
        Run r = run;
        if (r != null && r.state == RunState.RUNNING) {
            end(r, RunState.ABORTED, "cycler shut down");
            publishState(r);
        }
    }

    /** Advances the run to now; a failure of the simulation ends the run FAILED instead of killing the schedule. */
    private void advanceSafely(Run r) {
        try {
            advance(r);
        } catch (RuntimeException e) {
            LOG.error("cycler '{}' run {} failed", options.instrumentId(), r.externalId, e);
            end(r, RunState.FAILED, "simulation failed: " + e);
            publishState(r);
        }
    }

    /** Publishes every sample whose simulated time has come, and the summaries of the cycles they complete. */
    private void advance(Run r) {
        double target = Duration.between(r.startedAt, clock.instant()).toNanos() / 1e9 * r.request.speedUp();
        while (!closed) {
            if (r.pending == null) {
                r.pending = r.cycler.next();
            }
            if (r.pending.timeS() > target) {
                return;
            }
            CyclerSample sample = r.pending;
            publishSample(r, sample);
            r.pending = null;
            r.noteProgress(sample);
            for (CycleSummary summary : r.cycler.takeCompletedCycles()) {
                publishSummary(r, summary);
                r.cyclesDone = summary.cycle();
                cyclesCompleted = summary.cycle();
                if (summary.cycle() >= r.request.cycles()) {
                    LOG.info("cycler '{}' run {} finished {} cycles: last discharge {} mAh, coulombic efficiency {} %",
                            options.instrumentId(), r.externalId, summary.cycle(),
                            significant(summary.dischargeCapacityMah(), 4),
                            significant(100 * summary.coulombicEfficiency(), 6));
                    end(r, RunState.DONE, null);
                    publishState(r);
                    return;
                }
            }
        }
    }

    private void end(Run r, RunState state, String message) {
        r.state = state;
        r.message = message;
        if (state == RunState.DONE) {
            r.progress = 1.0;
        }
        r.ticks.cancel(false);
        r.heartbeats.cancel(false);
        if (state != RunState.DONE) {
            LOG.info("cycler '{}' run {} {}: {}", options.instrumentId(), r.externalId, state, message);
        }
    }

    /** Publishes the run's state, retained, and remembers it as {@link #status()}. */
    private void publishState(Run r) {
        RunStatus s = new RunStatus(r.hubRun, r.externalId, r.state, Math.round(r.progress * 1e4) / 1e4,
                clock.instant(), r.message);
        status = s;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run", s.run());
        body.put("externalId", s.externalId());
        body.put("state", s.state());
        body.put("progress", s.progress());
        body.put("time", s.time());
        body.put("message", s.message());
        if (!publisher.publishJson(stateTopic, Json.writeUtf8(body), true, null)) {
            LOG.warn("cycler '{}': state {} of run {} was dropped", options.instrumentId(), s.state(), s.externalId());
        }
    }

    private void publishSample(Run r, CyclerSample s) {
        Instant time = r.instantAt(s.timeS());
        int cycle = s.cycle();
        publisher.publishScalar(CELL_VOLTAGE, nextId(cycle), time, significant(s.voltageV(), 7), UNIT_VOLT);
        publisher.publishScalar(CELL_CURRENT, nextId(cycle), time, significant(s.currentMa(), 6), UNIT_MILLIAMPERE);
        publisher.publishScalar(CELL_CAPACITY, nextId(cycle), time, significant(s.stepCapacityMah(), 6),
                UNIT_MILLIAMPERE_HOUR);
        // the test time as cyclers log it: the run's own clock, which a sped-up run's timestamps compress
        publisher.publishScalar(CELL_TEST_TIME, nextId(cycle), time, significant(s.timeS(), 10), UNIT_SECOND);
        samples.incrementAndGet();
    }

    private void publishSummary(Run r, CycleSummary s) {
        Instant time = r.instantAt(s.endTimeS());
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
     * A run's state as last published on the state topic.
     *
     * @param run        the hub's run id, or null for a run started by {@link Options#autoStart()}
     * @param externalId the cycler's own run id, {@code <instrument>-<session>-r<n>}
     * @param state      where the run stands
     * @param progress   0 to 1: cycles done plus the charge passed in the cycle in progress, over the cycles asked for
     * @param time       wall-clock time of the publication
     * @param message    why it ended, if not DONE; otherwise null
     */
    public record RunStatus(String run, String externalId, RunState state, double progress, Instant time,
                            String message) {
    }

    /** One run: its cycler with a fresh cell, and how far it has got. Touched on the scheduler thread only. */
    private static final class Run {
        final String hubRun;
        final String externalId;
        final CyclerRunRequest request;
        final BatteryCycler cycler;
        final Instant startedAt;
        CyclerSample pending;
        int cyclesDone;
        double progress;
        RunState state = RunState.RUNNING;
        String message;
        ScheduledFuture<?> ticks;
        ScheduledFuture<?> heartbeats;

        Run(String hubRun, String externalId, CyclerRunRequest request, BatteryCycler cycler, Instant startedAt) {
            this.hubRun = hubRun;
            this.externalId = externalId;
            this.request = request;
            this.cycler = cycler;
            this.startedAt = startedAt;
        }

        /** The wall-clock instant of a simulated time of this run. */
        Instant instantAt(double simulatedS) {
            return startedAt.plusNanos(Math.round(simulatedS / request.speedUp() * 1e9));
        }

        /**
         * Progress after a published sample: half a cycle per step, each step's share being the charge passed over
         * the cell's active capacity in that cycle (a full step passes about that much); never backwards, and below 1
         * until the last cycle's summary.
         */
        void noteProgress(CyclerSample sample) {
            double active = cycler.cell().activeCapacityMah(sample.cycle());
            double stepShare = active > 0 ? Math.min(1.0, sample.stepCapacityMah() / active) : 0.0;
            double inCycle = 0.5 * (sample.step() == Step.DISCHARGE ? 1.0 + stepShare : stepShare);
            double cycles = request.cycles();
            double done = Math.min(sample.cycle() - 1 + Math.min(inCycle, 0.999), cycles);
            progress = Math.max(progress, Math.min(done / cycles, 0.9999));
        }
    }

    /**
     * How to run the simulated cycler. Start from {@link #defaults(String)} or {@link #builder(String)}.
     *
     * @param brokerUrl     MQTT broker, e.g. {@code tcp://localhost:1883}
     * @param instrumentId  second topic level and reading-id prefix
     * @param clientId      MQTT client id
     * @param cycles        number of charge/discharge cycles of a run (a command may ask for others), at least 1
     * @param speedUp       simulated seconds per wall-clock second of a run (likewise), at least 1
     * @param tickInterval  wall-clock time between two publications of the samples that fell due
     * @param cell          the cell under test, as assembled at the start of every run
     * @param protocol      the cycling protocol (a command may ask for other C-rates)
     * @param seed          seed of the measurement noise of the first run; run n uses {@code seed + n − 1}
     * @param autoStart     whether {@link BatteryCyclerMqtt#start()} starts one run at once (with these cycles,
     *                      speed-up and protocol, and no hub run id), as the cycler did before it took commands;
     *                      otherwise it waits for a start command
     * @param stateInterval wall-clock time between two state publications of a running run (the heartbeat)
     */
    public record Options(String brokerUrl, String instrumentId, String clientId, int cycles, double speedUp,
                          Duration tickInterval, LfpCell cell, CyclingProtocol protocol, long seed, boolean autoStart,
                          Duration stateInterval) {

        /** Cycles of the default options. */
        public static final int DEFAULT_CYCLES = 100;
        /** Speed-up of the default options: a C/10 cycle of about 20 h takes 2 minutes. */
        public static final double DEFAULT_SPEED_UP = 600.0;

        /** Wall-clock time between two state publications of a running run in the default options. */
        public static final Duration DEFAULT_STATE_INTERVAL = Duration.ofSeconds(1);

        /** Checks that nothing is missing and that cycles, speed-up and intervals are positive. */
        public Options {
            Objects.requireNonNull(brokerUrl, "brokerUrl");
            Objects.requireNonNull(instrumentId, "instrumentId");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(tickInterval, "tickInterval");
            Objects.requireNonNull(cell, "cell");
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(stateInterval, "stateInterval");
            if (cycles < 1) {
                throw new IllegalArgumentException("cycles must be at least 1, was " + cycles);
            }
            if (!(speedUp >= 1) || Double.isInfinite(speedUp)) {
                throw new IllegalArgumentException("speed-up must be at least 1 and finite, was " + speedUp);
            }
            if (tickInterval.isNegative() || tickInterval.isZero()) {
                throw new IllegalArgumentException("tick interval must be positive, was " + tickInterval);
            }
            if (stateInterval.isNegative() || stateInterval.isZero()) {
                throw new IllegalArgumentException("state interval must be positive, was " + stateInterval);
            }
            if (clientId.isBlank()) {
                throw new IllegalArgumentException("client id must not be blank");
            }
        }

        /**
         * Defaults: {@value BatteryCyclerMqtt#DEFAULT_INSTRUMENT_ID}, client id {@code labhub-sim-CYCLER-1},
         * {@value #DEFAULT_CYCLES} cycles at 600×, a tick a second, a {@link LfpCell#coinCell() coin cell} under
         * {@link CyclingProtocol#defaults()} (C/10 between 2.5 and 4.0 V, a sample every 30 s), seed 42, one run
         * started at once ({@code autoStart}), a state every second.
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
            private boolean autoStart = true;
            private Duration stateInterval = DEFAULT_STATE_INTERVAL;

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

            /** Whether {@code start()} starts one run at once (default) or waits for a start command. */
            public Builder autoStart(boolean value) {
                this.autoStart = value;
                return this;
            }

            /** Wall-clock time between two state publications of a running run. */
            public Builder stateInterval(Duration value) {
                this.stateInterval = value;
                return this;
            }

            /** The options. */
            public Options build() {
                String id = clientId != null ? clientId : "labhub-sim-" + instrumentId;
                return new Options(brokerUrl, instrumentId, id, cycles, speedUp, tickInterval, cell, protocol, seed,
                        autoStart, stateInterval);
            }
        }
    }
}
