package org.nanoos.labhub.connectors.opcua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.nanoos.labhub.processors.experiments.ExperimentDriver;
import org.nanoos.labhub.processors.experiments.ExperimentRun;
import org.nanoos.labhub.processors.experiments.InstrumentRefusedException;
import org.nanoos.labhub.processors.experiments.InstrumentRunState;
import org.nanoos.labhub.processors.experiments.InstrumentUnreachableException;
import org.nanoos.labhub.processors.experiments.Observation;
import org.nanoos.labhub.processors.instruments.Instrument;

/**
 * Runs experiments on OPC UA instruments through methods and variables on the instrument's object node:
 * {@code StartExperiment(parametersJson) → runId}, {@code AbortExperiment() → Boolean}, and the variables
 * {@code Status} ({@code IDLE}, {@code RUNNING}, {@code DONE}, {@code ABORTED}, {@code FAILED}; other strings count
 * as running), {@code RunId} and {@code Progress} (0–1) — the convention of the hub's simulator, which a vendor
 * server can follow or map by naming other nodes.
 *
 * <p>The instrument's {@code connectionInfo}:
 * <pre>{@code
 * {"endpoint": "opc.tcp://xrd-pc:4840",
 *  "objectNode": "nsu=urn:nanoos:labhub:simulator;s=Lab/XRD-1",
 *  "securityPolicies": "Basic256Sha256",        // optional; the hub's default list otherwise; "None" only on purpose
 *  "startMethod": "…", "abortMethod": "…", "statusNode": "…", "runIdNode": "…", "progressNode": "…"}  // optional
 * }</pre>
 * The optional node ids default to {@code <objectNode>/StartExperiment}, {@code …/AbortExperiment},
 * {@code …/Status}, {@code …/RunId} and {@code …/Progress} for string node ids.
 */
public final class OpcUaExperimentDriver implements ExperimentDriver {

    private final OpcUaSessions sessions;
    private final Set<String> defaultPolicies;
    private final ObjectMapper json;
    private final Clock clock;

    /**
     * @param defaultPolicies the security policies allowed where an instrument does not name its own
     */
    public OpcUaExperimentDriver(OpcUaSessions sessions, String defaultPolicies, ObjectMapper json, Clock clock) {
        this.sessions = sessions;
        this.defaultPolicies = policies(defaultPolicies);
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Instrument.AdapterType adapterType() {
        return Instrument.AdapterType.OPCUA;
    }

    @Override
    public void checkConfiguration(Instrument instrument) {
        Nodes.of(instrument.connectionInfo());
    }

    @Override
    public String start(Instrument instrument, ExperimentRun run)
            throws InstrumentRefusedException, InstrumentUnreachableException {
        Nodes nodes = Nodes.of(instrument.connectionInfo());
        String parameters;
        try {
            parameters = json.writeValueAsString(run.parameters());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InstrumentRefusedException("the parameters cannot be written as JSON: " + e.getMessage());
        }
        CallMethodResult result = call(instrument, nodes, nodes.startMethod(), new Variant[] {Variant.ofString(parameters)});
        StatusCode status = result.getStatusCode();
        if (status.isBad()) {
            throw new InstrumentRefusedException(describe(status, "StartExperiment"));
        }
        Variant[] out = result.getOutputArguments();
        if (out == null || out.length == 0 || !(out[0].getValue() instanceof String id) || id.isBlank()) {
            throw new InstrumentRefusedException("StartExperiment answered without a run id: "
                    + Arrays.toString(out));
        }
        return id;
    }

    @Override
    public Observation poll(Instrument instrument, ExperimentRun run) throws InstrumentUnreachableException {
        Nodes nodes = Nodes.of(instrument.connectionInfo());
        OpcUaClient client = session(instrument, nodes);
        List<DataValue> values;
        try {
            values = client.readValues(0, TimestampsToReturn.Both, List.of(node(client, nodes.statusNode()),
                    node(client, nodes.runIdNode()), node(client, nodes.progressNode())));
        } catch (UaException e) {
            sessions.discard(nodes.endpoint(), client);
            throw new InstrumentUnreachableException("reading the status of " + instrument.id() + " at "
                    + nodes.endpoint() + " failed: " + e.getMessage(), e);
        }
        DataValue status = values.get(0);
        if (status.getStatusCode() != null && status.getStatusCode().isBad()) {
            throw new InstrumentUnreachableException(instrument.id() + "'s Status node is unreadable: "
                    + describe(status.getStatusCode(), "Read"));
        }
        String state = String.valueOf(value(status));
        String runId = String.valueOf(value(values.get(1)));
        Double progress = value(values.get(2)) instanceof Number n ? n.doubleValue() : null;
        Instant at = status.getSourceTime() != null ? status.getSourceTime().getJavaInstant() : clock.instant();
        if (run.externalId() != null && !run.externalId().equals(runId)) {
            return new Observation(InstrumentRunState.FAILED, null, clock.instant(), "the instrument is on run '"
                    + runId + "' now, not " + run.externalId(), null);
        }
        return switch (state) {
            case "DONE" -> new Observation(InstrumentRunState.DONE, 1.0, at, null, results(values));
            case "ABORTED" -> new Observation(InstrumentRunState.ABORTED, progress, at, null, null);
            case "FAILED", "ERROR" -> new Observation(InstrumentRunState.FAILED, progress, at, "Status " + state, null);
            default -> Observation.running(progress, clock.instant());
        };
    }

    @Override
    public void abort(Instrument instrument, ExperimentRun run)
            throws InstrumentRefusedException, InstrumentUnreachableException {
        Nodes nodes = Nodes.of(instrument.connectionInfo());
        CallMethodResult result = call(instrument, nodes, nodes.abortMethod(), new Variant[0]);
        if (result.getStatusCode().isBad()) {
            throw new InstrumentRefusedException(describe(result.getStatusCode(), "AbortExperiment"));
        }
        Variant[] out = result.getOutputArguments();
        if (out != null && out.length > 0 && Boolean.FALSE.equals(out[0].getValue())) {
            throw new InstrumentRefusedException("AbortExperiment answered false: the run was not going any more");
        }
    }

    private JsonNode results(List<DataValue> values) {
        var node = json.createObjectNode();
        if (value(values.get(1)) instanceof String id) {
            node.put("runId", id);
        }
        return node;
    }

    private CallMethodResult call(Instrument instrument, Nodes nodes, String method, Variant[] inputs)
            throws InstrumentUnreachableException {
        OpcUaClient client = session(instrument, nodes);
        try {
            CallMethodRequest request = new CallMethodRequest(node(client, nodes.objectNode()), node(client, method),
                    inputs);
            return client.call(List.of(request)).getResults()[0];
        } catch (UaException e) {
            sessions.discard(nodes.endpoint(), client);
            throw new InstrumentUnreachableException("calling " + method + " on " + instrument.id() + " failed: "
                    + e.getMessage(), e);
        }
    }

    private OpcUaClient session(Instrument instrument, Nodes nodes) throws InstrumentUnreachableException {
        try {
            return sessions.session(nodes.endpoint(), nodes.policies() == null ? defaultPolicies : nodes.policies());
        } catch (UaException | OpcUaSecurityPolicyRefusedException e) {
            throw new InstrumentUnreachableException(instrument.id() + ": " + e.getMessage(), e);
        }
    }

    private static NodeId node(OpcUaClient client, String id) throws UaException {
        return ExpandedNodeId.parse(id).toNodeId(client.getNamespaceTable()).orElseThrow(() -> new UaException(
                StatusCodes.Bad_NodeIdUnknown, "the server does not know the namespace of " + id));
    }

    private static Object value(DataValue v) {
        return v.getValue() == null ? null : v.getValue().getValue();
    }

    private static String describe(StatusCode status, String what) {
        long code = status.getValue();
        String name = StatusCodes.lookup(code).map(s -> s[0]).orElse(String.format("0x%08X", code));
        String meaning = code == StatusCodes.Bad_InvalidArgument ? " (the instrument refused the parameters)"
                : code == StatusCodes.Bad_InvalidState ? " (the instrument is busy or not ready)"
                : code == StatusCodes.Bad_UserAccessDenied ? " (the hub may not call it)" : "";
        return what + " answered " + name + meaning;
    }

    private static Set<String> policies(String list) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : list.split(",")) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no OPC UA security policy allowed");
        }
        return out;
    }

    /** The node ids of an instrument, from its connection settings. */
    record Nodes(String endpoint, String objectNode, Set<String> policies, String startMethod, String abortMethod,
            String statusNode, String runIdNode, String progressNode) {

        static Nodes of(JsonNode info) {
            String endpoint = text(info, "endpoint", null);
            if (endpoint == null || !endpoint.startsWith("opc.tcp://")) {
                throw new IllegalArgumentException("connectionInfo.endpoint must be an opc.tcp:// URL, was "
                        + (endpoint == null ? "missing" : "'" + endpoint + "'"));
            }
            String object = text(info, "objectNode", null);
            if (object == null) {
                throw new IllegalArgumentException("connectionInfo.objectNode (the instrument's object node id, "
                        + "e.g. nsu=urn:nanoos:labhub:simulator;s=Lab/XRD-1) is missing");
            }
            parse(object, "objectNode");
            String policies = text(info, "securityPolicies", null);
            Nodes n = new Nodes(endpoint, object, policies == null ? null : OpcUaExperimentDriver.policies(policies),
                    text(info, "startMethod", child(object, "StartExperiment")),
                    text(info, "abortMethod", child(object, "AbortExperiment")),
                    text(info, "statusNode", child(object, "Status")), text(info, "runIdNode", child(object, "RunId")),
                    text(info, "progressNode", child(object, "Progress")));
            for (String[] f : new String[][] {{n.startMethod, "startMethod"}, {n.abortMethod, "abortMethod"},
                {n.statusNode, "statusNode"}, {n.runIdNode, "runIdNode"}, {n.progressNode, "progressNode"}}) {
                if (f[0] == null) {
                    throw new IllegalArgumentException("connectionInfo." + f[1] + " is needed: the object node is "
                            + "not a string node id, so it cannot be derived");
                }
                parse(f[0], f[1]);
            }
            return n;
        }

        private static void parse(String id, String field) {
            try {
                ExpandedNodeId.parse(id);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("connectionInfo." + field + " '" + id + "' is not a node id");
            }
        }

        private static String child(String object, String name) {
            return object.contains(";s=") || object.startsWith("s=") ? object + "/" + name : null;
        }

        private static String text(JsonNode info, String field, String fallback) {
            JsonNode v = info == null ? null : info.get(field);
            return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : fallback;
        }
    }
}
