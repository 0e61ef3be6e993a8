package org.nanoos.labhub.simulator.instruments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanoos.labhub.simulator.opcua.OpcUaServerOptions;
import org.nanoos.labhub.simulator.opcua.SimulatedOpcUaInstrument;
import org.nanoos.labhub.simulator.opcua.SimulatorOpcUaServer;
import org.nanoos.labhub.simulator.opcua.TemperatureStageInstrument;

/**
 * The demo set on a real simulator OPC UA server, read by a real Milo client (SecurityPolicy None, which the server
 * offers only on request): an XRD run started through the StartExperiment method, its pattern read back with the
 * pairing timestamps, and engineering units.
 */
class DemoInstrumentsTest {

    @TempDir
    Path pkiDir;
    private SimulatorOpcUaServer server;
    private OpcUaClient client;

    @BeforeEach
    void startServerAndConnect() throws Exception {
        server = new SimulatorOpcUaServer(OpcUaServerOptions.builder(pkiDir).port(freePort()).allowNone(true).build(),
                DemoInstruments.opcUaInstruments()).start();
        client = OpcUaClient.create(server.endpointUrl(),
                endpoints -> endpoints.stream()
                        .filter(e -> SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri()))
                        .findFirst(),
                transport -> { },
                config -> config.setApplicationName(LocalizedText.english("labhub demo instruments test"))
                        .setApplicationUri("urn:nanoos:labhub:test-client:demo-instruments"));
        client.connect();
    }

    @AfterEach
    void disconnectAndStop() {
        if (client != null) {
            try {
                client.disconnect();
            } catch (UaException e) {
                // the server may be gone already
            }
        }
        server.close();
    }

    @Test
    void should_build_xrd_uvvis_pcm_and_heating_stage_with_their_ids() {
        List<SimulatedOpcUaInstrument> instruments = DemoInstruments.opcUaInstruments();

        assertThat(instruments).extracting(SimulatedOpcUaInstrument::id)
                .containsExactly("XRD-1", "UVVIS-1", "PCM-1", "TS-1");
        assertThat(instruments.get(0)).isInstanceOfSatisfying(XrdOpcUaInstrument.class,
                xrd -> assertThat(xrd.defaults().crystal().name()).isEqualTo("Si (diamond)"));
        assertThat(instruments.get(1)).isInstanceOf(UvVisOpcUaInstrument.class);
        assertThat(instruments.get(2)).isInstanceOf(PcmOpcUaInstrument.class);
        assertThat(instruments.get(3)).isInstanceOf(TemperatureStageInstrument.class);
        // new instances every call: two servers never share an instrument
        assertThat(DemoInstruments.opcUaInstruments().get(0)).isNotSameAs(instruments.get(0));
    }

    @Test
    void should_build_the_battery_cycler_for_the_broker_without_starting_it() {
        BatteryCyclerMqtt cycler = DemoInstruments.batteryCycler("tcp://127.0.0.1:1");
        try {
            assertThat(cycler.options().instrumentId()).isEqualTo("CYCLER-1");
            assertThat(cycler.options().brokerUrl()).isEqualTo("tcp://127.0.0.1:1");
            assertThat(cycler.samplesPublished()).isZero();
            assertThat(cycler.isConnected()).isFalse();
            assertThat(cycler.options().autoStart()).isTrue();
        } finally {
            cycler.close();
        }
    }

    @Test
    void should_build_a_battery_cycler_that_waits_for_the_hubs_commands() {
        BatteryCyclerMqtt cycler = DemoInstruments.commandedBatteryCycler("tcp://127.0.0.1:1");
        try {
            assertThat(cycler.options().autoStart()).isFalse();
            assertThat(cycler.commandTopic()).isEqualTo("labhub/instruments/CYCLER-1/command");
            assertThat(cycler.stateTopic()).isEqualTo("labhub/instruments/CYCLER-1/state");
            assertThat(cycler.status()).isEmpty();
        } finally {
            cycler.close();
        }
    }

    @Test
    void should_run_a_silicon_scan_started_over_opc_ua_and_serve_the_paired_pattern() throws Exception {
        assertThat(read("Lab/XRD-1/Sample/LatticeConstant").getValue().getValue()).isEqualTo(5.431);
        String json = "{\"structure\":\"diamond\",\"element\":\"Si\",\"a\":5.431,\"start\":20,\"stop\":90,"
                + "\"step\":0.02,\"countTimeS\":0.5,\"crystalliteSizeNm\":50,\"speedUp\":5000,\"seed\":42}";

        CallMethodResult result = call("XRD-1", "StartExperiment", Variant.ofString(json));

        assertThat(result.getStatusCode().isGood()).isTrue();
        String runId = (String) result.getOutputArguments()[0].getValue();
        // 3501 steps of 0.5 s at 5000x: 0.35 s
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "DONE".equals(read("Lab/XRD-1/Status").getValue().getValue()));
        DataValue twoTheta = read("Lab/XRD-1/Pattern/TwoTheta");
        DataValue intensity = read("Lab/XRD-1/Pattern/Intensity");
        DataValue points = read("Lab/XRD-1/Pattern/Points");
        DataValue lastRunId = read("Lab/XRD-1/LastRunId");
        assertThat(twoTheta.getSourceTime()).isEqualTo(intensity.getSourceTime())
                .isEqualTo(points.getSourceTime()).isEqualTo(lastRunId.getSourceTime());
        double[] angles = toDoubles(twoTheta.getValue().getValue());
        double[] counts = toDoubles(intensity.getValue().getValue());
        assertThat(angles).hasSize(3501).hasSameSizeAs(counts);
        assertThat(points.getValue().getValue()).isEqualTo(3501);
        assertThat(lastRunId.getValue().getValue()).isEqualTo(runId);
        // Si 111 with Cu Kα1 at 2θ = 28.443° (ICDD PDF 27-1402), within one step
        assertThat(Peaks.strongestPeak(angles, counts)).isCloseTo(28.443, within(0.02));
        // Å is UNECE "A11": UnitId 0x413131
        EUInformation angstrom = euInformation("Lab/XRD-1/Sample/LatticeConstant.EngineeringUnits");
        assertThat(angstrom.getUnitId()).isEqualTo(0x413131);
        assertThat(angstrom.getDisplayName().getText()).isEqualTo("Å");
    }

    @Test
    void should_answer_bad_invalid_argument_for_parameters_the_instruments_reject() throws Exception {
        CallMethodResult xrd = call("XRD-1", "StartExperiment", Variant.ofString("{\"structure\":\"perovskite\"}"));
        CallMethodResult pcm = call("PCM-1", "StartExperiment", Variant.ofString("{\"maxTemperatureK\":900}"));

        assertThat(xrd.getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_InvalidArgument);
        assertThat(pcm.getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_InvalidArgument);
        assertThat(read("Lab/XRD-1/Status").getValue().getValue()).isEqualTo("IDLE");
        // Ω is UNECE "OHM"
        assertThat(euInformation("Lab/PCM-1/Resistance.EngineeringUnits").getUnitId()).isEqualTo(0x4F484D);
    }

    private DataValue read(String path) throws UaException {
        return client.readValue(0.0, TimestampsToReturn.Both, node(path));
    }

    private EUInformation euInformation(String path) throws UaException {
        Object value = read(path).getValue().getValue();
        return (EUInformation) ((ExtensionObject) value).decode(client.getStaticEncodingContext());
    }

    private CallMethodResult call(String instrumentId, String method, Variant... inputs) throws UaException {
        CallMethodRequest request = new CallMethodRequest(node("Lab/" + instrumentId),
                node(SimulatorOpcUaServer.nodePath(instrumentId, method)), inputs);
        return client.call(List.of(request)).getResults()[0];
    }

    private NodeId node(String path) {
        UShort index = client.getNamespaceTable().getIndex(SimulatorOpcUaServer.NAMESPACE_URI);
        return new NodeId(Objects.requireNonNull(index, "namespace not on the server"), path);
    }

    private static double[] toDoubles(Object value) {
        Double[] boxed = (Double[]) value;
        double[] array = new double[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            array[i] = boxed[i];
        }
        return array;
    }

    /** A free TCP port on the loopback interface (Milo cannot bind port 0). */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
