package org.nanoos.labhub.simulator.opcua;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * The standalone OPC UA server of the simulator, with heating stages, until Ctrl-C.
 *
 * <pre>
 * java -cp simulator/target/labhub-simulator-0.1.0-SNAPSHOT-all.jar \
 *      org.nanoos.labhub.simulator.opcua.OpcUaServerMain --port 4840 --pki-dir pki --stage TS-1
 * </pre>
 *
 * A username/password user comes from the environment ({@code LABHUB_OPCUA_USERNAME},
 * {@code LABHUB_OPCUA_PASSWORD}), as does the key store password ({@code LABHUB_OPCUA_KEYSTORE_PASSWORD}).
 */
public final class OpcUaServerMain {

    /** Environment variable of the optional user name. */
    static final String ENV_USERNAME = "LABHUB_OPCUA_USERNAME";
    /** Environment variable of that user's password. */
    static final String ENV_PASSWORD = "LABHUB_OPCUA_PASSWORD";
    /** Environment variable of the key store password. */
    static final String ENV_KEY_STORE_PASSWORD = "LABHUB_OPCUA_KEYSTORE_PASSWORD";

    private static final String USAGE = """
            usage: OpcUaServerMain [--port 4840] [--bind 127.0.0.1] [--pki-dir pki] [--allow-none | --none-only]
                                   [--trust-all-clients] [--stage TS-1 ...]
              --port               TCP port (default 4840)
              --bind               bind address; 0.0.0.0 for all interfaces (default 127.0.0.1)
              --pki-dir            own certificate, key store, trusted/ and rejected/ certificates (default pki)
              --allow-none         also offer SecurityPolicy None (default: Basic256Sha256 only)
              --none-only          offer SecurityPolicy None only, like an instrument PC without security
              --trust-all-clients  accept any client certificate, for demos (default: only pki/trusted/certs)
              --stage              id of a simulated heating stage; repeat for more (default TS-1)
            environment: LABHUB_OPCUA_USERNAME and LABHUB_OPCUA_PASSWORD add a username/password user,
                         LABHUB_OPCUA_KEYSTORE_PASSWORD protects the key store
            """;

    private OpcUaServerMain() {
    }

    /** Parses the arguments, starts the server and blocks until the JVM is asked to stop. */
    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-simulator.xml");
        }
        Command command;
        try {
            command = parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (command == null) {
            System.out.print(USAGE);
            return;
        }
        List<SimulatedOpcUaInstrument> stages = command.stageIds().stream()
                .<SimulatedOpcUaInstrument>map(TemperatureStageInstrument::new).toList();
        SimulatorOpcUaServer server = new SimulatorOpcUaServer(command.options(), stages).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "opcua-server-shutdown"));
        LoggerFactory.getLogger(OpcUaServerMain.class).info(
                "serving {}; trust clients by copying their DER certificates to {}; this server's certificate is {};"
                        + " press Ctrl-C to stop", server.endpointUrl(), server.trustedCertificatesDir(),
                server.certificateFile());
        stopped.await();
    }

    /**
     * The command the arguments and environment ask for, or null if they ask for help.
     *
     * @throws IllegalArgumentException on an unknown option or a bad value
     */
    static Command parse(String[] args, Map<String, String> env) {
        Path pkiDir = Path.of("pki");
        List<String> stageIds = new ArrayList<>();
        String bind = OpcUaServerOptions.DEFAULT_BIND_ADDRESS;
        int port = OpcUaServerOptions.DEFAULT_PORT;
        boolean allowNone = false;
        boolean noneOnly = false;
        boolean trustAll = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--allow-none" -> allowNone = true;
                case "--none-only" -> noneOnly = true;
                case "--trust-all-clients" -> trustAll = true;
                case "--port", "--bind", "--pki-dir", "--stage" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("missing value after " + arg);
                    }
                    String value = args[++i];
                    switch (arg) {
                        case "--port" -> port = parsePort(value);
                        case "--bind" -> bind = value;
                        case "--pki-dir" -> pkiDir = Path.of(value);
                        default -> stageIds.add(value);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        OpcUaServerOptions.Builder builder = OpcUaServerOptions.builder(pkiDir).bindAddress(bind).port(port)
                .allowNone(allowNone).trustAllClients(trustAll);
        if (noneOnly) {
            builder.securityPolicies(Set.of(SecurityPolicy.None));
        }
        String username = blankToNull(env.get(ENV_USERNAME));
        String password = blankToNull(env.get(ENV_PASSWORD));
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException(ENV_USERNAME + " and " + ENV_PASSWORD + " go together: set both or"
                    + " neither");
        }
        builder.user(username, password);
        String keyStorePassword = blankToNull(env.get(ENV_KEY_STORE_PASSWORD));
        if (keyStorePassword != null) {
            builder.keyStorePassword(keyStorePassword);
        }
        if (stageIds.isEmpty()) {
            stageIds.add("TS-1");
        }
        return new Command(builder.build(), List.copyOf(stageIds));
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number, got '" + value + "'", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * What to run.
     *
     * @param options  the server's options
     * @param stageIds ids of the heating stages to simulate
     */
    record Command(OpcUaServerOptions options, List<String> stageIds) {
    }
}
