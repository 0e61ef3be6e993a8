package org.nanoos.labhub.connectors.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import org.nanoos.labhub.processors.experiments.ExperimentDriver;
import org.nanoos.labhub.processors.experiments.ExperimentRun;
import org.nanoos.labhub.processors.experiments.InstrumentRefusedException;
import org.nanoos.labhub.processors.experiments.InstrumentRunState;
import org.nanoos.labhub.processors.experiments.InstrumentUnreachableException;
import org.nanoos.labhub.processors.experiments.Observation;
import org.nanoos.labhub.processors.instruments.Instrument;

/**
 * Runs experiments on instruments with an HTTP control interface:
 * <ul>
 * <li>{@code POST <baseUrl>/api/runs} {@code {"run":"<hub run id>","parameters":{…}}} → {@code 201 {"id":…}};</li>
 * <li>{@code GET <baseUrl>/api/runs/<id>} → {@code {"state":"RUNNING"|"DONE"|"ABORTED"|"FAILED","progress":…,
 * "endedAt":…,"results":{…},"message":…}};</li>
 * <li>{@code POST <baseUrl>/api/runs/<id>/abort}.</li>
 * </ul>
 * Refusals ({@code 4xx}) carry their reason as {@code application/problem+json}; they refuse the run. Connection
 * failures, time-outs and {@code 5xx} count as an unreachable instrument. The instrument's {@code connectionInfo}:
 * {@code {"baseUrl":"http://cvd-1:8091","tokenEnv":"LABHUB_CVD1_TOKEN"}}, the optional {@code tokenEnv} naming the
 * environment variable whose value is sent as {@code Authorization: Bearer}.
 */
public final class RestExperimentDriver implements ExperimentDriver {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json;
    private final Clock clock;
    private final Function<String, String> environment;

    /**
     * @param environment looks up environment variables (the process environment in the hub)
     */
    public RestExperimentDriver(ObjectMapper json, Clock clock, Function<String, String> environment) {
        this.json = json;
        this.clock = clock;
        this.environment = environment;
    }

    @Override
    public Instrument.AdapterType adapterType() {
        return Instrument.AdapterType.REST;
    }

    @Override
    public void checkConfiguration(Instrument instrument) {
        baseUrl(instrument);
        token(instrument);
    }

    @Override
    public String start(Instrument instrument, ExperimentRun run)
            throws InstrumentRefusedException, InstrumentUnreachableException {
        ObjectNode body = json.createObjectNode();
        body.put("run", run.id().toString());
        body.set("parameters", run.parameters());
        JsonNode answer = send(instrument, "POST", "/api/runs", body, 201);
        String id = answer.path("id").asText("");
        if (id.isBlank()) {
            throw new InstrumentRefusedException("the instrument accepted the run without giving its id: " + answer);
        }
        return id;
    }

    @Override
    public Observation poll(Instrument instrument, ExperimentRun run) throws InstrumentUnreachableException {
        JsonNode r;
        try {
            r = send(instrument, "GET", "/api/runs/" + path(run.externalId()), null, 200);
        } catch (InstrumentRefusedException e) {
            return new Observation(InstrumentRunState.FAILED, null, clock.instant(), "the instrument does not know "
                    + "run " + run.externalId() + " any more: " + e.getMessage(), null);
        }
        InstrumentRunState state;
        try {
            state = InstrumentRunState.valueOf(r.path("state").asText("RUNNING"));
        } catch (IllegalArgumentException e) {
            state = InstrumentRunState.RUNNING;
        }
        Double progress = r.path("progress").isNumber() ? r.get("progress").asDouble() : null;
        Instant at = clock.instant();
        if (state != InstrumentRunState.RUNNING && r.hasNonNull("endedAt")) {
            try {
                at = Instant.parse(r.get("endedAt").asText());
            } catch (DateTimeParseException e) {
                at = clock.instant();
            }
        }
        return new Observation(state, progress, at, r.hasNonNull("message") ? r.get("message").asText() : null,
                r.hasNonNull("results") ? r.get("results") : null);
    }

    @Override
    public void abort(Instrument instrument, ExperimentRun run)
            throws InstrumentRefusedException, InstrumentUnreachableException {
        JsonNode r = send(instrument, "POST", "/api/runs/" + path(run.externalId()) + "/abort",
                json.createObjectNode(), 200);
        String state = r.path("state").asText("");
        if (!"ABORTED".equals(state)) {
            throw new InstrumentRefusedException("the run had ended already: " + state);
        }
    }

    private JsonNode send(Instrument instrument, String method, String path, JsonNode body, int expected)
            throws InstrumentRefusedException, InstrumentUnreachableException {
        URI uri = URI.create(baseUrl(instrument) + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json");
        String token = token(instrument);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == expected) {
                return json.readTree(r.body());
            }
            String reason = reason(r);
            if (r.statusCode() >= 500) {
                throw new InstrumentUnreachableException(method + " " + uri + " answered " + r.statusCode() + ": "
                        + reason);
            }
            throw new InstrumentRefusedException("HTTP " + r.statusCode() + ": " + reason);
        } catch (IOException e) {
            throw new InstrumentUnreachableException(method + " " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstrumentUnreachableException("interrupted");
        }
    }

    private String reason(HttpResponse<String> r) {
        try {
            JsonNode p = json.readTree(r.body());
            if (p != null && p.hasNonNull("detail")) {
                return p.get("detail").asText();
            }
        } catch (IOException e) {
            // not JSON: show it as text
        }
        String text = r.body() == null ? "" : r.body().strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment == null ? "" : segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String baseUrl(Instrument instrument) {
        JsonNode v = instrument.connectionInfo() == null ? null : instrument.connectionInfo().get("baseUrl");
        String url = v == null ? "" : v.asText("");
        if (!url.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
            throw new IllegalArgumentException("connectionInfo.baseUrl must be an http(s) URL such as "
                    + "http://cvd-1:8091, was " + (url.isEmpty() ? "missing" : "'" + url + "'"));
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private String token(Instrument instrument) {
        JsonNode v = instrument.connectionInfo() == null ? null : instrument.connectionInfo().get("tokenEnv");
        if (v == null || v.isNull()) {
            return null;
        }
        String name = v.asText("");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
            throw new IllegalArgumentException("connectionInfo.tokenEnv must name an environment variable");
        }
        String token = environment.apply(name);
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the environment variable " + name + " (connectionInfo.tokenEnv) is "
                    + "not set in the hub's environment");
        }
        return token;
    }
}
