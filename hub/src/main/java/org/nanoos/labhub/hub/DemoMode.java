package org.nanoos.labhub.hub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.nanoos.labhub.simulator.Simulator;
import org.nanoos.labhub.simulator.SimulatorOptions;
import org.nanoos.labhub.simulator.instruments.BatteryCyclerMqtt;
import org.nanoos.labhub.simulator.instruments.DemoInstruments;
import org.nanoos.labhub.simulator.opcua.OpcUaServerOptions;
import org.nanoos.labhub.simulator.opcua.SimulatorOpcUaServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's demo mode ({@code --demo}): the simulated instruments in-process and wired as a lab engineer would wire
 * real ones — the CVD reactor and the battery cycler publishing over MQTT, the XRD, UV-Vis, PCM tester and
 * temperature stage on an OPC UA server, trusted both ways through the same certificate files an operator copies,
 * subscribed through the {@code opcua-node} and {@code opcua-series} templates — and one experiment started on each
 * OPC UA instrument so a fresh start shows every kind of data.
 */
final class DemoMode {

    private static final Logger LOG = LoggerFactory.getLogger(DemoMode.class);
    private static final String NS = "nsu=" + SimulatorOpcUaServer.NAMESPACE_URI + ";s=Lab/";

    private DemoMode() {
    }

    static void start(CamelContext context, String brokerUrl, Path data, int opcUaPort, Path hubCertificate,
            Path hubTrustedCerts) throws Exception {
        Simulator cvd = Simulator.start(SimulatorOptions.defaults(brokerUrl));
        context.addService(new HubConfiguration.Closer("CVD simulator", cvd), true, false);
        BatteryCyclerMqtt cycler = DemoInstruments.batteryCycler(brokerUrl).start();
        context.addService(new HubConfiguration.Closer("battery cycler", cycler), true, false);

        PortCheck.requireFree("127.0.0.1", opcUaPort, "the demo OPC UA server", "move it with LABHUB_DEMO_OPCUA_PORT");
        SimulatorOpcUaServer server = new SimulatorOpcUaServer(
                OpcUaServerOptions.builder(data.resolve("simulator").resolve("pki")).port(opcUaPort).build(),
                DemoInstruments.opcUaInstruments()).start();
        context.addService(new HubConfiguration.Closer("OPC UA simulator", server), true, false);
        Files.createDirectories(hubTrustedCerts);
        Files.copy(hubCertificate, server.trustedCertificatesDir().resolve("labhub-client.der"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(server.certificateFile(), hubTrustedCerts.resolve("labhub-simulator.der"),
                StandardCopyOption.REPLACE_EXISTING);

        String endpoint = server.endpointUrl();
        node(context, endpoint, "TS-1", "Temperature", "stage.temperature", "K");
        node(context, endpoint, "PCM-1", "Temperature", "pcm.temperature", "K");
        node(context, endpoint, "PCM-1", "Resistance", "pcm.resistance", "Ohm");
        series(context, endpoint, "XRD-1", "Pattern/TwoTheta", "Pattern/Intensity", "xrd.pattern", "deg", "{counts}");
        series(context, endpoint, "UVVIS-1", "Spectrum/Wavelength", "Spectrum/Absorbance", "uvvis.absorbance", "nm", "1");

        Thread starter = new Thread(() -> startExperiments(context, endpoint), "labhub-demo-experiments");
        starter.setDaemon(true);
        starter.start();
        LOG.info("Demo mode: CVD reactor and battery cycler on MQTT {}, XRD-1, UVVIS-1, PCM-1 and TS-1 on OPC UA {}",
                brokerUrl, endpoint);
    }

    private static void node(CamelContext context, String endpoint, String instrument, String variable,
            String quantity, String unit) throws Exception {
        TemplatedRouteBuilder.builder(context, "opcua-node").routeId("demo-" + instrument + "-" + variable)
                .parameter("instrumentId", instrument).parameter("endpoint", endpoint)
                .parameter("node", NS + instrument + "/" + variable).parameter("quantity", quantity)
                .parameter("unit", unit).parameter("samplingInterval", "500").add();
    }

    private static void series(CamelContext context, String endpoint, String instrument, String x, String y,
            String quantity, String xUnit, String yUnit) throws Exception {
        TemplatedRouteBuilder.builder(context, "opcua-series").routeId("demo-" + instrument + "-series")
                .parameter("instrumentId", instrument).parameter("endpoint", endpoint)
                .parameter("xNode", NS + instrument + "/" + x).parameter("yNode", NS + instrument + "/" + y)
                .parameter("quantity", quantity).parameter("xUnit", xUnit).parameter("yUnit", yUnit)
                .parameter("samplingInterval", "500").add();
    }

    /** Starts one run on each OPC UA instrument with its defaults, retrying while the session comes up. */
    private static void startExperiments(CamelContext context, String endpoint) {
        ProducerTemplate producer = context.createProducerTemplate();
        String[][] runs = {{"XRD-1", "{\"speedUp\":40}"}, {"UVVIS-1", "{\"speedUp\":20}"},
            {"PCM-1", "{\"speedUp\":120}"}, {"TS-1", "{\"setpointK\":473.15,\"rampKPerS\":2}"}};
        for (String[] run : runs) {
            String uri = "milo-client:" + endpoint + "?node=RAW(" + NS + run[0] + ")&method=RAW(" + NS + run[0]
                    + "/StartExperiment)";
            for (int attempt = 1; attempt <= 15; attempt++) {
                try {
                    producer.requestBody(uri, run[1]);
                    LOG.info("Demo mode: started an experiment on {}", run[0]);
                    break;
                } catch (RuntimeException e) {
                    if (attempt == 15) {
                        LOG.warn("Demo mode: could not start an experiment on {}: {}", run[0], e.getMessage());
                        break;
                    }
                    try {
                        Thread.sleep(2000);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }
}
