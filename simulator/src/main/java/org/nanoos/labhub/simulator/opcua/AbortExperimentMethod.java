package org.nanoos.labhub.simulator.opcua;

import java.util.Objects;
import org.eclipse.milo.opcua.sdk.core.ValueRanks;
import org.eclipse.milo.opcua.sdk.server.methods.AbstractMethodInvocationHandler;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;

/**
 * {@code AbortExperiment() → ok: Boolean} on an instrument: calls {@link SimulatedOpcUaInstrument#abort()}; ok is
 * false when no experiment was running.
 */
final class AbortExperimentMethod extends AbstractMethodInvocationHandler {

    /** Output: whether a running experiment was aborted. */
    static final Argument OK = new Argument("ok", NodeIds.Boolean, ValueRanks.Scalar, null,
            LocalizedText.english("True if a running experiment was aborted, false if none was running."));

    private final SimulatedOpcUaInstrument instrument;

    AbortExperimentMethod(UaMethodNode node, SimulatedOpcUaInstrument instrument) {
        super(node);
        this.instrument = Objects.requireNonNull(instrument, "instrument");
    }

    @Override
    public Argument[] getInputArguments() {
        return new Argument[0];
    }

    @Override
    public Argument[] getOutputArguments() {
        return new Argument[] {OK};
    }

    @Override
    protected Variant[] invoke(InvocationContext invocationContext, Variant[] inputValues) {
        return new Variant[] {Variant.ofBoolean(instrument.abort())};
    }
}
