package org.nanoos.labhub.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.nanoos.labhub.hub.api.InstrumentListener;
import org.nanoos.labhub.processors.instruments.Instrument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingestion routes of registered instruments, made from their connection info so that registering an
 * instrument (from configuration or over REST) is all it takes to start receiving its data. For an OPC UA
 * instrument:
 * <pre>{@code
 * {"endpoint": "opc.tcp://xrd-pc:4840", "securityPolicies": "Basic256Sha256",   // optional
 *  "nodes":  [{"node": "nsu=…;s=Lab/TS-1/Temperature", "quantity": "stage.temperature", "unit": "K", "samplingInterval": 500}],
 *  "series": [{"xNode": "…/Pattern/TwoTheta", "yNode": "…/Pattern/Intensity", "quantity": "xrd.pattern",
 *              "xUnit": "deg", "yUnit": "{counts}"}]}
 * }</pre>
 * each entry becoming an {@code opcua-node} or {@code opcua-series} route with the id
 * {@code instrument-<id>-node-<n>} / {@code instrument-<id>-series-<n>}. MQTT instruments need no route of their
 * own (the shared subscription takes every {@code lab/<id>/…} topic). Changing an instrument replaces its routes;
 * removing it removes them.
 */
public final class InstrumentRoutes implements InstrumentListener {

    private static final Logger LOG = LoggerFactory.getLogger(InstrumentRoutes.class);
    private static final Pattern QUANTITY = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");
    private static final Pattern UNIT = Pattern.compile("[\\x21-\\x7e]{0,64}");
    private static final Pattern POLICIES = Pattern.compile("[A-Za-z0-9_]+(,[A-Za-z0-9_]+)*");

    private final CamelContext context;

    public InstrumentRoutes(CamelContext context) {
        this.context = context;
    }

    @Override
    public void check(Instrument instrument) {
        plan(instrument);
    }

    @Override
    public synchronized void changed(Instrument instrument) throws Exception {
        removed(instrument.id());
        for (Planned p : plan(instrument)) {
            TemplatedRouteBuilder b = TemplatedRouteBuilder.builder(context, p.template()).routeId(p.routeId());
            p.parameters().forEach(b::parameter);
            b.add();
            LOG.info("Instrument {}: route {} from {}", instrument.id(), p.routeId(), p.template());
        }
    }

    @Override
    public synchronized void removed(String id) throws Exception {
        String prefix = "instrument-" + id + "-";
        List<String> ids = new ArrayList<>();
        for (Route r : context.getRoutes()) {
            if (r.getRouteId().startsWith(prefix)) {
                ids.add(r.getRouteId());
            }
        }
        for (String routeId : ids) {
            context.getRouteController().stopRoute(routeId);
            context.removeRoute(routeId);
        }
    }

    /** The routes an instrument's connection info asks for; refuses a bad mapping naming the field. */
    static List<Planned> plan(Instrument instrument) {
        List<Planned> out = new ArrayList<>();
        if (instrument.adapterType() != Instrument.AdapterType.OPCUA) {
            return out;
        }
        JsonNode info = instrument.connectionInfo();
        JsonNode nodes = info == null ? null : info.get("nodes");
        JsonNode series = info == null ? null : info.get("series");
        if ((nodes == null || nodes.isEmpty()) && (series == null || series.isEmpty())) {
            return out;
        }
        String endpoint = text(info, "endpoint", "connectionInfo.endpoint", true);
        if (!endpoint.matches("opc\\.tcp://[^\\s/]+(/\\S*)?")) {
            throw new IllegalArgumentException("connectionInfo.endpoint must be an opc.tcp:// URL, was '" + endpoint
                    + "'");
        }
        String policies = text(info, "securityPolicies", "connectionInfo.securityPolicies", false);
        if (policies != null && !POLICIES.matcher(policies).matches()) {
            throw new IllegalArgumentException("connectionInfo.securityPolicies must be a comma-separated list of "
                    + "policy names such as Basic256Sha256 or None");
        }
        int n = 0;
        for (JsonNode node : array(nodes, "connectionInfo.nodes")) {
            String where = "connectionInfo.nodes[" + n + "]";
            Map<String, String> p = new java.util.LinkedHashMap<>();
            p.put("instrumentId", instrument.id());
            p.put("endpoint", endpoint);
            p.put("node", nodeId(node, "node", where));
            p.put("quantity", quantity(node, where));
            p.put("unit", unit(node, "unit", where));
            p.put("samplingInterval", interval(node, where));
            if (policies != null) {
                p.put("securityPolicies", policies);
            }
            out.add(new Planned("opcua-node", "instrument-" + instrument.id() + "-node-" + n++, p));
        }
        n = 0;
        for (JsonNode s : array(series, "connectionInfo.series")) {
            String where = "connectionInfo.series[" + n + "]";
            Map<String, String> p = new java.util.LinkedHashMap<>();
            p.put("instrumentId", instrument.id());
            p.put("endpoint", endpoint);
            p.put("xNode", nodeId(s, "xNode", where));
            p.put("yNode", nodeId(s, "yNode", where));
            p.put("quantity", quantity(s, where));
            p.put("xUnit", unit(s, "xUnit", where));
            p.put("yUnit", unit(s, "yUnit", where));
            p.put("samplingInterval", interval(s, where));
            if (policies != null) {
                p.put("securityPolicies", policies);
            }
            out.add(new Planned("opcua-series", "instrument-" + instrument.id() + "-series-" + n++, p));
        }
        return out;
    }

    private static Iterable<JsonNode> array(JsonNode v, String where) {
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException(where + " must be an array");
        }
        return v;
    }

    private static String nodeId(JsonNode entry, String field, String where) {
        String id = text(entry, field, where + "." + field, true);
        try {
            org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId.parse(id);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + "." + field + " '" + id + "' is not a node id (e.g. "
                    + "nsu=urn:vendor:xrd;s=Pattern/Intensity or ns=2;i=1001)");
        }
        if (id.contains(")")) {
            throw new IllegalArgumentException(where + "." + field + " must not contain ')'");
        }
        return id;
    }

    private static String quantity(JsonNode entry, String where) {
        String q = text(entry, "quantity", where + ".quantity", true);
        if (!QUANTITY.matcher(q).matches()) {
            throw new IllegalArgumentException(where + ".quantity '" + q + "' is not a dotted lower-case quantity "
                    + "such as stage.temperature");
        }
        return q;
    }

    private static String unit(JsonNode entry, String field, String where) {
        String u = text(entry, field, where + "." + field, false);
        if (u == null) {
            return "";
        }
        if (!UNIT.matcher(u).matches() || u.contains("{{") || u.contains("}}")) {
            throw new IllegalArgumentException(where + "." + field + " '" + u + "' is not a UCUM code");
        }
        try {
            org.nanoos.labhub.verticals.units.UcumUnits.toSi(u);
        } catch (org.nanoos.labhub.verticals.units.UnknownUnitException | RuntimeException e) {
            throw new IllegalArgumentException(where + "." + field + " '" + u + "' is not a UCUM unit the hub knows: "
                    + e.getMessage());
        }
        return u;
    }

    private static String interval(JsonNode entry, String where) {
        JsonNode v = entry.get("samplingInterval");
        if (v == null || v.isNull()) {
            return "1000";
        }
        if (!v.isIntegralNumber() || v.asLong() < 10 || v.asLong() > 3_600_000) {
            throw new IllegalArgumentException(where + ".samplingInterval must be whole milliseconds from 10 to "
                    + "3600000");
        }
        return Long.toString(v.asLong());
    }

    private static String text(JsonNode entry, String field, String where, boolean required) {
        JsonNode v = entry == null ? null : entry.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            if (required) {
                throw new IllegalArgumentException(where + " is missing");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(where + " must be a string");
        }
        return v.asText();
    }

    /** A route to make from a template. */
    record Planned(String template, String routeId, Map<String, String> parameters) {
    }
}
