package org.nanoos.labhub.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.simulator.instruments.XrdOpcUaInstrument;
import org.nanoos.labhub.simulator.opcua.OpcUaServerOptions;
import org.nanoos.labhub.simulator.opcua.SimulatorOpcUaServer;

/**
 * Experiment runs on an OPC UA instrument, from REST submission to the end: the simulated diffractometer is told to
 * scan through its StartExperiment method, tracked through its Status, RunId and Progress variables, aborted through
 * AbortExperiment, and the patterns it publishes meanwhile are linked to the run.
 */
class OpcUaExperimentTest extends HubTestSupport {

    private static final String TOKEN = "experiment-test-token-0123456789";
    private static final TestServers servers = TestServers.get();
    private static final String dbUrl = servers.newDatabase();
    private static final Properties properties = HubProperties.forTest(servers, "opcua-experiment-test", dbUrl);
    private static final Db db = new Db(dbUrl);
    private static final String NS = "nsu=urn:nanoos:labhub:simulator;s=";
    private static final int PORT = AvailablePortFinder.getNextAvailable();
    private static final String ENDPOINT = "opc.tcp://127.0.0.1:" + PORT;
    private static SimulatorOpcUaServer server;

    static {
        properties.setProperty("labhub.api.token", TOKEN);
        properties.setProperty("labhub.experiments.poll-interval-ms", "200");
    }

    private final ApiClient api = new ApiClient(properties, TOKEN);

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

    @BeforeEach
    void instrumentOnline() throws Exception {
        if (server == null || !server.isRunning()) {
            server = new SimulatorOpcUaServer(OpcUaServerOptions.builder(servers.newDataDirectory().resolve("pki"))
                    .port(PORT).trustAllClients(true).build(), List.of(new XrdOpcUaInstrument("XRD-1"))).start();
            Path trusted = Path.of(properties.getProperty("labhub.data-dir"), "opcua", "pki", "trusted", "certs");
            Files.createDirectories(trusted);
            Files.copy(server.certificateFile(), trusted.resolve("simulator-" + PORT + ".der"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        if (context.getRoute("xrd1-pattern") == null) {
            TemplatedRouteBuilder.builder(context, "opcua-series").routeId("xrd1-pattern")
                    .parameter("instrumentId", "XRD-1").parameter("endpoint", ENDPOINT)
                    .parameter("xNode", NS + "Lab/XRD-1/Pattern/TwoTheta")
                    .parameter("yNode", NS + "Lab/XRD-1/Pattern/Intensity")
                    .parameter("quantity", "xrd.pattern").parameter("xUnit", "deg").parameter("yUnit", "{counts}")
                    .parameter("samplingInterval", "100").add();
        }
        if (api.send("GET", "/instruments/XRD-1", null, false).statusCode() == 404) {
            api.json("POST", "/instruments", "{\"id\":\"XRD-1\",\"name\":\"Powder diffractometer\","
                    + "\"adapterType\":\"OPCUA\",\"capabilities\":[\"characterization\"],\"connectionInfo\":"
                    + "{\"endpoint\":\"" + ENDPOINT + "\",\"objectNode\":\"" + NS + "Lab/XRD-1\"}}", 201);
        }
    }

    private JsonNode submit(String parameters, String extra) throws Exception {
        return api.json("POST", "/experiments", "{\"instrumentId\":\"XRD-1\",\"type\":\"characterization\","
                + "\"material\":\"Si\",\"parameters\":" + parameters + extra + "}", 201);
    }

    private JsonNode awaitStatus(String id, String status) {
        return api.awaitField("/experiments/" + id, "status", status, Duration.ofSeconds(60));
    }

    private static List<String> events(JsonNode run) {
        return ApiClient.column(run, "events", "status");
    }

    @Test
    void should_run_a_characterization_to_completed_with_its_patterns_linked_to_it() throws Exception {
        JsonNode submitted = submit("{\"structure\":\"diamond\",\"element\":\"Si\",\"a\":5.431,\"start\":20,"
                + "\"stop\":60,\"step\":0.02,\"countTimeS\":0.5,\"speedUp\":400,\"seed\":7}", "");
        assertThat(submitted.get("status").asText()).isEqualTo("PENDING");
        String id = submitted.get("id").asText();

        JsonNode done = awaitStatus(id, "COMPLETED");
        assertThat(events(done)).containsExactly("PENDING", "RUNNING", "COMPLETED");
        assertThat(done.get("externalId").asText()).isEqualTo(
                server.instruments().get(0) instanceof XrdOpcUaInstrument x ? x.runId() : "?");
        assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(done.get("durationSeconds").asDouble()).isPositive();
        assertThat(done.get("material").asText()).isEqualTo("Si");

        // the final pattern (2001 points, 20–60°) is stored and linked to the run, whenever it arrived
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM measurements WHERE "
                + "experiment_run_id = ? AND quantity = 'xrd.pattern' AND jsonb_array_length(series->'x'->'values') = 2001",
                UUID.fromString(id)) >= 1);
        // nothing of the run is stored unlinked, nothing outside its window is linked
        assertThat(db.count("SELECT count(*) FROM measurements m JOIN experiment_runs r ON r.instrument_id = "
                + "m.instrument_id WHERE r.id = ? AND m.ts BETWEEN r.started_at AND r.completed_at "
                + "AND m.experiment_run_id IS DISTINCT FROM r.id", UUID.fromString(id))).isZero();
        assertThat(db.count("SELECT count(*) FROM measurements m JOIN experiment_runs r ON r.id = m.experiment_run_id "
                + "WHERE r.id = ? AND NOT (m.ts BETWEEN r.started_at AND r.completed_at)", UUID.fromString(id))).isZero();
        assertThat(api.get("/experiments/" + id).get("measurements").toString()).contains("xrd.pattern");
        assertThat(api.get("/instruments/XRD-1").get("status").asText()).isEqualTo("AVAILABLE");
    }

    @Test
    void should_cancel_a_running_scan_by_aborting_it_on_the_instrument() throws Exception {
        String id = submit("{\"start\":20,\"stop\":90,\"step\":0.02,\"countTimeS\":1,\"speedUp\":5}", "")
                .get("id").asText();
        awaitStatus(id, "RUNNING");
        assertThat(api.get("/instruments/XRD-1").get("status").asText()).isEqualTo("BUSY");
        // one run at a time per instrument
        ApiClient.assertProblem(api.send("POST", "/experiments",
                "{\"instrumentId\":\"XRD-1\",\"type\":\"characterization\"}", true), 409, "busy");

        JsonNode cancelled = api.json("POST", "/experiments/" + id + "/cancel", null, 200);
        assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(events(api.get("/experiments/" + id))).containsExactly("PENDING", "RUNNING", "CANCELLED");
        XrdOpcUaInstrument xrd = (XrdOpcUaInstrument) server.instruments().get(0);
        assertThat(xrd.status().name()).isEqualTo("ABORTED");
        ApiClient.assertProblem(api.send("POST", "/experiments/" + id + "/cancel", null, true), 409, "ended already");
    }

    @Test
    void should_fail_a_run_whose_parameters_the_instrument_refuses() throws Exception {
        String id = submit("{\"structure\":\"perovskite\"}", "").get("id").asText();
        JsonNode failed = awaitStatus(id, "FAILED");
        assertThat(failed.get("errorMessage").asText()).contains("refused", "Bad_InvalidArgument");
        assertThat(events(failed)).containsExactly("PENDING", "FAILED");
    }

    @Test
    void should_fail_a_run_whose_instrument_goes_silent() throws Exception {
        String id = submit("{\"start\":20,\"stop\":90,\"step\":0.02,\"countTimeS\":1,\"speedUp\":5}",
                ",\"silenceTimeoutSeconds\":3").get("id").asText();
        awaitStatus(id, "RUNNING");
        server.close();
        JsonNode failed = awaitStatus(id, "FAILED");
        assertThat(failed.get("errorMessage").asText()).contains("XRD-1 has been silent for", "timeout 3 s");
        assertThat(events(failed)).containsExactly("PENDING", "RUNNING", "FAILED");
        assertThat(api.get("/instruments/XRD-1").get("status").asText()).isEqualTo("OFFLINE");
    }

    @Test
    void should_refuse_bad_submissions_with_a_problem_saying_what_was_wrong() throws Exception {
        ApiClient.assertProblem(api.send("POST", "/experiments",
                "{\"instrumentId\":\"XRD-1\",\"type\":\"characterization\"}", false), 401, "Bearer");
        ApiClient.assertProblem(api.send("POST", "/experiments",
                "{\"instrumentId\":\"NOPE\",\"type\":\"characterization\"}", true), 422, "no instrument 'NOPE'");
        ApiClient.assertProblem(api.send("POST", "/experiments",
                "{\"instrumentId\":\"XRD-1\",\"type\":\"synthesis\"}", true), 422, "offers [characterization]");
        ApiClient.assertProblem(api.send("POST", "/experiments",
                "{\"instrumentId\":\"XRD-1\",\"type\":\"dancing\"}", true), 400, "type 'dancing'");
        ApiClient.assertProblem(api.send("POST", "/experiments",
                "{\"instrumentId\":\"XRD-1\",\"type\":\"testing\",\"when\":1}", true), 400, "unknown field 'when'");
        ApiClient.assertProblem(api.send("GET", "/experiments/not-a-uuid", null, false), 404, "UUIDs");
        ApiClient.assertProblem(api.send("GET", "/experiments/" + UUID.randomUUID(), null, false), 404, "no experiment");
    }
}
