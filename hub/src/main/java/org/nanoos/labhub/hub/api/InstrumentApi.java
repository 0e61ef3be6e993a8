package org.nanoos.labhub.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.nanoos.labhub.connectors.mqtt.MqttTopicScheme;
import org.nanoos.labhub.processors.instruments.Instrument;
import org.nanoos.labhub.processors.instruments.InstrumentRepository;

/**
 * The instrument registry over REST: list, get, register, update and remove instruments. Reads are open; changes
 * need the API token (see {@link ApiTokenAuthenticator}). Bad requests are refused with a problem document that
 * says what was wrong.
 *
 * <pre>
 * curl -H "Authorization: Bearer $(cat data/api-token)" -H 'Content-Type: application/json' \
 *      -d '{"id":"xrd-1","name":"Powder XRD","adapterType":"OPCUA","capabilities":["characterization"]}' \
 *      http://localhost:8080/api/instruments
 * </pre>
 */
public final class InstrumentApi {

    private static final Set<String> FIELDS = Set.of("id", "name", "adapterType", "connectionInfo", "capabilities",
            "status", "metadata", "lastConnectedAt", "createdAt");
    private static final Pattern CAPABILITY = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    /** Names that point at a secret (a file, an environment variable) rather than hold it. */
    private static final Pattern REFERENCE_KEY = Pattern.compile(".*(File|Path|Env)");
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|passwd|secret|token|private.?key|credential).*");

    private final InstrumentRepository repository;
    private final ObjectMapper json;
    private final InstrumentListener listener;

    public InstrumentApi(InstrumentRepository repository, ObjectMapper json, InstrumentListener listener) {
        this.repository = repository;
        this.json = json;
        this.listener = listener;
    }

    /** GET /api/instruments */
    public void list(Exchange exchange) throws Exception {
        ArrayNode all = json.createArrayNode();
        for (Instrument i : repository.list()) {
            all.add(toJson(i));
        }
        respond(exchange, 200, all);
    }

    /** GET /api/instruments/{id} */
    public void get(Exchange exchange) throws Exception {
        String id = pathId(exchange);
        Instrument i = repository.find(id).orElseThrow(() -> ApiProblem.notFound("no instrument '" + id + "'"));
        respond(exchange, 200, toJson(i));
    }

    /** POST /api/instruments */
    public void create(Exchange exchange) throws Exception {
        Instrument i = parse(exchange, null);
        if (!repository.create(i)) {
            throw ApiProblem.conflict("an instrument '" + i.id() + "' is registered already; PUT /api/instruments/"
                    + i.id() + " changes it");
        }
        listener.changed(i);
        exchange.getMessage().setHeader("Location", "/api/instruments/" + i.id());
        respond(exchange, 201, toJson(repository.find(i.id()).orElseThrow()));
    }

    /** PUT /api/instruments/{id} */
    public void update(Exchange exchange) throws Exception {
        String id = pathId(exchange);
        Instrument i = parse(exchange, id);
        if (!repository.update(i)) {
            throw ApiProblem.notFound("no instrument '" + id + "'; POST /api/instruments registers one");
        }
        listener.changed(i);
        respond(exchange, 200, toJson(repository.find(id).orElseThrow()));
    }

    /** DELETE /api/instruments/{id} */
    public void delete(Exchange exchange) throws Exception {
        String id = pathId(exchange);
        try {
            if (!repository.delete(id)) {
                throw ApiProblem.notFound("no instrument '" + id + "'");
            }
        } catch (SQLException e) {
            if ("23503".equals(e.getSQLState())) {
                throw ApiProblem.conflict("instrument '" + id + "' has stored measurements or experiment runs and "
                        + "cannot be removed; set its status to OFFLINE instead");
            }
            throw e;
        }
        listener.removed(id);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        exchange.getMessage().setBody(null);
    }

    private static String pathId(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        if (id == null || !MqttTopicScheme.INSTRUMENT_ID.matcher(id).matches()) {
            throw ApiProblem.notFound("no instrument '" + id + "'");
        }
        return id;
    }

    private Instrument parse(Exchange exchange, String pathId) throws Exception {
        String body = exchange.getMessage().getBody(String.class);
        if (body == null || body.isBlank()) {
            throw ApiProblem.badRequest("the request needs a JSON body describing the instrument");
        }
        return parse(json.readTree(body), pathId);
    }

    /**
     * An instrument from its JSON description (as POSTed), checked field by field.
     *
     * @param pathId the id it must have, or {@code null} when the description names it
     * @throws ApiProblem saying what is wrong
     */
    public Instrument parse(JsonNode root, String pathId) {
        if (root == null || !root.isObject()) {
            throw ApiProblem.badRequest("the body must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiProblem.badRequest("unknown field '" + name + "'; known fields: " + String.join(", ",
                        new java.util.TreeSet<>(FIELDS)));
            }
        }
        String id = text(root, "id", pathId == null);
        if (pathId != null) {
            if (id != null && !id.equals(pathId)) {
                throw ApiProblem.badRequest("the body's id '" + id + "' differs from the path's '" + pathId + "'");
            }
            id = pathId;
        }
        if (!MqttTopicScheme.INSTRUMENT_ID.matcher(id).matches() || MqttTopicScheme.RESERVED_JOBS.equals(id)) {
            throw ApiProblem.badRequest("id '" + id + "' is not valid: a letter or digit, then letters, digits, _ . -, "
                    + "at most 64 characters, not 'jobs'");
        }
        String name = text(root, "name", true);
        if (name.isBlank() || name.length() > 200) {
            throw ApiProblem.badRequest("name must be 1 to 200 characters");
        }
        Instrument.AdapterType adapter = enumValue(root, "adapterType", Instrument.AdapterType.class, null);
        Instrument.Status status = enumValue(root, "status", Instrument.Status.class, Instrument.Status.OFFLINE);
        ObjectNode connectionInfo = object(root, "connectionInfo");
        refuseSecrets(connectionInfo, "connectionInfo");
        ObjectNode metadata = object(root, "metadata");
        refuseSecrets(metadata, "metadata");
        Instrument instrument = new Instrument(id, name, adapter, connectionInfo, capabilities(root), status, null,
                metadata, null);
        try {
            listener.check(instrument);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        return instrument;
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

    private static <E extends Enum<E>> E enumValue(JsonNode root, String field, Class<E> type, E fallback) {
        String v = text(root, field, fallback == null);
        if (v == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                allowed.add(c.name());
            }
            throw ApiProblem.badRequest("field '" + field + "' is '" + v + "'; allowed: " + String.join(", ", allowed));
        }
    }

    private ObjectNode object(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return json.createObjectNode();
        }
        if (!v.isObject()) {
            throw ApiProblem.badRequest("field '" + field + "' must be a JSON object");
        }
        return (ObjectNode) v;
    }

    private static List<String> capabilities(JsonNode root) {
        JsonNode v = root.get("capabilities");
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw ApiProblem.badRequest("field 'capabilities' must be an array of strings");
        }
        for (JsonNode c : v) {
            if (!c.isTextual() || !CAPABILITY.matcher(c.asText()).matches()) {
                throw ApiProblem.badRequest("capability " + c + " is not valid: lower-case letters, digits, _ . -");
            }
            if (!out.contains(c.asText())) {
                out.add(c.asText());
            }
        }
        return out;
    }

    /** Credentials belong in the environment, not in the registry where every reader of the API sees them. */
    private static void refuseSecrets(JsonNode node, String path) {
        for (Iterator<java.util.Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            java.util.Map.Entry<String, JsonNode> e = it.next();
            if (SECRET_KEY.matcher(e.getKey()).matches() && !REFERENCE_KEY.matcher(e.getKey()).matches()) {
                throw ApiProblem.badRequest("'" + path + "." + e.getKey() + "' looks like a secret; secrets come from "
                        + "the hub's environment, so name the environment variable instead (e.g. \"" + e.getKey()
                        + "Env\": \"LABHUB_XRD1_PASSWORD\")");
            }
            if (e.getValue().isObject()) {
                refuseSecrets(e.getValue(), path + "." + e.getKey());
            }
        }
    }

    private ObjectNode toJson(Instrument i) {
        ObjectNode o = json.createObjectNode();
        o.put("id", i.id());
        o.put("name", i.name());
        o.put("adapterType", i.adapterType().name());
        o.set("connectionInfo", i.connectionInfo());
        ArrayNode caps = o.putArray("capabilities");
        i.capabilities().forEach(caps::add);
        o.put("status", i.status().name());
        o.put("lastConnectedAt", i.lastConnectedAt() == null ? null : i.lastConnectedAt().toString());
        o.set("metadata", i.metadata());
        o.put("createdAt", i.createdAt() == null ? null : i.createdAt().toString());
        return o;
    }

    private void respond(Exchange exchange, int status, JsonNode body) throws Exception {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json.writeValueAsString(body));
    }
}
