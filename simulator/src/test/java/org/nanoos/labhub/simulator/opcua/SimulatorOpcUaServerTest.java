package org.nanoos.labhub.simulator.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanoos.labhub.simulator.opcua.TestClients.ClientCertificate;

/**
 * The OPC UA server against a real Milo client over Basic256Sha256/SignAndEncrypt: address space, reads,
 * subscriptions during an experiment, methods and restarts.
 */
class SimulatorOpcUaServerTest {

    /** τ of the test stage: short, so that a run settles in about three seconds. */
    private static final double TAU_S = 0.5;
    private static final double AMBIENT_K = TemperatureStageInstrument.StageSettings.defaults().ambientK();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path pkiDir;
    private static ClientCertificate clientCertificate;

    private TemperatureStageInstrument stage;
    private SimulatorOpcUaServer server;
    private OpcUaClient client;

    @BeforeAll
    static void trustTheTestClient() throws Exception {
        clientCertificate = ClientCertificate.generate("simulator-test");
        clientCertificate.writeDer(pkiDir.resolve(ServerPki.TRUSTED_CERTS), "simulator-test.der");
    }

    @BeforeEach
    void startServerAndConnect() throws Exception {
        stage = new TemperatureStageInstrument("TS-1", TemperatureStageInstrument.StageSettings.defaults()
                .withTimeConstantS(TAU_S).withTickInterval(Duration.ofMillis(50)));
        server = new SimulatorOpcUaServer(
                OpcUaServerOptions.builder(pkiDir).port(TestClients.freePort()).build(),
                List.of(stage, new PatternTestInstrument("XRD-T"))).start();
        client = connect();
    }

    @AfterEach
    void disconnectAndStop() {
        TestClients.disconnect(client);
        server.close();
    }

    @Test
    void should_show_a_folder_per_instrument_under_lab_when_browsing_objects() throws Exception {
        assertThat(browseNames(NodeIds.ObjectsFolder)).contains("Lab");
        assertThat(browse(NodeIds.ObjectsFolder)).filteredOn(r -> r.getBrowseName().getName().equals("Lab"))
                .singleElement().satisfies(r -> assertThat(r.getNodeId().getIdentifier()).isEqualTo("Lab"));

        assertThat(browseNames(node("Lab"))).containsExactlyInAnyOrder("TS-1", "XRD-T");
        assertThat(browseNames(node("Lab/TS-1"))).containsExactlyInAnyOrder(
                "Status", "Progress", "RunId", "Temperature", "StartExperiment", "AbortExperiment");
        assertThat(browseNames(node("Lab/XRD-T/Pattern"))).containsExactlyInAnyOrder("TwoTheta", "Intensity");
        assertThat(browse(node("Lab/TS-1"))).filteredOn(r -> r.getNodeClass() == NodeClass.Method)
                .extracting(r -> r.getNodeId().getIdentifier())
                .containsExactlyInAnyOrder("Lab/TS-1/StartExperiment", "Lab/TS-1/AbortExperiment");
    }

    @Test
    void should_read_the_stage_temperature_in_kelvin_at_ambient_when_idle() throws Exception {
        DataValue temperature = read("Lab/TS-1/Temperature");
        DataValue status = read("Lab/TS-1/Status");

        assertThat(temperature.getStatusCode().isGood()).isTrue();
        assertThat((Double) temperature.getValue().getValue()).isCloseTo(AMBIENT_K, within(1e-9));
        assertThat(temperature.getSourceTime().getJavaInstant()).isBefore(Instant.now().plusSeconds(1));
        assertThat(status.getValue().getValue()).isEqualTo("IDLE");
        assertThat(read("Lab/TS-1/RunId").getValue().getValue()).isEqualTo("");

        List<ReferenceDescription> properties = browse(node("Lab/TS-1/Temperature"), NodeIds.HasProperty);
        assertThat(properties).extracting(r -> r.getBrowseName().getName()).containsExactly("EngineeringUnits");
        EUInformation unit = euInformation("Lab/TS-1/Temperature.EngineeringUnits");
        // OPC 10000-8 §5.6.3 gives kelvin (UNECE "KEL") as its example: UnitId 4932940.
        assertThat(unit.getUnitId()).isEqualTo(4932940);
        assertThat(unit.getNamespaceUri()).isEqualTo(EngineeringUnit.UNECE_NAMESPACE_URI);
        assertThat(unit.getDisplayName().getText()).isEqualTo("K");
    }

    @Test
    void should_stream_a_temperature_that_follows_the_first_order_law_while_the_stage_heats() throws Exception {
        Queue<DataValue> temperatures = new ConcurrentLinkedQueue<>();
        Queue<DataValue> statuses = new ConcurrentLinkedQueue<>();
        OpcUaSubscription subscription = subscribe(Map.of("Lab/TS-1/Temperature", temperatures,
                "Lab/TS-1/Status", statuses));

        // The ramp limit (100 K/s × 0.5 s = 50 K band) exceeds the 24.85 K step, so the response is the pure lag.
        CallMethodResult result = call("TS-1", SimulatorOpcUaServer.START_EXPERIMENT,
                Variant.ofString("{\"setpointK\": 320, \"rampKPerS\": 100}"));

        assertThat(result.getStatusCode().isGood()).isTrue();
        String runId = (String) result.getOutputArguments()[0].getValue();
        assertThat(runId).matches("TS-1-[0-9a-z]+-1");
        await().atMost(WAIT).until(() -> statuses.stream().anyMatch(v -> "DONE".equals(v.getValue().getValue())));
        assertThat(read("Lab/TS-1/RunId").getValue().getValue()).isEqualTo(runId);
        assertThat((Double) read("Lab/TS-1/Progress").getValue().getValue()).isEqualTo(1.0);
        subscription.delete();

        Instant start = statuses.stream().filter(v -> "RUNNING".equals(v.getValue().getValue())).findFirst()
                .orElseThrow().getSourceTime().getJavaInstant();
        List<DataValue> heating = temperatures.stream()
                .filter(v -> !v.getSourceTime().getJavaInstant().isBefore(start)).toList();
        assertThat(heating).hasSizeGreaterThan(5);
        double previous = Double.NEGATIVE_INFINITY;
        for (DataValue value : heating) {
            double t = Duration.between(start, value.getSourceTime().getJavaInstant()).toNanos() / 1e9;
            double kelvin = (Double) value.getValue().getValue();
            // T(t) = Tset − (Tset − T0)·exp(−t/τ), the solution of dT/dt = (Tset − T)/τ
            double expected = 320.0 - (320.0 - AMBIENT_K) * Math.exp(-t / TAU_S);
            assertThat(kelvin).as("T at t = %.3f s", t).isCloseTo(expected, within(1e-3));
            assertThat(kelvin).isGreaterThanOrEqualTo(previous);
            previous = kelvin;
        }
        assertThat(previous).isCloseTo(320.0, within(0.1));
    }

    @Test
    void should_switch_the_heater_off_when_the_experiment_is_aborted() throws Exception {
        Queue<DataValue> temperatures = new ConcurrentLinkedQueue<>();
        Queue<DataValue> statuses = new ConcurrentLinkedQueue<>();
        OpcUaSubscription subscription = subscribe(Map.of("Lab/TS-1/Temperature", temperatures,
                "Lab/TS-1/Status", statuses));
        assertThat(call("TS-1", SimulatorOpcUaServer.START_EXPERIMENT,
                Variant.ofString("{\"setpointK\": 500, \"rampKPerS\": 20}")).getStatusCode().isGood()).isTrue();
        await().atMost(WAIT).until(() -> temperatures.stream().anyMatch(v -> (Double) v.getValue().getValue() > 300));

        CallMethodResult aborted = call("TS-1", SimulatorOpcUaServer.ABORT_EXPERIMENT);

        assertThat(aborted.getStatusCode().isGood()).isTrue();
        assertThat(aborted.getOutputArguments()[0].getValue()).isEqualTo(true);
        await().atMost(WAIT).until(() -> statuses.stream().anyMatch(v -> "ABORTED".equals(v.getValue().getValue())));
        Instant abortedAt = statuses.stream().filter(v -> "ABORTED".equals(v.getValue().getValue())).findFirst()
                .orElseThrow().getSourceTime().getJavaInstant();
        await().atMost(WAIT).until(() -> temperatures.stream()
                .anyMatch(v -> v.getSourceTime().getJavaInstant().isAfter(abortedAt.plusMillis(500))));
        subscription.delete();
        Instant startedAt = statuses.stream().filter(v -> "RUNNING".equals(v.getValue().getValue())).findFirst()
                .orElseThrow().getSourceTime().getJavaInstant();
        // far from the setpoint (more than r·τ = 10 K away) the stage follows the 20 K/s ramp
        double atAbort = AMBIENT_K + 20.0 * Duration.between(startedAt, abortedAt).toNanos() / 1e9;
        assertThat(atAbort).isGreaterThan(300.0);
        for (DataValue value : temperatures) {
            Instant time = value.getSourceTime().getJavaInstant();
            double kelvin = (Double) value.getValue().getValue();
            if (time.isBefore(startedAt)) {
                continue;
            }
            if (!time.isAfter(abortedAt)) {
                double t = Duration.between(startedAt, time).toNanos() / 1e9;
                assertThat(kelvin).as("T at %.3f s of heating", t).isCloseTo(AMBIENT_K + 20.0 * t, within(1e-3));
            } else {
                double t = Duration.between(abortedAt, time).toNanos() / 1e9;
                // heater off: Newton cooling toward ambient, T(t) = Ta + (T_abort − Ta)·exp(−t/τ)
                double expected = AMBIENT_K + (atAbort - AMBIENT_K) * Math.exp(-t / TAU_S);
                assertThat(kelvin).as("T at %.3f s after abort", t).isCloseTo(expected, within(1e-3));
            }
        }
        assertThat(temperatures).anySatisfy(v -> assertThat(v.getSourceTime().getJavaInstant()).isAfter(abortedAt));
        assertThat(call("TS-1", SimulatorOpcUaServer.ABORT_EXPERIMENT).getOutputArguments()[0].getValue())
                .isEqualTo(false);
        assertThat(read("Lab/TS-1/Status").getValue().getValue()).isEqualTo("ABORTED");
    }

    @Test
    void should_answer_bad_invalid_argument_for_bad_parameters_and_bad_invalid_state_while_running()
            throws Exception {
        assertThat(call("TS-1", SimulatorOpcUaServer.START_EXPERIMENT, Variant.ofString("{\"setpointK\": \"hot\"}"))
                .getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_InvalidArgument);
        assertThat(call("TS-1", SimulatorOpcUaServer.START_EXPERIMENT, Variant.ofString("setpoint 500"))
                .getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_InvalidArgument);
        assertThat(call("TS-1", SimulatorOpcUaServer.START_EXPERIMENT, Variant.ofString("{\"setpointC\": 200}"))
                .getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_InvalidArgument);
        assertThat(call("TS-1", SimulatorOpcUaServer.START_EXPERIMENT, Variant.ofInt32(500))
                .getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_InvalidArgument);
        assertThat(read("Lab/TS-1/Status").getValue().getValue()).isEqualTo("IDLE");

        CallMethodResult first = call("TS-1", SimulatorOpcUaServer.START_EXPERIMENT,
                Variant.ofString("{\"setpointK\": 900, \"rampKPerS\": 0.5}"));
        CallMethodResult second = call("TS-1", SimulatorOpcUaServer.START_EXPERIMENT,
                Variant.ofString("{\"setpointK\": 400}"));

        assertThat(first.getStatusCode().isGood()).isTrue();
        assertThat(second.getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_InvalidState);
        assertThat(read("Lab/TS-1/RunId").getValue().getValue()).isEqualTo(first.getOutputArguments()[0].getValue());
    }

    @Test
    void should_publish_arrays_with_units_in_sub_folders_for_a_generic_instrument() throws Exception {
        CallMethodResult result = call("XRD-T", SimulatorOpcUaServer.START_EXPERIMENT,
                Variant.ofString("{\"points\": 81}"));

        assertThat(result.getStatusCode().isGood()).isTrue();
        await().atMost(WAIT).until(() -> "DONE".equals(read("Lab/XRD-T/Status").getValue().getValue()));
        Object twoTheta = read("Lab/XRD-T/Pattern/TwoTheta").getValue().getValue();
        Object intensity = read("Lab/XRD-T/Pattern/Intensity").getValue().getValue();
        // the server sets primitive double[]; Milo 1.0.8's client decodes a Double array as boxed Double[]
        assertThat(twoTheta).isInstanceOf(Double[].class);
        assertThat((Double[]) twoTheta).hasSize(81).startsWith(20.0).endsWith(60.0);
        assertThat((Double[]) intensity).hasSize(81);
        assertThat(((Double[]) intensity)[40]).isCloseTo(1100.0, within(1e-9));
        assertThat(read("Lab/XRD-T/Points").getValue().getValue()).isEqualTo(81);
        assertThat(read("Lab/XRD-T/Shutter/Open").getValue().getValue()).isEqualTo(true);
        assertThat(read("Lab/XRD-T/RunId").getValue().getValue()).isEqualTo(result.getOutputArguments()[0].getValue());
        assertThat(euInformation("Lab/XRD-T/Pattern/TwoTheta.EngineeringUnits").getUnitId())
                .isEqualTo(('D' << 8) | 'D');
    }

    @Test
    void should_serve_again_and_bring_subscriptions_back_after_a_restart_on_the_same_port() throws Exception {
        Queue<DataValue> temperatures = new ConcurrentLinkedQueue<>();
        OpcUaSubscription subscription = subscribe(Map.of("Lab/TS-1/Temperature", temperatures));
        AtomicReference<StatusCode> transferFailure = recreateWhenTransferFails(subscription);
        await().atMost(WAIT).until(() -> !temperatures.isEmpty());
        var certificate = server.certificate();
        int port = server.options().port();

        server.close();

        assertThat(server.isRunning()).isFalse();
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(probe.getLocalPort()).as("port released").isEqualTo(port);
        }
        Instant restarted = Instant.now();
        server.start();

        assertThat(server.certificate()).isEqualTo(certificate);
        await().atMost(WAIT).ignoreExceptions().until(() -> read("Lab/TS-1/Status").getStatusCode().isGood());
        await().atMost(WAIT).until(() -> temperatures.stream()
                .anyMatch(v -> v.getSourceTime().getJavaInstant().isAfter(restarted)));
        assertThat(transferFailure.get()).as("the old subscription could not move to the new server").isNotNull();
        CallMethodResult started = call("TS-1", SimulatorOpcUaServer.START_EXPERIMENT,
                Variant.ofString("{\"setpointK\": 300}"));
        assertThat(started.getStatusCode().isGood()).isTrue();
        assertThat((String) started.getOutputArguments()[0].getValue()).matches("TS-1-[0-9a-z]+-1");
    }

    @Test
    void should_keep_its_certificate_in_the_pki_directory_for_a_new_server_instance() throws Exception {
        String applicationUri = server.applicationUri();
        var certificate = server.certificate();
        TestClients.disconnect(client);
        server.close();

        server = new SimulatorOpcUaServer(OpcUaServerOptions.builder(pkiDir).port(server.options().port()).build(),
                List.of(stage)).start();
        client = connect();

        assertThat(server.certificate()).isEqualTo(certificate);
        assertThat(server.applicationUri()).isEqualTo(applicationUri).startsWith(ServerPki.APPLICATION_URI_PREFIX);
        assertThat(server.certificateFile()).hasBinaryContent(certificate.getEncoded());
        assertThat((Double) read("Lab/TS-1/Temperature").getValue().getValue()).isCloseTo(AMBIENT_K, within(1e-6));
    }

    @Test
    void should_refuse_a_second_start_and_name_the_port_when_it_is_taken() {
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);

        SimulatorOpcUaServer rival = new SimulatorOpcUaServer(
                OpcUaServerOptions.builder(pkiDir).port(server.options().port()).build(),
                List.of(new TemperatureStageInstrument("TS-9")));

        assertThatThrownBy(rival::start).isInstanceOf(OpcUaServerException.class)
                .hasMessageContaining(":" + server.options().port());
        assertThat(rival.isRunning()).isFalse();
    }

    private OpcUaClient connect() throws UaException {
        return TestClients.connect(server, SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt,
                clientCertificate);
    }

    private NodeId node(String path) {
        return TestClients.node(client, path);
    }

    private DataValue read(String path) throws UaException {
        return client.readValue(0.0, TimestampsToReturn.Both, node(path));
    }

    private EUInformation euInformation(String path) throws UaException {
        Object value = read(path).getValue().getValue();
        assertThat(value).isInstanceOf(ExtensionObject.class);
        return (EUInformation) ((ExtensionObject) value).decode(client.getStaticEncodingContext());
    }

    private CallMethodResult call(String instrumentId, String method, Variant... inputs) throws UaException {
        CallMethodRequest request = new CallMethodRequest(node("Lab/" + instrumentId),
                node(SimulatorOpcUaServer.nodePath(instrumentId, method)), inputs);
        return client.call(List.of(request)).getResults()[0];
    }

    private List<ReferenceDescription> browse(NodeId nodeId) throws UaException {
        return browse(nodeId, NodeIds.HierarchicalReferences);
    }

    private List<ReferenceDescription> browse(NodeId nodeId, NodeId referenceType) throws UaException {
        BrowseDescription description = new BrowseDescription(nodeId, BrowseDirection.Forward, referenceType, true,
                uint(0), uint(BrowseResultMask.All.getValue()));
        ReferenceDescription[] references = client.browse(description).getReferences();
        return references == null ? List.of() : List.of(references);
    }

    private List<String> browseNames(NodeId nodeId) throws UaException {
        return browse(nodeId).stream().map(r -> r.getBrowseName().getName()).collect(Collectors.toList());
    }

    private OpcUaSubscription subscribe(Map<String, Queue<DataValue>> sinks) throws Exception {
        OpcUaSubscription subscription = new OpcUaSubscription(client, 50.0);
        subscription.create();
        List<OpcUaMonitoredItem> items = new ArrayList<>();
        sinks.forEach((path, queue) -> {
            OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(node(path));
            item.setSamplingInterval(10.0);
            item.setQueueSize(uint(1000));
            item.setDataValueListener((monitoredItem, value) -> queue.add(value));
            items.add(item);
        });
        subscription.addMonitoredItems(items);
        subscription.synchronizeMonitoredItems();
        return subscription;
    }

    /**
     * What a client of Milo 1.0 does so that its data comes back after a server restart: the new server cannot take
     * over the old subscription, so the client creates it again with the same monitored items.
     */
    private static AtomicReference<StatusCode> recreateWhenTransferFails(OpcUaSubscription subscription) {
        AtomicReference<StatusCode> failure = new AtomicReference<>();
        subscription.setSubscriptionListener(new OpcUaSubscription.SubscriptionListener() {
            @Override
            public void onTransferFailed(OpcUaSubscription s, StatusCode status) {
                failure.set(status);
                CompletableFuture.runAsync(() -> {
                    try {
                        s.create();
                        s.synchronizeMonitoredItems();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        });
        return failure;
    }
}
