package org.nanoos.labhub.hub.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.nanoos.labhub.processors.analysis.AnalysisService;
import org.nanoos.labhub.processors.experiments.ExperimentEvent;
import org.nanoos.labhub.processors.experiments.ExperimentRefusedException;
import org.nanoos.labhub.processors.experiments.ExperimentRepository;
import org.nanoos.labhub.processors.experiments.ExperimentRun;
import org.nanoos.labhub.processors.experiments.ExperimentService;
import org.nanoos.labhub.processors.experiments.ExperimentType;
import org.nanoos.labhub.processors.experiments.RunStatus;
import org.nanoos.labhub.processors.experiments.SubmitRequest;

/**
 * Experiment runs over REST: submit one to an instrument, list and inspect them (with their events and the
 * measurements linked to them), cancel one. Reads are open; submit and cancel need the API token.
 *
 * <pre>
 * curl -H "Authorization: Bearer $(cat data/api-token)" -H 'Content-Type: application/json' \
 *      -d '{"instrumentId":"XRD-1","type":"characterization","parameters":{"speedUp":40}}' \
 *      http://localhost:8080/api/experiments
 * curl http://localhost:8080/api/experiments/&lt;id&gt;
 * </pre>
 */
public final class ExperimentApi {

    private static final Set<String> FIELDS = Set.of("instrumentId", "type", "name", "parameters", "material",
            "structure", "silenceTimeoutSeconds");
    private static final int MAX_PARAMETERS_BYTES = 64 * 1024;

    private final ExperimentService service;
    private final ExperimentRepository runs;
    private final AnalysisService analyses;
    private final ObjectMapper json;

    public ExperimentApi(ExperimentService service, ExperimentRepository runs, AnalysisService analyses,
            ObjectMapper json) {
        this.service = service;
        this.runs = runs;
        this.analyses = analyses;
        this.json = json;
    }

    /** POST /api/experiments */
    public void submit(Exchange exchange) throws Exception {
        SubmitRequest request = parse(exchange.getMessage().getBody(String.class));
        ExperimentRun run = call(() -> service.submit(request, "api"));
        exchange.getMessage().setHeader("Location", "/api/experiments/" + run.id());
        respond(exchange, 201, toJson(run));
    }

    /** GET /api/experiments?instrumentId=&status=&limit= */
    public void list(Exchange exchange) throws Exception {
        String instrument = exchange.getMessage().getHeader("instrumentId", String.class);
        String status = exchange.getMessage().getHeader("status", String.class);
        RunStatus s = null;
        if (status != null && !status.isBlank()) {
            try {
                s = RunStatus.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("status '" + status + "' is not one of " + java.util.Arrays.toString(
                        RunStatus.values()));
            }
        }
        int limit = 100;
        String l = exchange.getMessage().getHeader("limit", String.class);
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 1000) {
                throw ApiProblem.badRequest("limit must be a whole number from 1 to 1000, was '" + l + "'");
            }
        }
        ArrayNode all = json.createArrayNode();
        for (ExperimentRun r : runs.list(instrument == null || instrument.isBlank() ? null : instrument, s, limit)) {
            all.add(toJson(r));
        }
        respond(exchange, 200, all);
    }

    /** GET /api/experiments/{id}: the run, its events, its measurements per quantity and its analyses. */
    public void get(Exchange exchange) throws Exception {
        UUID id = pathId(exchange);
        ExperimentRun run = runs.find(id).orElseThrow(() -> ApiProblem.notFound("no experiment run " + id));
        ObjectNode o = toJson(run);
        ArrayNode events = o.putArray("events");
        for (ExperimentEvent e : runs.events(id)) {
            ObjectNode ev = events.addObject();
            ev.put("at", e.at().toString());
            ev.put("status", e.status().name());
            ev.put("detail", e.detail());
        }
        ArrayNode measurements = o.putArray("measurements");
        for (ExperimentRepository.QuantityCount q : runs.measurementCounts(id)) {
            ObjectNode m = measurements.addObject();
            m.put("quantity", q.quantity());
            m.put("count", q.count());
            m.put("first", q.first().toString());
            m.put("last", q.last().toString());
        }
        ArrayNode results = o.putArray("analyses");
        analyses.list(null, id, null, null, 100, false).forEach(results::add);
        service.lastError(id).ifPresent(err -> o.put("lastError", err));
        respond(exchange, 200, o);
    }

    /** POST /api/experiments/{id}/cancel */
    public void cancel(Exchange exchange) throws Exception {
        UUID id = pathId(exchange);
        ExperimentRun run = call(() -> service.cancel(id, "api"));
        respond(exchange, 200, toJson(run));
    }

    private SubmitRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiProblem.badRequest("the request needs a JSON body, e.g. {\"instrumentId\":\"XRD-1\","
                    + "\"type\":\"characterization\",\"parameters\":{}}");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("the body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw ApiProblem.badRequest("the body must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiProblem.badRequest("unknown field '" + name + "'; known fields: "
                        + String.join(", ", new TreeSet<>(FIELDS)));
            }
        }
        String instrumentId = text(root, "instrumentId", true);
        String type = text(root, "type", true);
        ExperimentType t;
        try {
            t = ExperimentType.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("type '" + type + "' is not one of synthesis, measurement, characterization, "
                    + "testing");
        }
        String name = text(root, "name", false);
        if (name != null && !ExperimentService.NAME.matcher(name).matches()) {
            throw ApiProblem.badRequest("name must be 1 to 200 printable characters");
        }
        JsonNode p = root.get("parameters");
        ObjectNode parameters;
        if (p == null || p.isNull()) {
            parameters = json.createObjectNode();
        } else if (!p.isObject()) {
            throw ApiProblem.badRequest("field 'parameters' must be a JSON object");
        } else {
            parameters = (ObjectNode) p;
            if (p.toString().length() > MAX_PARAMETERS_BYTES) {
                throw ApiProblem.badRequest("parameters are larger than " + MAX_PARAMETERS_BYTES + " bytes");
            }
        }
        String material = text(root, "material", false);
        String structure = text(root, "structure", false);
        for (String[] f : new String[][] {{"material", material}, {"structure", structure}}) {
            if (f[1] != null && !ExperimentService.NAME.matcher(f[1]).matches()) {
                throw ApiProblem.badRequest(f[0] + " must be 1 to 200 printable characters");
            }
        }
        Duration timeout = null;
        JsonNode s = root.get("silenceTimeoutSeconds");
        if (s != null && !s.isNull()) {
            if (!s.canConvertToLong() || !s.isIntegralNumber() || s.asLong() < 1
                    || s.asLong() > ExperimentService.MAX_SILENCE_TIMEOUT.toSeconds()) {
                throw ApiProblem.badRequest("silenceTimeoutSeconds must be a whole number of seconds from 1 to "
                        + ExperimentService.MAX_SILENCE_TIMEOUT.toSeconds() + ", was " + s);
            }
            timeout = Duration.ofSeconds(s.asLong());
        }
        return new SubmitRequest(instrumentId, t, name, parameters, material, structure, timeout);
    }

    private static String text(JsonNode root, String field, boolean required) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiProblem.badRequest("field '" + field + "' is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw ApiProblem.badRequest("field '" + field + "' must be a string");
        }
        return v.asText();
    }

    private static UUID pathId(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiProblem.notFound("no experiment run '" + id + "' (run ids are UUIDs)");
        }
    }

    private static <T> T call(Refusable<T> action) throws Exception {
        try {
            return action.get();
        } catch (ExperimentRefusedException e) {
            throw switch (e.kind()) {
                case NOT_FOUND -> ApiProblem.notFound(e.getMessage());
                case INVALID -> new ApiProblem(422, "Unprocessable request", e.getMessage());
                case CONFLICT -> ApiProblem.conflict(e.getMessage());
                case UNREACHABLE -> new ApiProblem(502, "Instrument unreachable", e.getMessage());
            };
        }
    }

    @FunctionalInterface
    private interface Refusable<T> {
        T get() throws Exception;
    }

    private ObjectNode toJson(ExperimentRun r) {
        ObjectNode o = json.createObjectNode();
        o.put("id", r.id().toString());
        o.put("instrumentId", r.instrumentId());
        o.put("type", r.type().name());
        o.put("name", r.name());
        o.put("status", r.status().name());
        o.set("parameters", r.parameters());
        o.set("results", r.results());
        o.put("externalId", r.externalId());
        o.put("errorMessage", r.errorMessage());
        o.put("material", r.material());
        o.put("structure", r.structure());
        o.put("silenceTimeoutSeconds", r.silenceTimeout().toSeconds());
        if (r.progress() == null) {
            o.putNull("progress");
        } else {
            o.put("progress", r.progress());
        }
        o.put("submittedBy", r.submittedBy());
        o.put("submittedAt", r.submittedAt().toString());
        o.put("startedAt", r.startedAt() == null ? null : r.startedAt().toString());
        o.put("completedAt", r.completedAt() == null ? null : r.completedAt().toString());
        o.put("lastHeardAt", r.lastHeardAt() == null ? null : r.lastHeardAt().toString());
        Double d = r.durationSeconds();
        if (d == null) {
            o.putNull("durationSeconds");
        } else {
            o.put("durationSeconds", d);
        }
        return o;
    }

    private void respond(Exchange exchange, int status, JsonNode body) throws Exception {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json.writeValueAsString(body));
    }
}
