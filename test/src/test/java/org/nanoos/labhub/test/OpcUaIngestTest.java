package org.nanoos.labhub.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.simulator.opcua.OpcUaServerOptions;
import org.nanoos.labhub.simulator.opcua.SimulatorOpcUaServer;
import org.nanoos.labhub.simulator.opcua.TemperatureStageInstrument;

/**
 * OPC UA end to end: the hub subscribes to a node of the simulator's real OPC UA server (Milo) over
 * Basic256Sha256 with its own certificate, which the server trusts only once it is in its trust list; values are
 * normalized and stored; after the server restarts, values arrive again without restarting the hub.
 */
class OpcUaIngestTest extends HubTestSupport {

    private static final TestServers servers = TestServers.get();
    private static final String dbUrl = servers.newDatabase();
    private static final Properties properties = HubProperties.forTest(servers, "opcua-test", dbUrl);
    private static final Db db = new Db(dbUrl);
    private static final String NODE = "nsu=urn:nanoos:labhub:simulator;s=Lab/TS-1/Temperature";
    private static final int PORT = AvailablePortFinder.getNextAvailable();
    private static final Path PKI = servers.newDataDirectory().resolve("pki");
    private static SimulatorOpcUaServer server;

    @Override
    protected Properties hubProperties() {
        return properties;
    }

    private static SimulatorOpcUaServer startServer() {
        TemperatureStageInstrument stage = new TemperatureStageInstrument("TS-1",
                TemperatureStageInstrument.StageSettings.defaults().withTimeConstantS(1.0)
                        .withTickInterval(Duration.ofMillis(100)));
        return new SimulatorOpcUaServer(OpcUaServerOptions.builder(PKI).port(PORT).build(), List.of(stage)).start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private String endpoint() {
        return "opc.tcp://127.0.0.1:" + PORT;
    }

    private void startExperiment(double setpointK) {
        template.requestBody("milo-client:" + endpoint() + "?node=RAW(nsu=urn:nanoos:labhub:simulator;s=Lab/TS-1)"
                + "&method=RAW(nsu=urn:nanoos:labhub:simulator;s=Lab/TS-1/StartExperiment)",
                "{\"setpointK\":" + setpointK + ",\"rampKPerS\":100}");
    }

    private long rows() {
        return db.count("SELECT count(*) FROM measurements WHERE instrument_id = 'TS-1'");
    }

    @Test
    void should_store_node_values_over_a_secure_channel_and_resume_after_the_server_restarts() throws Exception {
        server = startServer();
        TemplatedRouteBuilder.builder(context, "opcua-node").routeId("ts1-temperature")
                .parameter("instrumentId", "TS-1").parameter("endpoint", endpoint()).parameter("node", NODE)
                .parameter("quantity", "stage.temperature").parameter("unit", "K").parameter("samplingInterval", "100")
                .add();

        // each side trusts the other only once its certificate is in the trust list
        Path hubDir = Path.of(properties.getProperty("labhub.data-dir"), "opcua");
        Files.createDirectories(hubDir.resolve("pki/trusted/certs"));
        Files.copy(server.certificateFile(), hubDir.resolve("pki/trusted/certs/simulator.der"),
                StandardCopyOption.REPLACE_EXISTING);
        Path hubCertificate = hubDir.resolve("labhub-client.der");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(hubCertificate));
        assertThat(rows()).isZero();
        Files.copy(hubCertificate, server.trustedCertificatesDir().resolve("labhub-client.der"),
                StandardCopyOption.REPLACE_EXISTING);
        await().atMost(Duration.ofSeconds(60)).until(() -> rows() >= 1);

        startExperiment(400.0);
        await().atMost(Duration.ofSeconds(60)).until(() -> db.count(
                "SELECT count(*) FROM measurements WHERE instrument_id = 'TS-1' AND value > 390") >= 1);
        List<Object[]> row = db.rows("SELECT quantity, unit, quality, source FROM measurements WHERE instrument_id = 'TS-1' "
                + "ORDER BY ts DESC LIMIT 1");
        assertThat(row.get(0)).containsExactly("stage.temperature", "K", "GOOD", "opcua:" + endpoint() + "#" + NODE);

        // the server restarts: the hub's subscription comes back by itself; a cryostat setpoint below ambient
        // gives values that only the restarted server can have produced
        server.close();
        long before = rows();
        server = startServer();
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
            if (db.count("SELECT count(*) FROM measurements WHERE instrument_id = 'TS-1' AND value < 280") == 0) {
                startExperiment(250.0);
            }
            assertThat(db.count("SELECT count(*) FROM measurements WHERE instrument_id = 'TS-1' AND value < 280"))
                    .isGreaterThan(0);
        });
        assertThat(rows()).isGreaterThan(before);
        assertThat(db.count("SELECT count(*) FROM dead_letters")).isZero();
    }
}
