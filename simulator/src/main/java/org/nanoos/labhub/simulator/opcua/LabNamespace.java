package org.nanoos.labhub.simulator.opcua;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.core.ValueRanks;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.methods.MethodInvocationHandler;
import org.eclipse.milo.opcua.sdk.server.model.variables.BaseAnalogType;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;

/**
 * The address space of the simulated instruments, namespace {@link SimulatorOpcUaServer#NAMESPACE_URI}: the folder
 * {@code Lab} under Objects, a folder {@code Lab/<id>} per instrument holding its variables (sub-folders where a
 * name has a {@code /}) and the methods StartExperiment and AbortExperiment. Node ids are the paths as strings.
 * Subscriptions sample the variable nodes ({@link SubscriptionModel}), except those of variables declared
 * {@link InstrumentVariable#everyValue() every value}, whose monitored items are handed each value the instrument
 * sets; instruments set them through a {@link VariableSink}.
 */
final class LabNamespace extends ManagedNamespaceWithLifecycle {

    private static final Pattern INSTRUMENT_ID = Pattern.compile("[A-Za-z0-9._-]+");

    private final SubscriptionModel subscriptionModel;
    private final List<SimulatedOpcUaInstrument> instruments;
    private final Map<String, Supplier<String>> runIds;
    private final Map<String, Map<String, Binding>> bindings = new ConcurrentHashMap<>();
    private final Map<NodeId, Binding> byNode = new ConcurrentHashMap<>();

    /**
     * @param runIds for each instrument id, where its StartExperiment takes new run ids from
     */
    LabNamespace(OpcUaServer server, List<SimulatedOpcUaInstrument> instruments,
                 Map<String, Supplier<String>> runIds) {
        super(server, SimulatorOpcUaServer.NAMESPACE_URI);
        this.instruments = List.copyOf(instruments);
        this.runIds = Map.copyOf(runIds);
        this.subscriptionModel = new SubscriptionModel(server, this);
        getLifecycleManager().addLifecycle(subscriptionModel);
        getLifecycleManager().addStartupTask(this::createNodes);
    }

    /**
     * Checks that instrument ids are unique and well formed and that each instrument's variables have unique names
     * that fit in its folder beside the standard ones.
     *
     * @throws IllegalArgumentException naming the first problem
     */
    static void validate(List<? extends SimulatedOpcUaInstrument> instruments) {
        Set<String> ids = new HashSet<>();
        for (SimulatedOpcUaInstrument instrument : instruments) {
            String id = instrument.id();
            if (id == null || !INSTRUMENT_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("instrument id must be letters, digits, '.', '-' or '_', was '"
                        + id + "'");
            }
            if (!ids.add(id)) {
                throw new IllegalArgumentException("two instruments have the id " + id);
            }
            Set<String> variables = new HashSet<>(InstrumentVariable.STANDARD_NAMES);
            Set<String> folders = new HashSet<>();
            for (InstrumentVariable variable : instrument.variables()) {
                String name = variable.name();
                if (InstrumentVariable.STANDARD_NAMES.contains(name)) {
                    throw new IllegalArgumentException(id + " declares '" + name
                            + "', which the server provides for every instrument");
                }
                if (name.equals(SimulatorOpcUaServer.START_EXPERIMENT)
                        || name.equals(SimulatorOpcUaServer.ABORT_EXPERIMENT)) {
                    throw new IllegalArgumentException(id + " declares '" + name + "', the name of a method");
                }
                if (!variables.add(name)) {
                    throw new IllegalArgumentException(id + " declares '" + name + "' twice");
                }
                for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                    folders.add(name.substring(0, slash));
                }
            }
            for (String folder : folders) {
                if (variables.contains(folder)) {
                    throw new IllegalArgumentException(id + " has '" + folder
                            + "' as a variable and as a folder of other variables");
                }
            }
        }
    }

    /** Where the instrument {@code instrumentId} sets its variables; valid once the namespace has started. */
    VariableSink sink(String instrumentId) {
        Map<String, Binding> variables = bindings.get(instrumentId);
        if (variables == null) {
            throw new IllegalStateException("no nodes for instrument " + instrumentId + "; namespace not started?");
        }
        return (name, value, sourceTime) -> {
            Binding binding = variables.get(name);
            if (binding == null) {
                throw new IllegalArgumentException(instrumentId + " has no variable '" + name + "'; declared: "
                        + variables.keySet());
            }
            binding.set(value, sourceTime);
        };
    }

    private void createNodes() {
        UaFolderNode lab = folder(SimulatorOpcUaServer.ROOT_FOLDER, SimulatorOpcUaServer.ROOT_FOLDER,
                "Simulated lab instruments, one folder each.");
        lab.addReference(new Reference(lab.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(),
                false));
        for (SimulatedOpcUaInstrument instrument : instruments) {
            String path = SimulatorOpcUaServer.ROOT_FOLDER + "/" + instrument.id();
            UaFolderNode instrumentFolder = folder(path, instrument.id(), instrument.description());
            lab.addOrganizes(instrumentFolder);

            List<InstrumentVariable> declared = new ArrayList<>();
            declared.add(InstrumentVariable.status());
            declared.add(InstrumentVariable.progress());
            declared.add(InstrumentVariable.runId());
            declared.addAll(instrument.variables());

            Map<String, UaFolderNode> folders = new HashMap<>();
            folders.put("", instrumentFolder);
            Map<String, Binding> variables = new LinkedHashMap<>();
            for (InstrumentVariable variable : declared) {
                String name = variable.name();
                int slash = name.lastIndexOf('/');
                UaFolderNode parent = subFolder(folders, path, slash < 0 ? "" : name.substring(0, slash));
                UaVariableNode node = variableNode(path + "/" + name, variable);
                parent.addOrganizes(node);
                Binding binding = new Binding(node, variable.type(), variable.everyValue());
                variables.put(name, binding);
                byNode.put(node.getNodeId(), binding);
            }
            bindings.put(instrument.id(), Map.copyOf(variables));

            Supplier<String> instrumentRunIds = runIds.get(instrument.id());
            UaMethodNode start = methodNode(path, SimulatorOpcUaServer.START_EXPERIMENT,
                    "Starts an experiment with parameters given as a JSON object; returns its run id.");
            StartExperimentMethod startHandler = new StartExperimentMethod(start, instrument, instrumentRunIds);
            install(instrumentFolder, start, startHandler.getInputArguments(), startHandler.getOutputArguments(),
                    startHandler);
            UaMethodNode abort = methodNode(path, SimulatorOpcUaServer.ABORT_EXPERIMENT,
                    "Aborts the running experiment; returns false when none was running.");
            AbortExperimentMethod abortHandler = new AbortExperimentMethod(abort, instrument);
            install(instrumentFolder, abort, abortHandler.getInputArguments(), abortHandler.getOutputArguments(),
                    abortHandler);
        }
    }

    private UaFolderNode folder(String path, String name, String description) {
        UaFolderNode folder = new UaFolderNode(getNodeContext(), newNodeId(path), newQualifiedName(name),
                LocalizedText.english(name));
        folder.setDescription(LocalizedText.english(description));
        getNodeManager().addNode(folder);
        return folder;
    }

    private UaFolderNode subFolder(Map<String, UaFolderNode> folders, String instrumentPath, String relative) {
        UaFolderNode existing = folders.get(relative);
        if (existing != null) {
            return existing;
        }
        int slash = relative.lastIndexOf('/');
        UaFolderNode parent = subFolder(folders, instrumentPath, slash < 0 ? "" : relative.substring(0, slash));
        String name = relative.substring(slash + 1);
        UaFolderNode folder = folder(instrumentPath + "/" + relative, name, name);
        parent.addOrganizes(folder);
        folders.put(relative, folder);
        return folder;
    }

    private UaVariableNode variableNode(String path, InstrumentVariable variable) {
        VariableType type = variable.type();
        UaVariableNode.UaVariableNodeBuilder builder = UaVariableNode.builder(getNodeContext())
                .setNodeId(newNodeId(path))
                .setBrowseName(newQualifiedName(variable.browseName()))
                .setDisplayName(LocalizedText.english(variable.browseName()))
                .setDescription(LocalizedText.english(variable.description()))
                .setDataType(type.dataType())
                .setTypeDefinition(variable.unit() != null ? NodeIds.BaseAnalogType : NodeIds.BaseDataVariableType)
                .setAccessLevel(AccessLevel.READ_ONLY)
                .setUserAccessLevel(AccessLevel.READ_ONLY)
                .setValue(new DataValue(type.toVariant(variable.initialValue()), StatusCode.GOOD, DateTime.now()));
        if (type.isArray()) {
            builder.setValueRank(ValueRanks.OneDimension).setArrayDimensions(new UInteger[] {Unsigned.uint(0)});
        } else {
            builder.setValueRank(ValueRanks.Scalar);
        }
        UaVariableNode node = builder.build();
        getNodeManager().addNode(node);
        if (variable.unit() != null) {
            node.setProperty(BaseAnalogType.ENGINEERING_UNITS, variable.unit().toEuInformation());
        }
        return node;
    }

    private UaMethodNode methodNode(String instrumentPath, String name, String description) {
        return UaMethodNode.builder(getNodeContext())
                .setNodeId(newNodeId(instrumentPath + "/" + name))
                .setBrowseName(newQualifiedName(name))
                .setDisplayName(LocalizedText.english(name))
                .setDescription(LocalizedText.english(description))
                .setExecutable(true)
                .setUserExecutable(true)
                .build();
    }

    private void install(UaFolderNode owner, UaMethodNode node, Argument[] inputs, Argument[] outputs,
                         MethodInvocationHandler handler) {
        node.setInputArguments(inputs);
        node.setOutputArguments(outputs);
        node.setInvocationHandler(handler);
        getNodeManager().addNode(node);
        owner.addComponent(node);
    }

    @Override
    public void onDataItemsCreated(List<DataItem> dataItems) {
        List<DataItem> sampled = new ArrayList<>();
        for (DataItem item : dataItems) {
            Binding binding = everyValueBinding(item);
            if (binding == null) {
                sampled.add(item);
            } else {
                binding.add(item);
            }
        }
        subscriptionModel.onDataItemsCreated(sampled);
    }

    @Override
    public void onDataItemsModified(List<DataItem> dataItems) {
        subscriptionModel.onDataItemsModified(dataItems);
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> dataItems) {
        for (DataItem item : dataItems) {
            Binding binding = everyValueBinding(item);
            if (binding != null) {
                binding.remove(item);
            }
        }
        subscriptionModel.onDataItemsDeleted(dataItems);
    }

    /** The binding whose every value the item gets: a whole Value attribute of an every-value variable; or null. */
    private Binding everyValueBinding(DataItem item) {
        ReadValueId read = item.getReadValueId();
        Binding binding = byNode.get(read.getNodeId());
        boolean wholeValue = AttributeId.Value.isEqual(read.getAttributeId())
                && (read.getIndexRange() == null || read.getIndexRange().isEmpty());
        return binding != null && binding.everyValue() && wholeValue ? binding : null;
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {
        subscriptionModel.onMonitoringModeChanged(monitoredItems);
    }

    /**
     * A variable node and the type its values must have; for an every-value variable also the monitored items that
     * get each value set, in the order set.
     */
    private static final class Binding {

        private final UaVariableNode node;
        private final VariableType type;
        private final boolean everyValue;
        private final Set<DataItem> items = ConcurrentHashMap.newKeySet();

        Binding(UaVariableNode node, VariableType type, boolean everyValue) {
            this.node = node;
            this.type = type;
            this.everyValue = everyValue;
        }

        boolean everyValue() {
            return everyValue;
        }

        /** Starts handing values to the item, the current one first, as a sampled item's first sample would be. */
        synchronized void add(DataItem item) {
            items.add(item);
            report(item, node.getValue());
        }

        void remove(DataItem item) {
            items.remove(item);
        }

        synchronized void set(Object value, Instant sourceTime) {
            DataValue dataValue = new DataValue(type.toVariant(value), StatusCode.GOOD, new DateTime(sourceTime),
                    DateTime.now());
            node.setValue(dataValue);
            items.forEach(item -> report(item, dataValue));
        }

        private static void report(DataItem item, DataValue value) {
            if (item.isSamplingEnabled()) {
                TimestampsToReturn timestamps = item.getTimestampsToReturn();
                item.setValue(timestamps == null ? value : DataValue.derivedValue(value, timestamps));
            }
        }
    }
}
