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
import org.nanoos.labhub.simulator.instruments.XrdOpcUaInstrument;
import org.nanoos.labhub.simulator.opcua.OpcUaServerOptions;
import org.nanoos.labhub.simulator.opcua.SimulatorOpcUaServer;

/**
 * A diffraction pattern over OPC UA: the simulated diffractometer scans silicon, the hub pairs its 2θ and
 * intensity arrays into one series measurement, in SI (2θ in radians), with the strongest line where silicon's
 * (111) reflection is for Cu Kα1: 2θ = 28.443° (ICDD PDF 27-1402).
 */
class OpcUaSeriesTest extends HubTestSupport {

    private static final TestServers servers = TestServers.get();
    private static final String dbUrl = servers.newDatabase();
    private static final Properties properties = HubProperties.forTest(servers, "opcua-series-test", dbUrl);
    private static final Db db = new Db(dbUrl);
    private static final String NS = "nsu=urn:nanoos:labhub:simulator;s=";
    private static final int PORT = AvailablePortFinder.getNextAvailable();
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
    void should_store_a_silicon_pattern_as_one_series_with_the_111_line_at_28_44_degrees() throws Exception {
        server = new SimulatorOpcUaServer(OpcUaServerOptions.builder(servers.newDataDirectory().resolve("pki"))
                .port(PORT).trustAllClients(true).build(), List.of(new XrdOpcUaInstrument("XRD-1"))).start();
        Path trusted = Path.of(properties.getProperty("labhub.data-dir"), "opcua", "pki", "trusted", "certs");
        Files.createDirectories(trusted);
        Files.copy(server.certificateFile(), trusted.resolve("simulator.der"), StandardCopyOption.REPLACE_EXISTING);
        String endpoint = "opc.tcp://127.0.0.1:" + PORT;
        TemplatedRouteBuilder.builder(context, "opcua-series").routeId("xrd1-pattern")
                .parameter("instrumentId", "XRD-1").parameter("endpoint", endpoint)
                .parameter("xNode", NS + "Lab/XRD-1/Pattern/TwoTheta").parameter("yNode", NS + "Lab/XRD-1/Pattern/Intensity")
                .parameter("quantity", "xrd.pattern").parameter("xUnit", "deg").parameter("yUnit", "{counts}")
                .parameter("samplingInterval", "200").add();

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            template.requestBody("milo-client:" + endpoint + "?node=RAW(" + NS + "Lab/XRD-1)&method=RAW(" + NS
                    + "Lab/XRD-1/StartExperiment)", "{\"start\":20,\"stop\":40,\"step\":0.02,\"countTimeS\":0.5,"
                            + "\"speedUp\":500,\"seed\":42}");
            return true;
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> db.count(
                "SELECT count(*) FROM measurements WHERE quantity = 'xrd.pattern' AND jsonb_array_length(series->'x'->'values') = 1001") == 1);

        List<Object[]> peak = db.rows("""
                SELECT degrees(x::float8), series->'x'->>'unit', series->'x'->>'originalUnit', series->'y'->>'unit'
                FROM measurements m,
                     LATERAL (SELECT x.value AS x FROM jsonb_array_elements_text(m.series->'x'->'values') WITH ORDINALITY x(value, i)
                              JOIN jsonb_array_elements_text(m.series->'y'->'values') WITH ORDINALITY y(value, j) ON i = j
                              ORDER BY y.value::float8 DESC LIMIT 1) p
                WHERE quantity = 'xrd.pattern'
                """);
        assertThat((Double) peak.get(0)[0]).isCloseTo(28.443, org.assertj.core.data.Offset.offset(0.05));
        assertThat(peak.get(0)).containsSubsequence("rad", "deg", "1");
        assertThat(db.rows("SELECT reason FROM dead_letters")).extracting(r -> r[0]).isEmpty();
    }
}
