package org.nanoos.labhub.simulator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * The standalone simulator: runs the simulated CVD reactor against a broker until Ctrl-C.
 *
 * <pre>
 * java -jar simulator/target/labhub-simulator-0.1.0-SNAPSHOT-all.jar --broker tcp://localhost:1883 \
 *      --instrument cvd-1 --speedup 60 --interval 1s
 * </pre>
 */
public final class SimulatorMain {

    private static final String USAGE = """
            usage: SimulatorMain [--broker tcp://host:port] [--instrument cvd-1] [--client-id id]
                                 [--speedup 60] [--interval 1s] [--seed 42]
              --broker      MQTT broker URL (default tcp://localhost:1883)
              --instrument  instrument id, the second topic level (default cvd-1)
              --client-id   MQTT client id (default labhub-sim-<instrument>)
              --speedup     simulated seconds per wall-clock second (default 60)
              --interval    wall-clock publish interval: 500ms, 1s, 2m or ISO-8601 PT1S (default 1s)
              --seed        seed of the process noise (default 42)
            """;

    private SimulatorMain() {
    }

    /** Parses the arguments, starts the simulator and blocks until the JVM is asked to stop. */
    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-simulator.xml");
        }
        SimulatorOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(USAGE);
            return;
        }
        Simulator simulator = Simulator.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        LoggerFactory.getLogger(SimulatorMain.class).info("running; press Ctrl-C to stop");
        stopped.await();
    }

    /** The options the arguments ask for, or null if they ask for help. */
    static SimulatorOptions parse(String[] args) {
        String broker = "tcp://localhost:1883";
        String instrument = SimulatorOptions.DEFAULT_INSTRUMENT_ID;
        String clientId = null;
        double speedUp = SimulatorOptions.DEFAULT_SPEED_UP;
        Duration interval = SimulatorOptions.DEFAULT_PUBLISH_INTERVAL;
        long seed = SimulatorOptions.DEFAULT_SEED;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
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
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        SimulatorOptions.Builder builder = SimulatorOptions.builder(broker).instrumentId(instrument)
                .speedUp(speedUp).publishInterval(interval).seed(seed);
        if (clientId != null) {
            builder.clientId(clientId);
        }
        return builder.build();
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
}
