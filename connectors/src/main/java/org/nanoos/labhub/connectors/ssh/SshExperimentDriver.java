package org.nanoos.labhub.connectors.ssh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nanoos.labhub.processors.experiments.ExperimentDriver;
import org.nanoos.labhub.processors.experiments.ExperimentRun;
import org.nanoos.labhub.processors.experiments.InstrumentRefusedException;
import org.nanoos.labhub.processors.experiments.InstrumentRunState;
import org.nanoos.labhub.processors.experiments.InstrumentUnreachableException;
import org.nanoos.labhub.processors.experiments.Observation;
import org.nanoos.labhub.processors.experiments.ResultSink;
import org.nanoos.labhub.processors.instruments.Instrument;
import org.nanoos.labhub.processors.model.IngestMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs experiments on an instrument PC over SSH: the instrument's acquisition command is run with the run's
 * parameters (each a separate, single-quoted argument), and when it exits 0 the result files it wrote are pulled by
 * SFTP, stored linked to the run, and the run completes; a non-zero exit fails it with the command's standard error.
 * Cancel closes the command's SSH session, which hangs up the remote process.
 *
 * <p>The instrument's {@code connectionInfo}:
 * <pre>{@code
 * {"host": "xrd-pc", "port": 22, "user": "lab", "privateKeyFile": "/etc/labhub/id_xrd", "knownHosts": "/etc/labhub/known_hosts",
 *  "passphraseEnv": "LABHUB_XRD_KEY_PASSPHRASE",                      // optional
 *  "remoteDirectory": "C:/Data/XRD", "patterns": "*.xy,*.csv", "quantity": "xrd.pattern", "xUnit": "deg", "yUnit": "{counts}",
 *  "command": ["xrd-acquire", "--sample", "{sample}", "--out", "scan-{runId}.xy"],
 *  "commandTimeoutSeconds": 3600}
 * }</pre>
 * References {@code {name}} in the command's arguments are replaced by the run's parameter of that name;
 * {@code {runId}} is the hub's run id. A parameter value must be a string, number or boolean of printable
 * characters that does not begin with {@code -} (so it can never become an option of the remote program); a
 * reference without a parameter, or a parameter no reference uses, refuses the run. The command never passes
 * through a shell unquoted: see {@link ShellCommand}.
 *
 * <p>The run's state lives in this hub's memory while the command runs: a hub restarted meanwhile no longer hears
 * from the command, and the run fails after its silence timeout.
 */
public final class SshExperimentDriver implements ExperimentDriver, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SshExperimentDriver.class);
    private static final Pattern PARAMETER_REFERENCE = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]{0,63})}");
    private static final int MAX_OUTPUT_CHARS = 4000;

    private final SshResultCollector collector;
    private final ResultSink sink;
    private final ObjectMapper json;
    private final Clock clock;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "labhub-ssh-run");
        t.setDaemon(true);
        return t;
    });
    private final Map<UUID, Running> running = new ConcurrentHashMap<>();

    public SshExperimentDriver(SshResultCollector collector, ResultSink sink, ObjectMapper json, Clock clock) {
        this.collector = collector;
        this.sink = sink;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Instrument.AdapterType adapterType() {
        return Instrument.AdapterType.SSH;
    }

    @Override
    public void checkConfiguration(Instrument instrument) {
        Settings.of(instrument.connectionInfo());
    }

    @Override
    public String start(Instrument instrument, ExperimentRun run)
            throws InstrumentRefusedException, InstrumentUnreachableException {
        Settings s = Settings.of(instrument.connectionInfo());
        List<String> argv = argv(s.command(), run);
        try {
            ShellCommand.build(argv);
        } catch (IllegalArgumentException e) {
            throw new InstrumentRefusedException("the command cannot be built: " + e.getMessage());
        }
        SshInstrumentClient client = new SshInstrumentClient(s.config());
        try {
            client.connect();
        } catch (SshConnectException e) {
            client.close();
            throw new InstrumentUnreachableException(e.getMessage(), e);
        }
        Running r = new Running(client);
        running.put(run.id(), r);
        r.future = executor.submit(() -> execute(instrument, run, s, argv, r));
        LOG.info("Run {} on {}: {}", run.id(), instrument.id(), String.join(" ", argv));
        return run.id().toString();
    }

    private Outcome execute(Instrument instrument, ExperimentRun run, Settings s, List<String> argv, Running r)
            throws Exception {
        try {
            SshCommandResult result = r.client.run(argv, s.config().commandTimeout());
            if (!result.succeeded()) {
                return new Outcome(result, 0, 0);
            }
            List<Object> items = new ArrayList<>();
            int files = 0;
            int refused = 0;
            for (Object o : collector.poll(s.config(), instrument.id(), s.quantity(), s.xUnit(), s.yUnit())) {
                if (o instanceof IngestMessage m) {
                    items.add(m.forRun(run.id()));
                    files++;
                } else {
                    items.add(o);
                    refused++;
                }
            }
            if (!items.isEmpty()) {
                sink.store(items);
            }
            return new Outcome(result, files, refused);
        } finally {
            r.client.close();
        }
    }

    @Override
    public Observation poll(Instrument instrument, ExperimentRun run) throws InstrumentUnreachableException {
        Running r = running.get(run.id());
        if (r == null) {
            throw new InstrumentUnreachableException("this hub is not running the command of run " + run.id()
                    + " (was the hub restarted while it ran?)");
        }
        if (!r.future.isDone()) {
            return Observation.running(null, clock.instant());
        }
        running.remove(run.id());
        try {
            Outcome o = r.future.get();
            ObjectNode results = json.createObjectNode();
            results.put("exitCode", o.result().exitCode());
            results.put("stdout", tail(o.result().stdout()));
            results.put("resultFiles", o.files());
            results.put("refusedFiles", o.refused());
            if (!o.result().succeeded()) {
                return new Observation(InstrumentRunState.FAILED, null, clock.instant(), "the command exited with "
                        + o.result().exitCode() + ": " + tail(o.result().stderr()).strip(), results);
            }
            return new Observation(InstrumentRunState.DONE, 1.0, clock.instant(), o.files() + " result file(s)",
                    results);
        } catch (CancellationException e) {
            return new Observation(InstrumentRunState.ABORTED, null, clock.instant(), "cancelled", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstrumentUnreachableException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Observation(InstrumentRunState.FAILED, null, clock.instant(),
                    cause instanceof SshCommandTimeoutException ? cause.getMessage()
                            : "the command could not be carried out: " + cause.getMessage(), null);
        }
    }

    @Override
    public void abort(Instrument instrument, ExperimentRun run) throws InstrumentRefusedException {
        Running r = running.remove(run.id());
        if (r == null || r.future.isDone()) {
            throw new InstrumentRefusedException("the command of run " + run.id() + " is not running");
        }
        r.future.cancel(true);
        r.client.close();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        running.values().forEach(r -> r.client.close());
    }

    private static List<String> argv(List<String> template, ExperimentRun run) throws InstrumentRefusedException {
        Set<String> used = new LinkedHashSet<>();
        List<String> argv = new ArrayList<>(template.size());
        for (String arg : template) {
            Matcher m = PARAMETER_REFERENCE.matcher(arg);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                String value;
                if ("runId".equals(name)) {
                    value = run.id().toString();
                } else {
                    JsonNode v = run.parameters().get(name);
                    if (v == null || v.isNull()) {
                        throw new InstrumentRefusedException("the command needs the parameter '" + name + "'");
                    }
                    if (!(v.isTextual() || v.isNumber() || v.isBoolean())) {
                        throw new InstrumentRefusedException("parameter '" + name + "' must be a string, number or "
                                + "boolean");
                    }
                    value = v.asText();
                    if (value.isEmpty() || value.startsWith("-")) {
                        throw new InstrumentRefusedException("parameter '" + name + "' must not be empty or begin "
                                + "with '-'");
                    }
                    used.add(name);
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            argv.add(out.toString());
        }
        for (Iterator<String> names = run.parameters().fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!used.contains(name)) {
                throw new InstrumentRefusedException("parameter '" + name + "' is not used by the instrument's "
                        + "command " + template);
            }
        }
        return argv;
    }

    private static String tail(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= MAX_OUTPUT_CHARS ? s : "…" + s.substring(s.length() - MAX_OUTPUT_CHARS);
    }

    private static final class Running {
        final SshInstrumentClient client;
        volatile Future<Outcome> future;

        Running(SshInstrumentClient client) {
            this.client = client;
        }
    }

    private record Outcome(SshCommandResult result, int files, int refused) {
    }

    /** An instrument's SSH settings, from its connection info; every field checked. */
    record Settings(SshInstrumentConfig config, List<String> command, String quantity, String xUnit, String yUnit) {

        static Settings of(JsonNode info) {
            if (info == null || !info.isObject()) {
                throw new IllegalArgumentException("connectionInfo must be an object");
            }
            String patterns = text(info, "patterns", "*.xy,*.csv");
            long timeout = info.has("commandTimeoutSeconds") ? info.get("commandTimeoutSeconds").asLong(-1) : 3600;
            SshInstrumentConfig config = new SshInstrumentConfig(required(info, "host"),
                    info.has("port") ? info.get("port").asInt(-1) : 22, required(info, "user"),
                    Path.of(required(info, "privateKeyFile")), text(info, "passphraseEnv", null),
                    Path.of(required(info, "knownHosts")), required(info, "remoteDirectory"),
                    Duration.ofSeconds(timeout), List.of(patterns.split(",")));
            JsonNode c = info.get("command");
            if (c == null || !c.isArray() || c.isEmpty()) {
                throw new IllegalArgumentException("connectionInfo.command must be the acquisition command as an array "
                        + "of arguments, e.g. [\"xrd-acquire\", \"--out\", \"scan-{runId}.xy\"]");
            }
            List<String> command = new ArrayList<>();
            for (JsonNode a : c) {
                if (!a.isTextual()) {
                    throw new IllegalArgumentException("connectionInfo.command holds a non-string " + a);
                }
                command.add(a.asText());
            }
            // check the command as it will be built, with every reference standing for a plain value
            ShellCommand.build(command.stream().map(a -> PARAMETER_REFERENCE.matcher(a).replaceAll("x")).toList());
            String quantity = required(info, "quantity");
            if (!quantity.matches("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*")) {
                throw new IllegalArgumentException("connectionInfo.quantity '" + quantity + "' is not a dotted "
                        + "quantity such as xrd.pattern");
            }
            return new Settings(config, List.copyOf(command), quantity, text(info, "xUnit", ""),
                    text(info, "yUnit", ""));
        }

        private static String required(JsonNode info, String field) {
            String v = text(info, field, null);
            if (v == null) {
                throw new IllegalArgumentException("connectionInfo." + field + " is missing");
            }
            return v;
        }

        private static String text(JsonNode info, String field, String fallback) {
            JsonNode v = info.get(field);
            return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : fallback;
        }
    }
}
