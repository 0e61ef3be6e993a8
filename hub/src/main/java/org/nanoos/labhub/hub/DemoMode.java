package org.nanoos.labhub.hub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.camel.CamelContext;
import org.nanoos.labhub.processors.experiments.ExperimentService;
import org.nanoos.labhub.processors.experiments.ExperimentType;
import org.nanoos.labhub.processors.experiments.SubmitRequest;
import org.nanoos.labhub.processors.instruments.Instrument;
import org.nanoos.labhub.processors.instruments.InstrumentRepository;
import org.nanoos.labhub.simulator.cvdtool.CvdToolServer;
import org.nanoos.labhub.simulator.SimulatorOptions;
import org.nanoos.labhub.simulator.instruments.BatteryCyclerMqtt;
import org.nanoos.labhub.simulator.instruments.DemoInstruments;
import org.nanoos.labhub.simulator.opcua.OpcUaServerOptions;
import org.nanoos.labhub.simulator.opcua.SimulatorOpcUaServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's demo mode ({@code --demo}): the simulated instruments in-process and wired as a lab engineer would wire
 * real ones — the CVD reactor driven over its REST API and the battery cycler over MQTT commands, both publishing
 * their data over MQTT, the XRD, UV-Vis, PCM tester and
 * temperature stage on an OPC UA server, trusted both ways through the same certificate files an operator copies,
 * registered in the instrument registry with their node mappings (so their ingestion routes come from the registry,
 * as for any instrument) — and one experiment run submitted to each OPC UA instrument through the experiment
 * service, so a fresh start shows every kind of data and the runs in {@code /api/experiments}.
 */
final class DemoMode {

    private static final Logger LOG = LoggerFactory.getLogger(DemoMode.class);
    private static final String NS = "nsu=" + SimulatorOpcUaServer.NAMESPACE_URI + ";s=Lab/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoMode() {
    }

    static void start(CamelContext context, String brokerUrl, Path data, int opcUaPort, Path hubCertificate,
            Path hubTrustedCerts, int cvdPort, InstrumentRepository instruments, InstrumentRoutes routes,
            ExperimentService experiments) throws Exception {
        PortCheck.requireFree("127.0.0.1", cvdPort, "the demo CVD tool's REST API", "move it with LABHUB_DEMO_CVD_PORT");
        CvdToolServer cvd = CvdToolServer.start(SimulatorOptions.defaults(brokerUrl),
                CvdToolServer.Options.builder().bindAddress("127.0.0.1").port(cvdPort).build());
        context.addService(new HubConfiguration.Closer("CVD tool", cvd), true, false);
        BatteryCyclerMqtt cycler = DemoInstruments.commandedBatteryCycler(brokerUrl).start();
        context.addService(new HubConfiguration.Closer("battery cycler", cycler), true, false);
        ObjectNode cvdInfo = JSON.createObjectNode();
        cvdInfo.put("baseUrl", cvd.baseUri().toString());
        register(instruments, routes, new Instrument(SimulatorOptions.DEFAULT_INSTRUMENT_ID, "LPCVD reactor (polysilicon)",
                Instrument.AdapterType.REST, cvdInfo, List.of("synthesis"), Instrument.Status.AVAILABLE, null,
                JSON.createObjectNode().put("simulated", true), null));
        register(instruments, routes, new Instrument(BatteryCyclerMqtt.DEFAULT_INSTRUMENT_ID, "Battery cycler (LFP cell)",
                Instrument.AdapterType.MQTT, JSON.createObjectNode(), List.of("testing"), Instrument.Status.AVAILABLE,
                null, JSON.createObjectNode().put("simulated", true), null));

        PortCheck.requireFree("127.0.0.1", opcUaPort, "the demo OPC UA server", "move it with LABHUB_DEMO_OPCUA_PORT");
        SimulatorOpcUaServer server = new SimulatorOpcUaServer(
                OpcUaServerOptions.builder(data.resolve("simulator").resolve("pki")).port(opcUaPort).build(),
                DemoInstruments.opcUaInstruments()).start();
        context.addService(new HubConfiguration.Closer("OPC UA simulator", server), true, false);
        Files.createDirectories(hubTrustedCerts);
        copyWhole(hubCertificate, server.trustedCertificatesDir().resolve("labhub-client.der"));
        copyWhole(server.certificateFile(), hubTrustedCerts.resolve("labhub-simulator.der"));

        String endpoint = server.endpointUrl();
        register(instruments, routes, opcUa(endpoint, "TS-1", "Temperature stage", "testing",
                nodes(node("TS-1", "Temperature", "stage.temperature", "K")), List.of()));
        register(instruments, routes, opcUa(endpoint, "PCM-1", "Phase-change memory tester", "testing",
                nodes(node("PCM-1", "Temperature", "pcm.temperature", "K"),
                        node("PCM-1", "Resistance", "pcm.resistance", "Ohm")),
                List.of(series("PCM-1", "Sweep/Temperature", "Sweep/Resistance", "pcm.sweep", "K", "Ohm"))));
        register(instruments, routes, opcUa(endpoint, "XRD-1", "Powder diffractometer (Cu Kα)", "characterization",
                List.of(), List.of(series("XRD-1", "Pattern/TwoTheta", "Pattern/Intensity", "xrd.pattern", "deg",
                        "{counts}"))));
        register(instruments, routes, opcUa(endpoint, "UVVIS-1", "UV-Vis spectrometer", "characterization",
                List.of(), List.of(series("UVVIS-1", "Spectrum/Wavelength", "Spectrum/Absorbance",
                        "uvvis.absorbance", "nm", "1"))));

        Thread starter = new Thread(() -> startExperiments(experiments), "labhub-demo-experiments");
        starter.setDaemon(true);
        starter.start();
        LOG.info("Demo mode: CVD reactor (REST {}) and battery cycler publishing on MQTT {}; XRD-1, UVVIS-1, PCM-1 "
                + "and TS-1 on OPC UA {}", cvd.baseUri(), brokerUrl, endpoint);
    }

    /** Copies a certificate so that a trust-list watcher never sees half of it. */
    private static void copyWhole(Path from, Path to) throws java.io.IOException {
        // the temporary copy lies outside the watched directory, so the watcher never reads it
        Path tmp = to.getParent().resolveSibling(to.getFileName() + ".part");
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void register(InstrumentRepository instruments, InstrumentRoutes routes, Instrument instrument)
            throws Exception {
        if (!instruments.create(instrument)) {
            Instrument old = instruments.find(instrument.id()).orElseThrow();
            instruments.update(new Instrument(instrument.id(), instrument.name(), instrument.adapterType(),
                    instrument.connectionInfo(), instrument.capabilities(), old.status(), null, instrument.metadata(),
                    null));
        }
        routes.changed(instrument);
    }

    private static Instrument opcUa(String endpoint, String id, String name, String capability, List<ObjectNode> nodes,
            List<ObjectNode> series) {
        ObjectNode info = JSON.createObjectNode();
        info.put("endpoint", endpoint);
        info.put("objectNode", NS + id);
        info.putArray("nodes").addAll(nodes);
        info.putArray("series").addAll(series);
        ObjectNode metadata = JSON.createObjectNode();
        metadata.put("simulated", true);
        return new Instrument(id, name, Instrument.AdapterType.OPCUA, info, List.of(capability),
                Instrument.Status.AVAILABLE, null, metadata, null);
    }

    @SafeVarargs
    private static <T> List<T> nodes(T... nodes) {
        return List.of(nodes);
    }

    private static ObjectNode node(String instrument, String variable, String quantity, String unit) {
        ObjectNode n = JSON.createObjectNode();
        n.put("node", NS + instrument + "/" + variable);
        n.put("quantity", quantity);
        n.put("unit", unit);
        n.put("samplingInterval", 500);
        return n;
    }

    private static ObjectNode series(String instrument, String x, String y, String quantity, String xUnit,
            String yUnit) {
        ObjectNode n = JSON.createObjectNode();
        n.put("xNode", NS + instrument + "/" + x);
        n.put("yNode", NS + instrument + "/" + y);
        n.put("quantity", quantity);
        n.put("xUnit", xUnit);
        n.put("yUnit", yUnit);
        n.put("samplingInterval", 500);
        return n;
    }

    /** Submits one run to each OPC UA instrument through the hub's own experiment service, as a user would. */
    private static void startExperiments(ExperimentService experiments) {
        String[][] runs = {{"XRD-1", "CHARACTERIZATION", "{\"speedUp\":40}", "Si"},
            {"UVVIS-1", "CHARACTERIZATION", "{\"speedUp\":20}", null},
            {"PCM-1", "TESTING", "{\"speedUp\":120}", null},
            {"TS-1", "TESTING", "{\"setpointK\":473.15,\"rampKPerS\":2}", null},
            {SimulatorOptions.DEFAULT_INSTRUMENT_ID, "SYNTHESIS", "{\"speedUp\":60}", "Si"},
            {BatteryCyclerMqtt.DEFAULT_INSTRUMENT_ID, "TESTING", "{\"cycles\":10,\"speedUp\":3000}", "LiFePO4"}};
        for (String[] run : runs) {
            try {
                experiments.submit(new SubmitRequest(run[0], ExperimentType.valueOf(run[1]), "demo run on " + run[0],
                        (ObjectNode) JSON.readTree(run[2]), run[3], null, null), "demo");
            } catch (Exception e) {
                LOG.info("Demo mode: no run submitted to {}: {}", run[0], e.getMessage());
            }
        }
    }

}
