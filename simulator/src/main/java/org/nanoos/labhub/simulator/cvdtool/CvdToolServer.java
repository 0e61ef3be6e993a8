package org.nanoos.labhub.simulator.cvdtool;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.nanoos.labhub.simulator.FilmResults;
import org.nanoos.labhub.simulator.SimulatorOptions;
import org.nanoos.labhub.simulator.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST control API of a simulated CVD tool, on the JDK's HTTP server: the hub submits one recipe per request to a
 * {@link CommandedCvdReactor} and follows the run to its end, while the process data and film results go out over
 * MQTT as always.
 *
 * <pre>
 * POST /api/runs             {"run":"&lt;hub run id&gt;","parameters":{…}} → 201 run, Location: /api/runs/&lt;id&gt;;
 *                            409 while a run is going, 400 bad JSON or parameter
 * GET  /api/runs/&lt;id&gt;        → 200 run, 404 unknown id
 * POST /api/runs/&lt;id&gt;/abort  → 200 run (ABORTED, or its final state if it had ended), 404 unknown id
 * </pre>
 *
 * A run is {@code {"id":…,"run":…,"state":"RUNNING"|"DONE"|"ABORTED"|"FAILED","progress":0..1,"startedAt":…,
 * "endedAt":…|null,"results":{"thicknessNm":…,"depositionRateNmPerMin":…,"uniformityPercent":…,
 * "yieldPercent":…}|null,"message":…|null,"parameters":{…}}}: every key always present, results once DONE (the numbers published on
 * {@code lab/<id>/film/...}), parameters the recipe it runs with (see {@link CvdRunRequest}). Errors are
 * {@code application/problem+json} {@code {"type":"about:blank","title":…,"status":…,"detail":…}}. With a token
 * configured, every request needs {@code Authorization: Bearer <token>}, else 401.
 *
 * <pre>
 * curl -s -X POST http://127.0.0.1:8091/api/runs -H "Authorization: Bearer $TOKEN" \
 *      -d '{"run":"hub-42","parameters":{"temperatureC":630,"speedUp":120}}'
 * </pre>
 *
 * The server owns its reactor: {@link #close()} closes both.
 */
public final class CvdToolServer implements AutoCloseable {

    /** Path of the run collection. */
    public static final String RUNS_PATH = "/api/runs";
    /** Largest request body, bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** Longest hub run id. */
    public static final int MAX_RUN_ID_LENGTH = 200;

    private static final Logger LOG = LoggerFactory.getLogger(CvdToolServer.class);
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Set<String> REQUEST_FIELDS = Set.of("run", "parameters");
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";

    private final CommandedCvdReactor reactor;
    private final Options options;
    private final byte[] tokenDigest;
    private HttpServer server;
    private ExecutorService executor;
    private boolean closed;

    /**
     * A server for {@code reactor}, not yet listening; it takes the reactor over and closes it on {@link #close()}.
     */
    public CvdToolServer(CommandedCvdReactor reactor, Options options) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.options = Objects.requireNonNull(options, "options");
        this.tokenDigest = options.token() == null ? null : sha256(options.token());
    }

    /**
     * Starts a commanded reactor on MQTT and its REST API in one go: what the hub's demo mode and the standalone
     * command do.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static CvdToolServer start(SimulatorOptions mqtt, Options http) {
        CommandedCvdReactor reactor = CommandedCvdReactor.start(mqtt);
        try {
            return new CvdToolServer(reactor, http).start();
        } catch (RuntimeException e) {
            reactor.close();
            throw e;
        }
    }

    /**
     * Binds and starts serving.
     *
     * @return this server
     * @throws UncheckedIOException  if the address cannot be bound
     * @throws IllegalStateException if already started or closed
     */
    public synchronized CvdToolServer start() {
        if (closed || server != null) {
            throw new IllegalStateException("CVD tool server was already " + (closed ? "closed" : "started"));
        }
        InetSocketAddress address = new InetSocketAddress(options.bindAddress(), options.port());
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the CVD tool API on " + options.bindAddress() + ":"
                    + options.port() + ": " + e.getMessage(), e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "cvd-tool-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        LOG.info("CVD tool '{}' REST API on {}{}", reactor.options().instrumentId(), baseUri(),
                tokenDigest == null ? " without authentication" : " (bearer token required)");
        return this;
    }

    /** The port it listens on; the ephemeral port chosen when configured with port 0. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("CVD tool server is not started");
        }
        return server.getAddress().getPort();
    }

    /** {@code http://<bind address>:<port>}, e.g. {@code http://127.0.0.1:8091}. */
    public URI baseUri() {
        String host = options.bindAddress().contains(":") ? "[" + options.bindAddress() + "]" : options.bindAddress();
        return URI.create("http://" + host + ":" + port());
    }

    /** The reactor it drives. */
    public CommandedCvdReactor reactor() {
        return reactor;
    }

    /** Stops serving (requests in progress get a second), then closes the reactor. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (server != null) {
            server.stop(1);
            executor.shutdown();
            try {
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        reactor.close();
    }

    private void handle(HttpExchange exchange) {
        try {
            try {
                route(exchange);
            } catch (RuntimeException e) {
                LOG.error("CVD tool API: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                problem(exchange, 500, "the request failed: " + e);
            }
        } catch (IOException e) {
            LOG.debug("CVD tool API: cannot answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(),
                    e.getMessage());
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        if (!authorised(exchange)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"labhub-simulator\"");
            problem(exchange, 401,
                    "this API needs an 'Authorization: Bearer <token>' header with the configured token");
            return;
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        if (path.equals(RUNS_PATH)) {
            if (allow(exchange, "POST")) {
                create(exchange);
            }
            return;
        }
        if (path.startsWith(RUNS_PATH + "/")) {
            String rest = path.substring(RUNS_PATH.length() + 1);
            boolean abort = rest.endsWith("/abort");
            String id = abort ? rest.substring(0, rest.length() - "/abort".length()) : rest;
            if (RUN_ID.matcher(id).matches()) {
                if (allow(exchange, abort ? "POST" : "GET")) {
                    Optional<CvdRunStatus> run = abort ? reactor.abort(id) : reactor.run(id);
                    if (run.isPresent()) {
                        json(exchange, 200, run.get());
                    } else {
                        problem(exchange, 404, "no run with id '" + id + "'");
                    }
                }
                return;
            }
        }
        problem(exchange, 404, "no resource at " + path + "; the API is " + RUNS_PATH + ", " + RUNS_PATH
                + "/<id> and " + RUNS_PATH + "/<id>/abort");
        LOG.debug("CVD tool API: {} {} not found", method, path);
    }

    /** Whether the method is the one allowed; otherwise answers 405. */
    private boolean allow(HttpExchange exchange, String method) throws IOException {
        if (exchange.getRequestMethod().equals(method)) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", method);
        problem(exchange, 405, exchange.getRequestMethod() + " is not allowed here; use " + method);
        return false;
    }

    private void create(HttpExchange exchange) throws IOException {
        Map<String, Object> body;
        String hubRun;
        CvdRunRequest request;
        try {
            body = Json.parseObject(readBody(exchange));
            for (String field : body.keySet()) {
                if (!REQUEST_FIELDS.contains(field)) {
                    throw new IllegalArgumentException("unknown field '" + field + "'; expected "
                            + new TreeSet<>(REQUEST_FIELDS));
                }
            }
            if (!(body.get("run") instanceof String run) || run.isBlank() || run.length() > MAX_RUN_ID_LENGTH) {
                throw new IllegalArgumentException("'run' must be the hub's id of the run: a non-empty string of at "
                        + "most " + MAX_RUN_ID_LENGTH + " characters, was " + Json.write(body.get("run")));
            }
            hubRun = run;
            Object parameters = body.get("parameters");
            if (parameters != null && !(parameters instanceof Map)) {
                throw new IllegalArgumentException("'parameters' must be a JSON object, was " + Json.write(parameters));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> values = parameters == null ? Map.of() : (Map<String, Object>) parameters;
            request = CvdRunRequest.parse(values, reactor.defaults());
        } catch (BodyTooLargeException e) {
            problem(exchange, 413, e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            LOG.info("CVD tool API: run request refused: {}", e.getMessage());
            problem(exchange, 400, e.getMessage());
            return;
        }
        CvdRunStatus run;
        try {
            run = reactor.startRun(hubRun, request);
        } catch (InstrumentBusyException e) {
            problem(exchange, 409, e.getMessage());
            return;
        } catch (IllegalStateException e) {
            problem(exchange, 503, e.getMessage());
            return;
        }
        exchange.getResponseHeaders().set("Location", RUNS_PATH + "/" + run.id());
        json(exchange, 201, run);
    }

    private boolean authorised(HttpExchange exchange) {
        if (tokenDigest == null) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String given = header != null && header.length() > 7
                && header.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ") ? header.substring(7).trim() : "";
        // digests of equal length, compared in constant time: neither the token nor its length leaks through timing
        return MessageDigest.isEqual(sha256(given), tokenDigest);
    }

    private static String readBody(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new BodyTooLargeException("the body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the body is not UTF-8 text", e);
        }
    }

    /** The JSON of a run, as every endpoint returns it. */
    static Map<String, Object> toJson(CvdRunStatus run) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", run.id());
        map.put("run", run.run());
        map.put("state", run.state());
        map.put("progress", run.progress());
        map.put("startedAt", run.startedAt());
        map.put("endedAt", run.endedAt());
        FilmResults film = run.results();
        if (film == null) {
            map.put("results", null);
        } else {
            Map<String, Object> results = new LinkedHashMap<>();
            results.put("thicknessNm", film.thicknessNm());
            results.put("depositionRateNmPerMin", film.depositionRateNmPerMin());
            results.put("uniformityPercent", film.uniformityPercent());
            results.put("yieldPercent", film.yieldPercent());
            map.put("results", results);
        }
        map.put("message", run.message());
        map.put("parameters", run.request().asParameters());
        return map;
    }

    private static void json(HttpExchange exchange, int status, CvdRunStatus run) throws IOException {
        send(exchange, status, JSON, Json.writeUtf8(toJson(run)));
    }

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title(status));
        problem.put("status", status);
        problem.put("detail", detail);
        send(exchange, status, PROBLEM_JSON, Json.writeUtf8(problem));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 503 -> "Service Unavailable";
            default -> "Internal Server Error";
        };
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A request body beyond {@link #MAX_BODY_BYTES}. */
    private static final class BodyTooLargeException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(String message) {
            super(message);
        }
    }

    /**
     * Where and how the API listens. Start from {@link #defaults()} or {@link #builder()}.
     *
     * @param bindAddress address to bind, {@code 127.0.0.1} by default (only this machine)
     * @param port        TCP port, 0 for an ephemeral one ({@link CvdToolServer#port()} tells which)
     * @param token       bearer token every request must carry, or null for none; never logged
     */
    public record Options(String bindAddress, int port, String token) {

        /** Port of the default options. */
        public static final int DEFAULT_PORT = 8091;
        /** Bind address of the default options. */
        public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

        /** Checks the address, the port range and that a token, if any, is not blank. */
        public Options {
            Objects.requireNonNull(bindAddress, "bindAddress");
            if (bindAddress.isBlank()) {
                throw new IllegalArgumentException("bind address must not be blank");
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be within 0 to 65535, was " + port);
            }
            if (token != null && token.isBlank()) {
                throw new IllegalArgumentException("a bearer token must not be blank; give none to go without");
            }
        }

        /** {@code 127.0.0.1:8091}, no token. */
        public static Options defaults() {
            return builder().build();
        }

        /** A builder starting from the defaults. */
        public static Builder builder() {
            return new Builder();
        }

        /** Shows everything but the token. */
        @Override
        public String toString() {
            return "Options[bindAddress=" + bindAddress + ", port=" + port + ", token=" + (token == null ? "none"
                    : "****") + "]";
        }

        /** Builds {@link Options}. */
        public static final class Builder {
            private String bindAddress = DEFAULT_BIND_ADDRESS;
            private int port = DEFAULT_PORT;
            private String token;

            private Builder() {
            }

            /** Address to bind, e.g. {@code 0.0.0.0} for every interface. */
            public Builder bindAddress(String value) {
                this.bindAddress = value;
                return this;
            }

            /** TCP port; 0 for an ephemeral one. */
            public Builder port(int value) {
                this.port = value;
                return this;
            }

            /** Bearer token every request must carry; null for none. */
            public Builder token(String value) {
                this.token = value;
                return this;
            }

            /** The options. */
            public Options build() {
                return new Options(bindAddress, port, token);
            }
        }
    }
}
