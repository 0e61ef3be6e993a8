package org.nanoos.labhub.simulator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.nanoos.labhub.simulator.cvdtool.CvdToolServer;
import org.nanoos.labhub.simulator.instruments.BatteryCyclerMqtt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone simulator: runs the simulated CVD reactor against a broker until Ctrl-C, either its recipe back to
 * back or, with {@code --cvd-rest-port}, one recipe per request of its REST API; with {@code --cycler-commands} also
 * a battery cycler that waits for start commands over MQTT.
 *
 * <pre>
 * java -jar simulator/target/labhub-simulator-0.1.0-SNAPSHOT-all.jar --broker tcp://localhost:1883 \
 *      --instrument cvd-1 --speedup 60 --interval 1s
 * LABHUB_CVD_TOKEN=s3cret java -jar simulator/target/labhub-simulator-0.1.0-SNAPSHOT-all.jar \
 *      --cvd-rest-port 8091 --cvd-rest-token-env LABHUB_CVD_TOKEN --cycler-commands
 * </pre>
 */
public final class SimulatorMain {

    private static final String USAGE = """
            usage: SimulatorMain [--broker tcp://host:port] [--instrument cvd-1] [--client-id id]
                                 [--speedup 60] [--interval 1s] [--seed 42]
                                 [--cvd-rest-port 8091 [--cvd-rest-bind 127.0.0.1] [--cvd-rest-token-env NAME]]
                                 [--no-cvd] [--cycler-commands [--cycler-id CYCLER-1]]
              --broker              MQTT broker URL (default tcp://localhost:1883)
              --instrument          CVD instrument id, the second topic level (default cvd-1)
              --client-id           MQTT client id of the CVD reactor (default labhub-sim-<instrument>)
              --speedup             simulated seconds per wall-clock second of the CVD reactor (default 60;
                                    the default of a REST run)
              --interval            wall-clock publish interval: 500ms, 1s, 2m or ISO-8601 PT1S (default 1s)
              --seed                seed of the process noise (default 42)
              --cvd-rest-port       run the CVD reactor one recipe per REST request (POST /api/runs) on this
                                    port, 0 for any free one, instead of its recipe back to back
              --cvd-rest-bind       address the REST API listens on (default 127.0.0.1)
              --cvd-rest-token-env  environment variable holding the bearer token the REST API requires
                                    (default: no token)
              --no-cvd              run no CVD reactor
              --cycler-commands     also run a battery cycler that waits for start/abort commands on
                                    labhub/instruments/<cycler id>/command
              --cycler-id           instrument id of that battery cycler (default CYCLER-1)
            """;

    private SimulatorMain() {
    }

    /** Parses the arguments, starts what they ask for and blocks until the JVM is asked to stop. */
    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-simulator.xml");
        }
        Launch launch;
        try {
            launch = parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (launch == null) {
            System.out.print(USAGE);
            return;
        }
        Logger log = LoggerFactory.getLogger(SimulatorMain.class);
        List<AutoCloseable> running = new ArrayList<>();
        try {
            switch (launch.cvd()) {
                case CONTINUOUS -> running.add(Simulator.start(launch.options()));
                case REST -> {
                    CvdToolServer server = CvdToolServer.start(launch.options(), launch.rest());
                    running.add(server);
                    log.info("CVD tool API: {}{}", server.baseUri(), CvdToolServer.RUNS_PATH);
                }
                case OFF -> log.info("no CVD reactor");
            }
            if (launch.cyclerId() != null) {
                running.add(new BatteryCyclerMqtt(BatteryCyclerMqtt.Options.builder(launch.options().brokerUrl())
                        .instrumentId(launch.cyclerId()).autoStart(false).build()).start());
            }
        } catch (RuntimeException e) {
            log.error("cannot start the simulator: {}", e.getMessage());
            closeAll(running);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(running);
            stopped.countDown();
        }, "simulator-shutdown"));
        log.info("running; press Ctrl-C to stop");
        stopped.await();
    }

    /**
     * What the arguments ask for, or null if they ask for help.
     *
     * @param env the environment, where {@code --cvd-rest-token-env} looks the token up
     * @throws IllegalArgumentException naming the option that is unknown, lacks its value or has a bad one
     */
    static Launch parse(String[] args, Map<String, String> env) {
        String broker = "tcp://localhost:1883";
        String instrument = SimulatorOptions.DEFAULT_INSTRUMENT_ID;
        String clientId = null;
        double speedUp = SimulatorOptions.DEFAULT_SPEED_UP;
        Duration interval = SimulatorOptions.DEFAULT_PUBLISH_INTERVAL;
        long seed = SimulatorOptions.DEFAULT_SEED;
        Integer restPort = null;
        String restBind = CvdToolServer.Options.DEFAULT_BIND_ADDRESS;
        String tokenEnv = null;
        boolean noCvd = false;
        boolean cycler = false;
        String cyclerId = BatteryCyclerMqtt.DEFAULT_INSTRUMENT_ID;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--no-cvd" -> noCvd = true;
                case "--cycler-commands" -> cycler = true;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("missing value after " + arg);
                    }
                    String value = args[++i];
                    switch (arg) {
                        case "--broker" -> broker = value;
                        case "--instrument" -> instrument = value;
                        case "--client-id" -> clientId = value;
                        case "--speedup" -> speedUp = parseNumber(arg, value);
                        case "--interval" -> interval = parseDuration(value);
                        case "--seed" -> seed = (long) parseNumber(arg, value);
                        case "--cvd-rest-port" -> restPort = parsePort(arg, value);
                        case "--cvd-rest-bind" -> restBind = value;
                        case "--cvd-rest-token-env" -> tokenEnv = value;
                        case "--cycler-id" -> cyclerId = value;
                        default -> throw new IllegalArgumentException("unknown option " + arg);
                    }
                }
            }
        }
        SimulatorOptions.Builder builder = SimulatorOptions.builder(broker).instrumentId(instrument)
                .speedUp(speedUp).publishInterval(interval).seed(seed);
        if (clientId != null) {
            builder.clientId(clientId);
        }
        if (noCvd && restPort != null) {
            throw new IllegalArgumentException("--no-cvd and --cvd-rest-port contradict each other");
        }
        if (restPort == null && (tokenEnv != null || !restBind.equals(CvdToolServer.Options.DEFAULT_BIND_ADDRESS))) {
            throw new IllegalArgumentException("--cvd-rest-bind and --cvd-rest-token-env need --cvd-rest-port");
        }
        CvdToolServer.Options rest = null;
        if (restPort != null) {
            String token = null;
            if (tokenEnv != null) {
                token = env.get(tokenEnv);
                if (token == null || token.isBlank()) {
                    throw new IllegalArgumentException("--cvd-rest-token-env: environment variable " + tokenEnv
                            + " is not set or empty");
                }
            }
            rest = CvdToolServer.Options.builder().bindAddress(restBind).port(restPort).token(token).build();
        }
        CvdMode mode = noCvd ? CvdMode.OFF : restPort != null ? CvdMode.REST : CvdMode.CONTINUOUS;
        if (mode == CvdMode.OFF && !cycler) {
            throw new IllegalArgumentException("--no-cvd without --cycler-commands leaves nothing to run");
        }
        return new Launch(builder.build(), mode, rest, cycler ? cyclerId : null);
    }

    /** Parses {@code 500ms}, {@code 1s}, {@code 1.5s}, {@code 2m}, {@code 1h} or an ISO-8601 duration. */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(text.trim());
            }
            if (t.endsWith("ms")) {
                return Duration.ofNanos(Math.round(Double.parseDouble(t.substring(0, t.length() - 2)) * 1e6));
            }
            double scale = switch (t.charAt(t.length() - 1)) {
                case 's' -> 1.0;
                case 'm' -> 60.0;
                case 'h' -> 3600.0;
                default -> throw new IllegalArgumentException("'" + text + "' is not a duration (500ms, 1s, 2m, PT1S)");
            };
            return Duration.ofNanos(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * scale * 1e9));
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (500ms, 1s, 2m, PT1S)", e);
        }
    }

    private static double parseNumber(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + value + "'", e);
        }
    }

    private static int parsePort(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a port from 0 to 65535, got '" + value + "'");
    }

    private static void closeAll(List<AutoCloseable> running) {
        List<AutoCloseable> reversed = new ArrayList<>(running);
        Collections.reverse(reversed);
        for (AutoCloseable closeable : reversed) {
            try {
                closeable.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(SimulatorMain.class).warn("closing {} failed: {}", closeable, e.getMessage());
            }
        }
    }

    /** How the CVD reactor runs. */
    enum CvdMode {
        /** Its recipe back to back ({@link Simulator}). */
        CONTINUOUS,
        /** One recipe per REST request ({@link CvdToolServer}). */
        REST,
        /** Not at all. */
        OFF
    }

    /**
     * What to start.
     *
     * @param options  the CVD reactor's options; their broker is also the cycler's
     * @param cvd      how the CVD reactor runs
     * @param rest     where its REST API listens, for {@link CvdMode#REST}; otherwise null
     * @param cyclerId instrument id of the commanded battery cycler, or null for none
     */
    record Launch(SimulatorOptions options, CvdMode cvd, CvdToolServer.Options rest, String cyclerId) {

        Launch {
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(cvd, "cvd");
        }
    }
}
