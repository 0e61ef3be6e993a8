package org.nanoos.labhub.simulator.opcua;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.eclipse.milo.opcua.sdk.core.ValueRanks;
import org.eclipse.milo.opcua.sdk.server.methods.AbstractMethodInvocationHandler;
import org.eclipse.milo.opcua.sdk.server.methods.InvalidArgumentException;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.nanoos.labhub.simulator.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code StartExperiment(parametersJson: String) → runId: String} on an instrument: parses the JSON object, makes a
 * run id and calls {@link SimulatedOpcUaInstrument#start(Map, String)}. Bad JSON or parameters answer
 * Bad_InvalidArgument, an instrument that is already running Bad_InvalidState; the reason goes to the log.
 */
final class StartExperimentMethod extends AbstractMethodInvocationHandler {

    /** Input: the experiment's parameters as a JSON object, e.g. {@code {"setpointK": 500}}. */
    static final Argument PARAMETERS_JSON = new Argument("parametersJson", NodeIds.String, ValueRanks.Scalar, null,
            LocalizedText.english("Parameters of the experiment as a JSON object; empty for the defaults."));

    /** Output: the run id. */
    static final Argument RUN_ID = new Argument("runId", NodeIds.String, ValueRanks.Scalar, null,
            LocalizedText.english("Id of the started experiment, also published as RunId."));

    private static final Logger LOG = LoggerFactory.getLogger(StartExperimentMethod.class);

    private final SimulatedOpcUaInstrument instrument;
    private final Supplier<String> runIds;

    StartExperimentMethod(UaMethodNode node, SimulatedOpcUaInstrument instrument, Supplier<String> runIds) {
        super(node);
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.runIds = Objects.requireNonNull(runIds, "runIds");
    }

    @Override
    public Argument[] getInputArguments() {
        return new Argument[] {PARAMETERS_JSON};
    }

    @Override
    public Argument[] getOutputArguments() {
        return new Argument[] {RUN_ID};
    }

    @Override
    protected Variant[] invoke(InvocationContext invocationContext, Variant[] inputValues) throws UaException {
        String json = (String) inputValues[0].getValue();
        Map<String, Object> parameters;
        try {
            parameters = Json.parseObject(json);
        } catch (IllegalArgumentException e) {
            LOG.info("{}: StartExperiment rejected: {}", instrument.id(), e.getMessage());
            throw new InvalidArgumentException(new StatusCode[] {new StatusCode(StatusCodes.Bad_InvalidArgument)});
        }
        String runId = runIds.get();
        try {
            instrument.start(parameters, runId);
        } catch (IllegalArgumentException e) {
            LOG.info("{}: StartExperiment rejected: {}", instrument.id(), e.getMessage());
            throw new InvalidArgumentException(new StatusCode[] {new StatusCode(StatusCodes.Bad_InvalidArgument)});
        } catch (IllegalStateException e) {
            LOG.info("{}: StartExperiment refused: {}", instrument.id(), e.getMessage());
            throw new UaException(StatusCodes.Bad_InvalidState, e.getMessage());
        }
        return new Variant[] {Variant.ofString(runId)};
    }
}
