package org.nanoos.labhub.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.LongStream;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.simulator.opcua.CounterInstrument;
import org.nanoos.labhub.simulator.opcua.OpcUaServerOptions;
import org.nanoos.labhub.simulator.opcua.SimulatorOpcUaServer;

/**
 * Nothing lost from a node that changes many times per publishing interval: the simulator's pulse counter steps
 * every 20 ms and reports every step to the hub's monitored item, so each step the hub does not store was dropped
 * by the hub's subscription (a monitored item queue too short for the samples between two publishes).
 */
class OpcUaEveryValueTest extends HubTestSupport {

    private static final TestServers servers = TestServers.get();
    private static final String dbUrl = servers.newDatabase();
    private static final Properties properties = HubProperties.forTest(servers, "opcua-every-value-test", dbUrl);
    private static final Db db = new Db(dbUrl);
    private static final String NS = "nsu=urn:nanoos:labhub:simulator;s=";
    private static final int PORT = AvailablePortFinder.getNextAvailable();
    private static final int STEPS = 200;
    private static SimulatorOpcUaServer server;

    @Override
    protected Properties hubProperties() {
        return properties;
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void should_store_every_step_of_a_counter_that_changes_faster_than_the_publishing_interval_exactly_once()
            throws Exception {
        server = new SimulatorOpcUaServer(OpcUaServerOptions.builder(servers.newDataDirectory().resolve("pki"))
                .port(PORT).trustAllClients(true).build(),
                List.of(new CounterInstrument("CNT-1", Duration.ofMillis(20)))).start();
        Path trusted = Path.of(properties.getProperty("labhub.data-dir"), "opcua", "pki", "trusted", "certs");
        Files.createDirectories(trusted);
        Files.copy(server.certificateFile(), trusted.resolve("simulator.der"), StandardCopyOption.REPLACE_EXISTING);
        String endpoint = "opc.tcp://127.0.0.1:" + PORT;
        TemplatedRouteBuilder.builder(context, "opcua-node").routeId("cnt1-count")
                .parameter("instrumentId", "CNT-1").parameter("endpoint", endpoint)
                .parameter("node", NS + "Lab/CNT-1/Count").parameter("quantity", "counter.count")
                .parameter("samplingInterval", "20").add();
        // the subscription is live once the count before the run (0) is stored
        await().atMost(Duration.ofSeconds(60)).until(() -> db.count(
                "SELECT count(*) FROM measurements WHERE instrument_id = 'CNT-1' AND value = 0") == 1);

        template.requestBody("milo-client:" + endpoint + "?node=RAW(" + NS + "Lab/CNT-1)&method=RAW(" + NS
                + "Lab/CNT-1/StartExperiment)", "{\"count\":" + STEPS + "}");

        // values arrive in order, so once the last step is stored every earlier one that arrived is stored too
        await().atMost(Duration.ofSeconds(60)).until(() -> db.count(
                "SELECT count(*) FROM measurements WHERE instrument_id = 'CNT-1' AND value = ?", (double) STEPS) == 1);
        List<Double> counts = db.rows("SELECT value FROM measurements WHERE instrument_id = 'CNT-1' AND value > 0 "
                + "ORDER BY ts").stream().map(r -> (Double) r[0]).toList();
        assertThat(counts).as("every step, once, in order")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, STEPS).mapToObj(i -> (double) i).toList());
        assertThat(db.rows("SELECT DISTINCT quantity, quality FROM measurements WHERE instrument_id = 'CNT-1'"))
                .singleElement().satisfies(r -> assertThat(r).containsExactly("counter.count", "GOOD"));
        assertThat(db.count("SELECT count(*) FROM dead_letters")).isZero();
    }
}
